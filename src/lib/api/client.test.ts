import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, isRetryable } from './client';

/** A server that answers every call with `body`: a stand-in for a backend that breaks the contract. */
const answering = (body: unknown, status = 200) =>
	createApiClient({ baseUrl: 'http://127.0.0.1:9/api', fetch: async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }) });

describe('the API client trusts no answer', () => {
	it('refuses display fields that are not what they claim, without quoting them', async () => {
		const leak = { items: [{ id: 'pm_1', brand: 'visa', last4: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'A' }] };
		const err = await answering(leak).paymentMethods().catch((e) => e);
		expect(err).toBeInstanceOf(ApiError);
		expect(err.kind).toBe('schema');
		expect(err.message).toContain('last4');
		expect(err.message).not.toContain('4242424242424242');
	});

	it('gives up on a call that never answers', async () => {
		const hung = createApiClient({
			baseUrl: 'http://127.0.0.1:9/api',
			timeoutMs: 50,
			fetch: (_, init) => new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))
		});
		await expect(hung.me()).rejects.toMatchObject({ kind: 'network', message: 'No answer in time' });
	});
});

describe('retry or fail: one rule', () => {
	it.each([
		[503, undefined, true],
		[500, undefined, true],
		[408, undefined, true],
		[429, undefined, true],
		[409, 'request_in_progress', true],
		[409, 'already_subscribed', false],
		[422, 'request_id_reused', false],
		[400, 'validation', false],
		[403, 'forbidden_role', false],
		[404, 'not_found', false]
	])('%i %s → retry %s', (status, code, expected) => {
		expect(isRetryable(status, code)).toBe(expected);
	});
});
