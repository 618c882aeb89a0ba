/**
 * The New request form's rules, as typed field codes the page translates. The checks are the
 * API's own schema (src/lib/api/schemas.ts, which the sandbox validates with too), so the form
 * refuses exactly what Partner Center would refuse, before anything is queued.
 */
import * as v from 'valibot';
import { ServiceRequestBody } from '../api/schemas.ts';
import { FIELD_OF, type SupportField } from './support-fields.ts';

export interface SupportFormInput {
	title: string;
	description: string;
	severity: ServiceRequestBody['severity'];
	supportTopicId: string;
	contactName: string;
	contactEmail: string;
	contactPhone: string;
}

export type SupportFieldCode =
	| 'topic_required'
	| 'title_required'
	| 'title_too_long'
	| 'description_too_short'
	| 'description_too_long'
	| 'contact_name_invalid'
	| 'contact_email_invalid'
	| 'contact_phone_invalid'
	// Partner Center refused the value of a request queued earlier (its answer named the field).
	| 'refused';

export type SupportFormResult =
	| { ok: true; body: ServiceRequestBody }
	| { ok: false; errors: Partial<Record<SupportField, SupportFieldCode>> };

function codeFor(field: SupportField, issueType: string): SupportFieldCode {
	switch (field) {
		case 'supportTopicId':
			return 'topic_required';
		case 'title':
			return issueType === 'max_length' ? 'title_too_long' : 'title_required';
		case 'description':
			return issueType === 'max_length' ? 'description_too_long' : 'description_too_short';
		case 'contactName':
			return 'contact_name_invalid';
		case 'contactEmail':
			return 'contact_email_invalid';
		case 'contactPhone':
			return 'contact_phone_invalid';
	}
}

export function validateSupportForm(input: SupportFormInput): SupportFormResult {
	const candidate = {
		title: input.title,
		description: input.description,
		severity: input.severity,
		supportTopicId: input.supportTopicId,
		primaryContact: {
			name: input.contactName,
			email: input.contactEmail,
			...(input.contactPhone.trim() ? { phone: input.contactPhone } : {})
		}
	};
	const parsed = v.safeParse(ServiceRequestBody, candidate);
	if (parsed.success) return { ok: true, body: parsed.output };
	const errors: Partial<Record<SupportField, SupportFieldCode>> = {};
	for (const issue of parsed.issues) {
		const field = FIELD_OF[v.getDotPath(issue) ?? ''];
		if (field && !errors[field]) errors[field] = codeFor(field, issue.type);
	}
	return { ok: false, errors };
}

const FORM_KEYS: readonly (keyof SupportFormInput)[] = ['supportTopicId', 'title', 'description', 'severity', 'contactName', 'contactEmail', 'contactPhone'];

/** Whether two states of the form hold the same text (a draft equal to the starting form is nothing to keep). */
export function sameSupportForm(a: SupportFormInput, b: SupportFormInput): boolean {
	return FORM_KEYS.every((k) => (a[k] ?? '') === (b[k] ?? ''));
}
