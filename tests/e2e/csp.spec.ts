import { expect, test, type Page } from '@playwright/test';
import { resetSandbox, signIn, waitForServiceWorker, waitForSynced } from './helpers';

/**
 * Issue 10: the built app runs under its Content-Security-Policy (Kit's meta tag, hashes for
 * inline scripts, no 'unsafe-inline' for scripts) with no violation on any page, signed in,
 * with the service worker in control; and HTML answers carry frame-ancestors as a header.
 */
const PAGES = [
	'/',
	'/membership',
	'/partnership/offers',
	'/partnership/offers/sub-fabrikam-action-pack',
	'/partnership/offers/sub-fabrikam-action-pack/renew',
	'/partnership/offers/subscribe',
	'/settings/payment-methods',
	'/support',
	'/support/new',
	'/support/requests'
];

declare global {
	interface Window {
		__csp: string[];
	}
}

async function violations(page: Page): Promise<string[]> {
	return page.evaluate(() => window.__csp ?? []);
}

test('no CSP violation on any page, signed in, with the service worker in control', async ({ page, request }) => {
	await resetSandbox(request);
	const consoleErrors: string[] = [];
	page.on('console', (msg) => {
		const text = msg.text();
		if (/content security policy|refused to (load|execute|apply|connect|frame)/i.test(text)) consoleErrors.push(text);
	});
	// Recorded from the first script on every document, before the app's own code runs.
	await page.addInitScript(() => {
		window.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) => {
			window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
		});
	});

	const shell = await page.goto('/signin');
	// Kit sends its policy as a header on pages it renders (vite preview) and as a <meta> tag in
	// the static build; frame-ancestors always comes as a header (a meta tag cannot carry it).
	const headerPolicies = (await shell!.headersArray()).filter((h) => h.name.toLowerCase() === 'content-security-policy').map((h) => h.value);
	const metaPolicies = await page.locator('meta[http-equiv="content-security-policy"]').evaluateAll((els) => els.map((e) => e.getAttribute('content') ?? ''));
	const policies = [...headerPolicies, ...metaPolicies];
	expect(headerPolicies).toContain("frame-ancestors 'none'");
	const main = policies.find((p) => p.includes('script-src'));
	expect(main, policies.join(' | ')).toMatch(/script-src 'self' 'sha256-/);
	expect(main).not.toMatch(/script-src[^;]*unsafe-inline/);
	expect(main).toContain("object-src 'none'");
	expect(shell?.headers()['x-content-type-options']).toBe('nosniff');

	const seen: Record<string, string[]> = { '/signin': await violations(page) };
	await signIn(page, 'admin@fabrikam.example');
	await waitForSynced(page);
	await waitForServiceWorker(page);
	seen['/ (after sign-in)'] = await violations(page);

	// A request of its own, so the request page has something to show.
	const token = (
		await (await request.post('/api/v1/auth/signin', { data: { email: 'admin@fabrikam.example', password: 'sandbox' } })).json()
	).token as string;
	const sr = await request.post('/api/v1/servicerequests/en-US', {
		headers: { authorization: `Bearer ${token}`, 'ms-requestid': crypto.randomUUID() },
		data: { title: 'CSP check', description: 'A request for the CSP test.', severity: 'minimal', supportTopicId: 'billing', primaryContact: { name: 'Ji-woo Kim', email: 'admin@fabrikam.example' } }
	});
	expect(sr.status()).toBe(201);

	for (const path of PAGES) {
		await page.goto(path);
		await expect(page.locator('main h1')).toBeVisible();
		seen[path] = await violations(page);
	}
	// Reloaded pages come from the service worker's cached shell: same policy, no violation.
	await page.reload();
	await expect(page.locator('main h1')).toBeVisible();
	seen['/support/requests (reloaded, from the worker)'] = await violations(page);

	// The request's own page, reached as a person would.
	await page.getByRole('link', { name: /CSP check/ }).first().click();
	await expect(page.locator('main h1')).toBeVisible();
	seen['/support/requests/{id}'] = await violations(page);

	// Transitions and the menu (Svelte styles at run time).
	await page.goto('/');
	await page.getByRole('button', { name: 'Menu' }).click();
	await page.waitForTimeout(500);
	seen['menu'] = await violations(page);

	const all = Object.entries(seen).filter(([, v]) => v.length > 0);
	expect(all).toEqual([]);
	expect(consoleErrors).toEqual([]);
});
