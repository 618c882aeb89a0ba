import { describe, expect, it } from 'vitest';
import { refusedFields, SUPPORT_FIELDS } from './support-fields';

describe('refusedFields: the form fields a refusal named', () => {
	it('maps the API’s paths to the form’s fields, in the form’s order, once each', () => {
		expect(refusedFields(['primaryContact.phone', 'title', 'supportTopicId', 'title'])).toEqual(['supportTopicId', 'title', 'contactPhone']);
		expect(refusedFields(['primaryContact.name', 'primaryContact.email', 'description'])).toEqual(['description', 'contactName', 'contactEmail']);
	});

	it('leaves out names the form has no field for, and copes with none', () => {
		expect(refusedFields(['text', 'severity', 'constructor', '__proto__', ''])).toEqual([]);
		expect(refusedFields([])).toEqual([]);
		expect(refusedFields(undefined)).toEqual([]);
	});

	it('knows every field the form shows', () => {
		expect(refusedFields(['supportTopicId', 'title', 'description', 'primaryContact.name', 'primaryContact.email', 'primaryContact.phone'])).toEqual([...SUPPORT_FIELDS]);
	});
});
