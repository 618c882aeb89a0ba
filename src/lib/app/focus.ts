/**
 * After a client-side navigation, focus moves to the new page's heading, so a screen reader
 * reads out where the user has arrived and the next Tab starts from there. SvelteKit has put
 * focus on <body> (or on an [autofocus] element, such as a wizard's step heading). Anything else
 * holding focus was placed there on purpose (a filter navigating with keepFocus) and keeps it.
 * The first load moves nothing: the reader starts at the top, as it should. The scroll stays
 * where SvelteKit put it: the top, or where Back had left the page. A page still reading its data
 * (no heading yet) gives focus to <main> instead.
 * The heading becomes focusable by script only (tabindex -1), never a tab stop of its own.
 */
export function focusPageHeading(first: boolean): void {
	if (first || document.activeElement !== document.body) return;
	const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main');
	if (!target) return;
	if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
	target.focus({ preventScroll: true });
}
