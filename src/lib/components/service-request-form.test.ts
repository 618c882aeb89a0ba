import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import type { ServiceRequestBody } from '$lib/api/schemas';
import { SUPPORT_TOPICS } from '$lib/domain/support';
import ServiceRequestForm from './service-request-form.svelte';

const initial = {
	title: 'Cancel Microsoft Action Pack subscription',
	description: 'Please cancel the subscription and refund it.',
	severity: 'moderate' as const,
	supportTopicId: 'billing',
	contactName: 'Alex Admin',
	contactEmail: 'admin@contoso.example',
	contactPhone: ''
};

afterEach(() => cleanup());

describe('service request form (props only)', () => {
	it('says what is wrong with the phone at the phone, and keeps what was typed', async () => {
		const onsubmit = vi.fn(async (_: ServiceRequestBody) => undefined);
		render(ServiceRequestForm, { topics: [...SUPPORT_TOPICS], initial: { ...initial, contactPhone: 'x'.repeat(41) }, onsubmit });
		await fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
		const phone = screen.getByLabelText('Contact phone (optional)');
		expect(phone).toHaveAttribute('aria-invalid', 'true');
		expect(phone).toHaveAccessibleDescription('Enter a phone number of at most 40 characters, or leave it empty.');
		expect(screen.getByLabelText('Contact name *')).not.toHaveAttribute('aria-invalid');
		expect(phone).toHaveFocus();
		expect(onsubmit).not.toHaveBeenCalled();
		expect(screen.getByLabelText('Title *')).toHaveValue(initial.title);
	});

	it('hands a valid request to its callback, and shows a storage refusal without losing the text', async () => {
		const onsubmit = vi.fn(async (_: ServiceRequestBody) => {
			throw new DOMException('Internal error opening backing store', 'UnknownError');
		});
		render(ServiceRequestForm, { topics: [...SUPPORT_TOPICS], initial, onsubmit });
		await fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
		expect(onsubmit).toHaveBeenCalledWith(expect.objectContaining({ title: initial.title, primaryContact: { name: 'Alex Admin', email: 'admin@contoso.example' } }));
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent('This device could not save your request. Nothing was saved; your text is still here — try again.');
		expect(alert).not.toHaveTextContent('backing store');
		expect(screen.getByLabelText('Description *')).toHaveValue(initial.description);
	});

	it('says when the device is out of space, in the user’s words, not the browser’s', async () => {
		const onsubmit = async () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		render(ServiceRequestForm, { topics: [...SUPPORT_TOPICS], initial, onsubmit });
		await fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent('This device is out of storage space, so nothing was saved. Your text is still here: free some space, then try again.');
		expect(alert).not.toHaveTextContent('quota');
		expect(screen.getByLabelText('Title *')).toHaveValue(initial.title);
	});

	it('reports every edit through onchange (the page keeps the draft), starting from its initial values', async () => {
		const onchange = vi.fn();
		render(ServiceRequestForm, { topics: [...SUPPORT_TOPICS], initial, onsubmit: async () => undefined, onchange });
		expect(onchange).toHaveBeenLastCalledWith(initial);
		await fireEvent.input(screen.getByLabelText('Description *'), { target: { value: 'Typed on the subway.' } });
		expect(onchange).toHaveBeenLastCalledWith({ ...initial, description: 'Typed on the subway.' });
		await fireEvent.change(screen.getByLabelText('Severity *'), { target: { value: 'critical' } });
		expect(onchange).toHaveBeenLastCalledWith({ ...initial, description: 'Typed on the subway.', severity: 'critical' });
	});

	it('marks the fields Partner Center refused (edit and retry) until they are changed, and sends the edit', async () => {
		const onsubmit = vi.fn(async (_: ServiceRequestBody) => undefined);
		render(ServiceRequestForm, { topics: [...SUPPORT_TOPICS], initial, refused: ['supportTopicId', 'contactEmail'], onsubmit });
		const topic = screen.getByLabelText('Problem type *');
		const email = screen.getByLabelText('Contact email *');
		for (const field of [topic, email]) {
			expect(field).toHaveAttribute('aria-invalid', 'true');
			expect(field).toHaveAccessibleDescription('Partner Center did not accept this. Check it, then submit again.');
		}
		expect(screen.getByLabelText('Title *')).not.toHaveAttribute('aria-invalid');
		// A new value is no longer the one refused.
		await fireEvent.input(email, { target: { value: 'alex@contoso.example' } });
		expect(email).not.toHaveAttribute('aria-invalid');
		expect(topic).toHaveAttribute('aria-invalid', 'true');
		// The refusal is the server's word on what was sent, not a rule the form enforces: submitting
		// again is allowed (a retired topic may be back).
		await fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
		expect(onsubmit).toHaveBeenCalledWith(expect.objectContaining({ supportTopicId: 'billing', primaryContact: { name: 'Alex Admin', email: 'alex@contoso.example' } }));
	});
});
