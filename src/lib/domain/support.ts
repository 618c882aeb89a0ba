/**
 * Partner Center support topics ("Problem type") and the cancellation request: cancelling an
 * Action Pack is not self-service, it is a billing request to support.
 */

export interface SupportTopicDefinition {
	id: string;
	/** English name; the billing one is the source document's exact words (in both languages). */
	name: string;
	description: string;
}

export const BILLING_TOPIC_ID = 'billing';

export const SUPPORT_TOPICS: readonly SupportTopicDefinition[] = [
	{
		id: BILLING_TOPIC_ID,
		name: 'Help with partner invoice, payment, or reconciliation file',
		description: 'Invoices, charges, refunds, payment methods, and cancelling a subscription.'
	},
	{ id: 'account', name: 'Account and profile', description: 'Company profile, users, roles, and sign-in.' },
	{ id: 'benefits', name: 'Membership benefits', description: 'Activating and using Action Pack and competency benefits.' },
	{ id: 'other', name: 'Something else', description: 'Any other problem in Partner Center.' }
];

export function findSupportTopic(id: string): SupportTopicDefinition | undefined {
	return SUPPORT_TOPICS.find((t) => t.id === id);
}

export interface CancellationDraft {
	supportTopicId: string;
	title: string;
	description: string;
	severity: 'moderate';
}

/** The "Cancel subscription" action pre-fills the support form with this. */
export function cancellationRequestDraft(subscription: { id: string; endDate?: string }): CancellationDraft {
	const lines = [
		'Please cancel our Microsoft Action Pack subscription.',
		`Subscription ID: ${subscription.id}`
	];
	if (subscription.endDate) lines.push(`Current end date: ${subscription.endDate}`);
	return {
		supportTopicId: BILLING_TOPIC_ID,
		title: 'Cancel Microsoft Action Pack subscription',
		description: lines.join('\n'),
		severity: 'moderate'
	};
}
