/**
 * One sandbox server per test file (tests only: it registers Vitest hooks). Started before the
 * file's tests on the date the sandbox tests assume, reset to the seed before each test, closed
 * after them.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandboxServer, type SandboxServer } from './index.ts';
import { apiClient, type ApiClient } from './testkit.ts';

export function sandboxPerFile(): { api: ApiClient } {
	let server: SandboxServer | undefined;
	let client: ApiClient | undefined;
	beforeAll(async () => {
		server = await startSandboxServer({ today: '2026-01-10' });
		client = apiClient(server.url);
	});
	afterAll(() => server?.close());
	beforeEach(async () => {
		await client!.call('POST', '/__sandbox/reset');
	});
	// The client exists only once the server has started; tests hold this stand-in from the start.
	const api = new Proxy({} as ApiClient, { get: (_, key) => client![key as keyof ApiClient] });
	return { api };
}
