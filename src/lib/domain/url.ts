/**
 * Links that come from data (an API answer) rather than from the app's own code. Only https
 * URLs become links: `javascript:` would run in the app's origin, `data:` and `http:` pages
 * could impersonate it.
 */
export function safeHttpsUrl(url: unknown): string | null {
	if (typeof url !== 'string' || url.length > 2048) return null;
	// Browsers drop leading/trailing controls and spaces and tabs/newlines inside a scheme
	// ("java\tscript:"), so parse as the browser will and judge the parsed result.
	let parsed: URL;
	try {
		parsed = new URL(url.trim());
	} catch {
		return null; // relative or malformed: data must say where it points
	}
	if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return null;
	return parsed.href;
}
