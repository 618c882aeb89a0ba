import { i18n } from '$lib/i18n/i18n.svelte';

// A static SPA: every page renders in the browser from IndexedDB, so it works offline.
export const ssr = false;
export const prerender = false;

// The user's language table is in place before anything renders.
export const load = async () => {
	await i18n.ready();
	return {};
};
