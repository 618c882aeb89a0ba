/**
 * The New request form's draft (issue 9): kept in the drafts table next to the wizard's, and
 * dropped in the same transaction that files the request. Real Dexie on fake-indexeddb.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { firstValue as first } from '$lib/testing/fixtures';
import { draft$, saveDraft } from '$lib/actions/checkout';
import type { ServiceRequestBody } from '$lib/api/schemas';
import { getDb, type SessionRow } from '$lib/db/db';
import { draftsList$ } from '$lib/db/account-queries';
import { serviceRequestDraft$ } from '$lib/db/support-queries';
import type { SupportFormInput } from '$lib/domain/support-form';
import {
	discardServiceRequestDraft,
	fileServiceRequestFromDraft,
	saveServiceRequestDraft,
	serviceRequestDraftId
} from './support';

const FORM: SupportFormInput = {
	title: 'Invoice question',
	description: 'The March invoice shows the wrong tax.',
	severity: 'moderate',
	supportTopicId: 'billing',
	contactName: 'Alex Admin',
	contactEmail: 'admin@contoso.example',
	contactPhone: ''
};
const BODY: ServiceRequestBody = {
	title: FORM.title,
	description: FORM.description,
	severity: 'moderate',
	supportTopicId: 'billing',
	primaryContact: { name: 'Alex Admin', email: 'admin@contoso.example' }
};
const SESSION = {
	key: 'current',
	token: 't',
	signedInAt: '2025-06-15T00:00:00Z',
	user: { id: 'u-1', email: 'admin@contoso.example', displayName: 'Alex Admin', role: 'global_admin' },
	partner: { id: 'p-contoso' }
} as unknown as SessionRow;

const db = getDb();

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	await db.session.put(SESSION);
});

describe('New request drafts', () => {
	it('one draft per form: the plain request, and the cancellation of each subscription', () => {
		expect(serviceRequestDraftId()).toBe('serviceRequest:new');
		expect(serviceRequestDraftId(null)).toBe('serviceRequest:new');
		expect(serviceRequestDraftId('sub-1')).toBe('serviceRequest:cancel:sub-1');
	});

	it('saves, reads back and discards; the wizard never sees it', async () => {
		const id = serviceRequestDraftId();
		await saveServiceRequestDraft(id, FORM);
		await saveServiceRequestDraft(id, { ...FORM, title: 'Invoice question (2)' });
		const row = await first(serviceRequestDraft$(id));
		expect(row).toMatchObject({ id, kind: 'serviceRequest', form: { ...FORM, title: 'Invoice question (2)' } });
		expect(await db.drafts.count()).toBe(1);
		expect(await first(draft$(id))).toBeNull();

		await saveDraft({ id: 'checkout:purchase:action-pack', mode: 'purchase', snapshot: {} });
		expect((await first(draftsList$())).map((d) => d.id)).toEqual(['checkout:purchase:action-pack']);
		expect(await first(serviceRequestDraft$('checkout:purchase:action-pack'))).toBeNull();

		await discardServiceRequestDraft(id);
		expect(await first(serviceRequestDraft$(id))).toBeNull();
		expect(await db.drafts.count()).toBe(1);
	});

	it('filing the request drops its draft in the same transaction', async () => {
		const id = serviceRequestDraftId('sub-1');
		await saveServiceRequestDraft(id, FORM);
		await saveServiceRequestDraft(serviceRequestDraftId(), FORM);
		const localId = await fileServiceRequestFromDraft(BODY, 'en', id);
		expect(await db.serviceRequests.get(localId)).toMatchObject({ title: FORM.title, syncState: 'pending' });
		expect(await db.outbox.where('target').equals(localId).count()).toBe(1);
		expect(await db.drafts.get(id)).toBeUndefined();
		// Only that form's draft.
		expect(await db.drafts.get(serviceRequestDraftId())).toBeDefined();
	});

	it('a request that could not be stored keeps its draft', async () => {
		const id = serviceRequestDraftId();
		await saveServiceRequestDraft(id, FORM);
		await db.session.clear();
		await expect(fileServiceRequestFromDraft(BODY, 'en', id)).rejects.toThrow();
		expect(await db.serviceRequests.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
		expect((await db.drafts.get(id))?.kind).toBe('serviceRequest');
	});
});
