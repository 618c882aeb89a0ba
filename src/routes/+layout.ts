import { shellFirst } from '$lib/db/queries';
import { i18n } from '$lib/i18n/i18n.svelte';

// A static SPA: every page renders in the browser from IndexedDB, so it works offline.
export const ssr = false;
export const prerender = false;

// The user's language tables are in place before anything renders. A Korean user also gets
// the other pages' Korean strings now (English users fetch that table with those pages only).
// The shell's data (session, sync bar) is read alongside, and the page's own load reads its data
// meanwhile: the shell paints once, with the page, instead of a "loading" frame and then the page.
export const load = async () => {
	const [first] = await Promise.all([
		shellFirst().catch(() => undefined),
		i18n.ready(),
		i18n.wanted === 'ko' ? import('$lib/i18n/messages-pages').then((m) => m.pagesStringsReady()) : undefined
	]);
	return { shell: first };
};
