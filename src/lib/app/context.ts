/**
 * The app's singletons (database, API client, sync engine), created once per page. The client
 * reads the token from Dexie on every call so that a sign-in in another tab applies here too.
 */
import { API_BASE, createApiClient, type ApiClient } from '$lib/api/client';
import { getDb, type PartnerDB } from '$lib/db/db';

let client: ApiClient | undefined;

export function db(): PartnerDB {
	return getDb();
}

export function api(): ApiClient {
	client ??= createApiClient({
		baseUrl: API_BASE,
		getToken: async () => (await getDb().session.get('current'))?.token
	});
	return client;
}
