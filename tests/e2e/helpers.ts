import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const PASSWORD = 'sandbox';

/**
 * The test's own calls to the sandbox controls. A keep-alive socket the sandbox cut (its
 * "answer lost after commit" fault destroys sockets) can fail the next call with ECONNRESET:
 * that is the test client's plumbing, not the app under test, so it is tried again.
 */
async function control<T>(call: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await call();
		} catch (e) {
			if (attempt >= 3 || !/ECONNRESET|socket hang up/.test(String(e))) throw e;
		}
	}
}

export async function resetSandbox(request: APIRequestContext): Promise<void> {
	// The controls answer only application/json requests (issue 10): `data` sends that.
	const res = await control(() => request.post('/api/__sandbox/reset', { data: {} }));
	expect(res.ok()).toBeTruthy();
}

export async function setFaults(request: APIRequestContext, faults: Record<string, unknown>): Promise<void> {
	const res = await control(() => request.put('/api/__sandbox/faults', { data: faults }));
	expect(res.ok()).toBeTruthy();
}

/** Bulk requests for a partner, oldest first: `Seeded request 1` … `n`, the first `closed` of them closed. */
export async function seedServiceRequests(request: APIRequestContext, partnerId: string, serviceRequests: number, closed = 0): Promise<void> {
	const res = await control(() => request.post('/api/__sandbox/seed', { data: { partnerId, serviceRequests, closed } }));
	expect(res.ok()).toBeTruthy();
}

export async function ledger(request: APIRequestContext) {
	const res = await control(() => request.get('/api/__sandbox/ledger', { headers: { 'content-type': 'application/json' } }));
	expect(res.ok()).toBeTruthy();
	return res.json();
}

/** Signs in through the form, as a user does, and waits for the dashboard's data. */
export async function signIn(page: Page, email: string, labels = { email: 'Email', password: 'Password', signIn: 'Sign in', dashboard: 'Dashboard' }) {
	await page.goto('/signin');
	await page.getByLabel(labels.email).fill(email);
	await page.getByLabel(labels.password).fill(PASSWORD);
	await page.getByRole('button', { name: labels.signIn, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: labels.dashboard })).toBeVisible();
}

/** The service worker controls the page and has precached the shell. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
}

/**
 * Waits until the last pull has written its timestamp (the app's data is in IndexedDB). Polled
 * with `page.evaluate`, which waits for the promise (`page.waitForFunction` would take the
 * promise itself for a truthy answer). Also used by the bench (tests/bench/lib.ts).
 */
export async function waitForSynced(page: Page, timeout?: number): Promise<void> {
	await expect
		.poll(
			() =>
				page.evaluate(
					() =>
						new Promise<boolean>((resolve) => {
							const open = indexedDB.open('partner-membership');
							open.onsuccess = () => {
								const db = open.result;
								try {
									const get = db.transaction('meta', 'readonly').objectStore('meta').get('lastSyncedAt');
									get.onsuccess = () => resolve(!!get.result);
									get.onerror = () => resolve(false);
								} catch {
									resolve(false); // no `meta` store yet: the app has not opened its database
								} finally {
									db.close();
								}
							};
							open.onerror = () => resolve(false);
						})
				),
			{ timeout }
		)
		.toBe(true);
}

export interface QueuedRequest {
	title: string;
	description?: string;
	supportTopicId?: string;
}

/**
 * Files many requests at once through the app's own action (src/lib/testing/hooks.ts, in the
 * end-to-end build only): filing 200 through the form would take minutes, and what is under
 * test here is their delivery.
 */
export async function queueServiceRequests(page: Page, items: QueuedRequest[]): Promise<void> {
	await page.waitForFunction(() => '__pmTest' in window);
	await page.evaluate(
		(items) => (window as unknown as { __pmTest: { fileServiceRequests(i: unknown): Promise<void> } }).__pmTest.fileServiceRequests(items),
		items
	);
}

export async function outboxCount(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('partner-membership');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('outbox').objectStore('outbox').count();
					req.onsuccess = () => resolve(req.result);
					req.onerror = () => reject(req.error);
				};
			})
	);
}

/** The signed-in session's bearer token, as the app stored it (for tests that end it server-side). */
export async function sessionToken(page: Page): Promise<string> {
	return page.evaluate(
		() =>
			new Promise<string>((resolve) => {
				const open = indexedDB.open('partner-membership');
				open.onsuccess = () => {
					const get = open.result.transaction('session').objectStore('session').get('current');
					get.onsuccess = () => resolve(get.result.token);
				};
			})
	);
}
