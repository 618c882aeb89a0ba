/**
 * Constants of the HTTP contract that the app needs without the schemas (and so without
 * valibot): the dashboard's first load reads them.
 */

/**
 * How long the API keeps the first answer to an MS-RequestId, counted from its first attempt.
 * Past it, a replay could be run as new: the client stops replaying before then (sync/retry.ts).
 */
export const REQUEST_ID_RETENTION_DAYS = 90;
