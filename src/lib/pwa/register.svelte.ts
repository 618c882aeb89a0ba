/**
 * Registers the service worker with workbox-window and tracks whether an update waits.
 * The new worker is only activated when the user chooses "Reload", so a form half-filled in
 * this tab is never swapped out from under them.
 */
import { Workbox } from 'workbox-window';

class PwaState {
	updateWaiting = $state(false);
	#wb: Workbox | undefined;

	async register(): Promise<void> {
		if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || this.#wb) return;
		const dev = import.meta.env.DEV;
		// Every visit registers, so workbox-window is in the visit's one chunk (vite.config.ts):
		// a lazy import of it would only add a file and a round trip.
		this.#wb = new Workbox(dev ? '/dev-sw.js?dev-sw' : '/service-worker.js', {
			scope: '/',
			type: dev ? 'module' : 'classic'
		});
		this.#wb.addEventListener('waiting', () => (this.updateWaiting = true));
		this.#wb.addEventListener('controlling', (e) => {
			if (e.isUpdate) window.location.reload();
		});
		try {
			await this.#wb.register();
		} catch {
			// No worker (dev without PWA, blocked storage): the app still works online.
		}
	}

	applyUpdate(): void {
		this.#wb?.messageSkipWaiting();
	}
}

export const pwa = new PwaState();

/** Ask the browser not to evict our data under storage pressure. */
export async function requestPersistence(): Promise<void> {
	try {
		if (navigator.storage?.persist && !(await navigator.storage.persisted())) await navigator.storage.persist();
	} catch {
		// Not supported; nothing to do.
	}
}
