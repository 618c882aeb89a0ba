import { describe, expect, it } from 'vitest';
import { BILLING_TOPIC_ID, cancellationRequestDraft, findSupportTopic, SUPPORT_TOPICS } from './support.ts';

describe('support topics', () => {
	it('has the billing topic with the source document\'s exact name', () => {
		expect(findSupportTopic('billing')?.name).toBe('Help with partner invoice, payment, or reconciliation file');
	});
	it('has a few more topics with unique ids', () => {
		expect(SUPPORT_TOPICS.length).toBeGreaterThanOrEqual(4);
		expect(new Set(SUPPORT_TOPICS.map((t) => t.id)).size).toBe(SUPPORT_TOPICS.length);
		expect(findSupportTopic('nope')).toBeUndefined();
	});
});

describe('cancellationRequestDraft', () => {
	it('is a moderate billing request naming the subscription', () => {
		const d = cancellationRequestDraft({ id: 'sub-123', endDate: '2026-03-01' });
		expect(d.supportTopicId).toBe(BILLING_TOPIC_ID);
		expect(d.title).toBe('Cancel Microsoft Action Pack subscription');
		expect(d.severity).toBe('moderate');
		expect(d.description).toContain('sub-123');
		expect(d.description).toContain('2026-03-01');
		// Long enough for the API's 10-character minimum.
		expect(d.description.length).toBeGreaterThanOrEqual(10);
	});
	it('works without an end date', () => {
		expect(cancellationRequestDraft({ id: 'sub-9' }).description).toContain('sub-9');
	});
});
