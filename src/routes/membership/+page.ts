import { membershipFirst } from '$lib/db/account-queries';

// The page's data, read before its first paint (see the dashboard's load).
export const load = async () => ({ first: await membershipFirst().catch(() => undefined) });
