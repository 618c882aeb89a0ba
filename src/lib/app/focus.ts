/**
 * After a client-side navigation, focus moves to the new page's heading, so a screen reader
 * reads out where the user has arrived and the next Tab starts from there. SvelteKit has put
 * focus on <body> (or on an [autofocus] element, such as a wizard's step heading). Anything else
 * holding focus was placed there on purpose (a filter navigating with keepFocus, or the user
 * already moving on) and keeps it. The first load moves nothing: the reader starts at the top,
 * as it should. The scroll stays where SvelteKit put it: the top, or where Back had left the page.
 * A page whose heading waits for its live query (a request's details) is waited for, about a
 * second at most; past that, focus stays on <body>, SvelteKit's choice.
 * The heading becomes focusable by script only (tabindex -1), never a tab stop of its own.
 */
export function focusPageHeading(first: boolean, frames = 60): void {
	if (first || document.activeElement !== document.body) return;
	const heading = document.querySelector<HTMLElement>('main h1');
	if (!heading) {
		if (frames > 0) requestAnimationFrame(() => focusPageHeading(false, frames - 1));
		return;
	}
	if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
	heading.focus({ preventScroll: true });
}
