/**
 * The app's API client, created once per page or worker (the database is `getDb()`). The one client
 * factory: the page and the service worker build their client here. Calls made without a bound
 * session (`client.as(token)`) read the token from Dexie, so a sign-in in another tab applies.
 */
import { API_BASE, createApiClient, type ApiClient } from '$lib/api/client';
import { getDb } from '$lib/db/db';

let client: ApiClient | undefined;

export function createAppClient(): ApiClient {
	return createApiClient({
		baseUrl: API_BASE,
		getToken: async () => (await getDb().session.get('current'))?.token
	});
}

export function api(): ApiClient {
	client ??= createAppClient();
	return client;
}
