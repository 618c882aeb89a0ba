import { describe, expect, it } from 'vitest';
import { sameSupportForm, validateSupportForm, type SupportFormInput } from './support-form';

const valid: SupportFormInput = {
	title: 'Cancel Microsoft Action Pack subscription',
	description: 'Please cancel subscription sub-1 and refund it.',
	severity: 'moderate',
	supportTopicId: 'billing',
	contactName: 'Alex Admin',
	contactEmail: 'admin@contoso.example',
	contactPhone: ''
};

describe('validateSupportForm', () => {
	it('accepts a complete request and leaves out an empty phone', () => {
		const r = validateSupportForm(valid);
		expect(r.ok && r.body.primaryContact).toEqual({ name: 'Alex Admin', email: 'admin@contoso.example' });
	});

	it('names each field with its own code', () => {
		const r = validateSupportForm({ ...valid, title: ' ', description: 'short', supportTopicId: '', contactName: '', contactEmail: 'nope' });
		expect(r).toEqual({
			ok: false,
			errors: {
				title: 'title_required',
				description: 'description_too_short',
				supportTopicId: 'topic_required',
				contactName: 'contact_name_invalid',
				contactEmail: 'contact_email_invalid'
			}
		});
	});

	it('reports a bad phone as the phone, not as the name', () => {
		const r = validateSupportForm({ ...valid, contactPhone: '555\u0000' });
		expect(r).toEqual({ ok: false, errors: { contactPhone: 'contact_phone_invalid' } });
	});

	it('tells too long from missing', () => {
		const r = validateSupportForm({ ...valid, title: 'x'.repeat(201), description: 'y'.repeat(5001) });
		expect(r).toEqual({ ok: false, errors: { title: 'title_too_long', description: 'description_too_long' } });
	});
});

describe('sameSupportForm', () => {
	it('is true for the same text, whatever the object', () => {
		expect(sameSupportForm(valid, { ...valid })).toBe(true);
	});
	it('notices a change in any field, including severity and a space', () => {
		for (const change of [{ title: valid.title + ' ' }, { severity: 'critical' as const }, { contactPhone: '1' }, { supportTopicId: '' }]) {
			expect(sameSupportForm(valid, { ...valid, ...change })).toBe(false);
		}
	});
});
