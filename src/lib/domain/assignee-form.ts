/**
 * The Assign form's rules (flow G: a Global admin assigns a seat, license or the Azure credit
 * to a person), as typed field codes the page translates. The checks are the API's own
 * `Assignee` schema, which the sandbox validates the PATCH body with, so the form refuses
 * exactly what Partner Center would refuse, before anything is queued.
 */
import * as v from 'valibot';
import { Assignee } from '../api/schemas.ts';

export interface AssigneeFormInput {
	name: string;
	email: string;
}

export type AssigneeField = 'name' | 'email';

export type AssigneeFieldCode = 'name_required' | 'name_too_long' | 'name_invalid' | 'email_invalid' | 'email_too_long';

export type AssigneeFormResult =
	| { ok: true; assignee: Assignee }
	| { ok: false; errors: Partial<Record<AssigneeField, AssigneeFieldCode>> };

/** In the order the form shows them: the first one with an error gets the focus. */
export const ASSIGNEE_FIELDS: readonly AssigneeField[] = ['name', 'email'];

function codeFor(field: AssigneeField, issue: v.BaseIssue<unknown>): AssigneeFieldCode {
	if (field === 'email') return issue.type === 'max_length' ? 'email_too_long' : 'email_invalid';
	if (issue.type === 'max_length') return 'name_too_long';
	// typedText: one check for "empty or invisible", another for control characters.
	return issue.message === 'Remove control characters' ? 'name_invalid' : 'name_required';
}

export function validateAssigneeForm(input: AssigneeFormInput): AssigneeFormResult {
	const parsed = v.safeParse(Assignee, { name: input.name, email: input.email });
	if (parsed.success) return { ok: true, assignee: parsed.output };
	const errors: Partial<Record<AssigneeField, AssigneeFieldCode>> = {};
	for (const issue of parsed.issues) {
		const path = v.getDotPath(issue);
		const field = path === 'name' || path === 'email' ? path : null;
		if (field && !errors[field]) errors[field] = codeFor(field, issue);
	}
	return { ok: false, errors };
}
