/**
 * What the action and sync tests run against (imported by tests only): the real sandbox over
 * HTTP on 127.0.0.1 with its controls, the app's Dexie (fake-indexeddb in unit tests) and the
 * app's API client, which reads the stored session's token as the app does.
 */
import { createApiClient, type ApiClient } from '$lib/api/client';
import { getDb, type PartnerDB } from '$lib/db/db';
import { startSandboxServer, type SandboxServer } from '$lib/server/sandbox';
import { sandboxControl, type SandboxControl } from '$lib/server/sandbox/testkit';

export interface Harness {
	server: SandboxServer;
	control: SandboxControl;
	db: PartnerDB;
	client: ApiClient;
}

/** Call in `beforeAll`; `server.close()` in `afterAll`. */
export async function startHarness(): Promise<Harness> {
	const server = await startSandboxServer({ port: 0 });
	const db = getDb();
	const client = createApiClient({ baseUrl: server.url, getToken: async () => (await db.session.get('current'))?.token });
	return { server, control: sandboxControl(server.url), db, client };
}
