import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { leapDaySubscription } from '$lib/testing/fixtures';
import SubscriptionSummary from './subscription-summary.svelte';

afterEach(() => cleanup());

const sub = leapDaySubscription();

describe('subscription summary: renewal reminder and expiry (props only)', () => {
	it('shows the due reminder and hands its key to ondismiss', async () => {
		const ondismiss = vi.fn();
		render(SubscriptionSummary, { sub, today: '2024-02-22', ondismiss, mayRenew: true });
		expect(screen.getByRole('note')).toHaveTextContent('Your subscription ends in 7 days, on February 29, 2024.');
		expect(screen.getByRole('link', { name: 'Renew subscription' })).toHaveAttribute('href', '/partnership/offers/sub-1/renew');
		await fireEvent.click(screen.getByRole('button', { name: 'Dismiss reminder' }));
		expect(ondismiss).toHaveBeenCalledWith('sub-1/2024-02-29/7');
	});

	it('a dismissed reminder is gone; the next one shows', () => {
		render(SubscriptionSummary, { sub, today: '2024-02-23', dismissed: ['sub-1/2024-02-29/7'] });
		expect(screen.queryByRole('note')).toBeNull();
		cleanup();
		render(SubscriptionSummary, { sub, today: '2024-02-28', dismissed: ['sub-1/2024-02-29/7'] });
		expect(screen.getByRole('note')).toHaveTextContent('Your subscription ends tomorrow');
	});

	it('expired after the end date on this device, with Renew while the window is open', () => {
		render(SubscriptionSummary, { sub, today: '2024-03-01', mayRenew: true });
		expect(screen.getByText('Expired')).toBeInTheDocument();
		expect(screen.getByRole('note')).toHaveTextContent('This subscription ended on February 29, 2024. Its benefits have stopped. Renew it by March 30, 2024');
		expect(screen.getByRole('link', { name: 'Renew subscription' })).toBeInTheDocument();
		cleanup();
		render(SubscriptionSummary, { sub, today: '2024-03-31', mayRenew: true });
		expect(screen.getByRole('note')).toHaveTextContent('It can no longer be renewed.');
		expect(screen.queryByRole('link', { name: 'Renew subscription' })).toBeNull();
	});
});
