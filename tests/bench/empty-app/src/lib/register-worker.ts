/** Registered like the app does it (workbox-window, loaded after the first paint). */
export function registerWorker(): void {
	void import('workbox-window').then(({ Workbox }) => new Workbox('/service-worker.js', { scope: '/', type: 'classic' }).register());
}
