import { describe, expect, it } from 'vitest';
import { validateAssigneeForm } from './assignee-form';

describe('validateAssigneeForm', () => {
	it('accepts a name and an email, trimmed', () => {
		expect(validateAssigneeForm({ name: '  Dana Dev ', email: ' dana@contoso.example ' })).toEqual({
			ok: true,
			assignee: { name: 'Dana Dev', email: 'dana@contoso.example' }
		});
	});

	it('names each empty field with its own code', () => {
		expect(validateAssigneeForm({ name: '   ', email: '' })).toEqual({ ok: false, errors: { name: 'name_required', email: 'email_invalid' } });
	});

	it('refuses an address that is not one', () => {
		expect(validateAssigneeForm({ name: 'Dana', email: 'dana at contoso' })).toEqual({ ok: false, errors: { email: 'email_invalid' } });
	});

	it('tells too long from missing, and control characters from empty', () => {
		expect(validateAssigneeForm({ name: 'x'.repeat(101), email: `${'a'.repeat(250)}@c.example` })).toEqual({
			ok: false,
			errors: { name: 'name_too_long', email: 'email_too_long' }
		});
		expect(validateAssigneeForm({ name: 'Dana\u0000', email: 'dana@contoso.example' })).toEqual({ ok: false, errors: { name: 'name_invalid' } });
		// 100 characters is still a name.
		expect(validateAssigneeForm({ name: 'x'.repeat(100), email: 'dana@contoso.example' }).ok).toBe(true);
	});
});
