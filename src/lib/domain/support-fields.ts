/**
 * The New request form's fields and the API's names for them. Kept apart from the form's rules
 * (support-form.ts, which carries the API schema) so that a refusal can be worded on pages that
 * do not validate anything.
 */
export type SupportField = 'supportTopicId' | 'title' | 'description' | 'contactName' | 'contactEmail' | 'contactPhone';

/** In the order the form shows them: the first one with an error gets the focus. */
export const SUPPORT_FIELDS: readonly SupportField[] = ['supportTopicId', 'title', 'description', 'contactName', 'contactEmail', 'contactPhone'];

/** A field's path in the API's service request body (the `field` of a problem's `errors`). */
export const FIELD_OF: Readonly<Record<string, SupportField>> = {
	supportTopicId: 'supportTopicId',
	title: 'title',
	description: 'description',
	'primaryContact.name': 'contactName',
	'primaryContact.email': 'contactEmail',
	'primaryContact.phone': 'contactPhone'
};

/**
 * The form's fields a refusal named, in the form's order. Names the form has no field for (a
 * note's text, a field a later API adds) are left out: the page then says what it can in
 * general words rather than show the API's name for something.
 */
export function refusedFields(fields: readonly string[] | undefined): SupportField[] {
	const named = new Set((fields ?? []).map((f) => (Object.hasOwn(FIELD_OF, f) ? FIELD_OF[f] : undefined)));
	return SUPPORT_FIELDS.filter((f) => named.has(f));
}
