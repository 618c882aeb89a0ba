// A static SPA: every page renders in the browser from IndexedDB, so it works offline.
export const ssr = false;
export const prerender = false;
