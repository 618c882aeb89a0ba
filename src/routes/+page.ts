import { dashboardFirst } from '$lib/db/queries';

// The dashboard's data, read before its first paint (queries.ts). A database that cannot be read
// leaves the page to its live queries, which say what went wrong.
export const load = async () => ({ first: await dashboardFirst().catch(() => undefined) });
