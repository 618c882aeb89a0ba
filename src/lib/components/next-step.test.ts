import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import NextStep from './next-step.svelte';

afterEach(() => cleanup());

describe('next step card (props only)', () => {
	it('renews with the days left, or resumes the renewal draft', () => {
		render(NextStep, { step: { kind: 'renew', subscriptionId: 'sub 1', daysLeft: 1, resume: false } });
		expect(screen.getByRole('heading', { name: 'Next step' })).toBeInTheDocument();
		expect(screen.getByText(/1 day is left/)).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Renew subscription' })).toHaveAttribute('href', '/partnership/offers/sub%201/renew');
		cleanup();
		render(NextStep, { step: { kind: 'renew', subscriptionId: 's', daysLeft: -3, resume: true } });
		expect(screen.getByText(/has expired/)).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Continue the renewal' })).toBeInTheDocument();
	});

	it('resumes a request draft, and sends to the benefits page to activate', () => {
		render(NextStep, { step: { kind: 'resume', flow: 'request' } });
		expect(screen.getByRole('link', { name: 'Continue' })).toHaveAttribute('href', '/support/new');
		cleanup();
		render(NextStep, { step: { kind: 'activate', subscriptionId: 'sub-1' } });
		expect(screen.getByRole('link', { name: 'Activate benefits' })).toHaveAttribute('href', '/partnership/offers/sub-1/benefits');
	});
});
