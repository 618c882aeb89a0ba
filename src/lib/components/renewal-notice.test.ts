import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import type { DueReminder } from '$lib/domain/subscription';
import { i18n } from '$lib/i18n/i18n.svelte';
import RenewalNotice from './renewal-notice.svelte';

afterEach(async () => {
	cleanup();
	await i18n.set('en');
});

// A leap-day end: the date must come out as the 29th in every wording (no shift through UTC).
// The notice words what it is given: the last reminder (1 day before) read on the day itself too.
const due = (daysLeft: number): DueReminder => ({ daysBefore: daysLeft >= 7 ? 7 : 1, dueOn: '2024-02-22', endDate: '2024-02-29', daysLeft, key: `2024-02-29/${daysLeft >= 7 ? 7 : 1}` });

describe('renewal notice (props only)', () => {
	it('words the reminder by the days left: several, tomorrow, today', () => {
		render(RenewalNotice, { notice: { kind: 'reminder', reminder: due(7) } });
		expect(screen.getByRole('note')).toHaveTextContent('Your subscription ends in 7 days, on February 29, 2024. Auto-renew is off: renew it to keep your benefits.');
		cleanup();
		render(RenewalNotice, { notice: { kind: 'reminder', reminder: due(1) } });
		expect(screen.getByRole('note')).toHaveTextContent('Your subscription ends tomorrow (February 29, 2024).');
		cleanup();
		render(RenewalNotice, { notice: { kind: 'reminder', reminder: due(0) } });
		expect(screen.getByRole('note')).toHaveTextContent('Your subscription ends today (February 29, 2024).');
	});

	it('offers Renew and Dismiss only when given them', async () => {
		const ondismiss = vi.fn();
		render(RenewalNotice, { notice: { kind: 'reminder', reminder: due(7) }, renewHref: '/partnership/offers/sub-1/renew', ondismiss });
		expect(screen.getByRole('link', { name: 'Renew subscription' })).toHaveAttribute('href', '/partnership/offers/sub-1/renew');
		await fireEvent.click(screen.getByRole('button', { name: 'Dismiss reminder' }));
		expect(ondismiss).toHaveBeenCalledTimes(1);
		cleanup();
		// A role that may not renew reads the reminder without a button it could not use.
		render(RenewalNotice, { notice: { kind: 'reminder', reminder: due(7) } });
		expect(screen.queryByRole('link')).toBeNull();
		expect(screen.queryByRole('button')).toBeNull();
	});

	it('after the end: Renew while the window is open, and the way to a new subscription once it is not', () => {
		render(RenewalNotice, { notice: { kind: 'expired', endDate: '2024-02-29', renewableUntil: '2024-03-30' }, renewHref: '/partnership/offers/sub-1/renew' });
		expect(screen.getByRole('note')).toHaveTextContent('This subscription ended on February 29, 2024. Its benefits have stopped. Renew it by March 30, 2024 to get them back.');
		expect(screen.getByRole('link', { name: 'Renew subscription' })).toBeInTheDocument();
		cleanup();
		render(RenewalNotice, { notice: { kind: 'expired', endDate: '2024-02-29', renewableUntil: null }, renewHref: '/partnership/offers/sub-1/renew' });
		expect(screen.getByRole('note')).toHaveTextContent('It can no longer be renewed. You can buy a new subscription under Partnership > Offers.');
		expect(screen.queryByRole('link', { name: 'Renew subscription' })).toBeNull();
	});

	it('in Korean, with Korean dates', async () => {
		await i18n.set('ko');
		render(RenewalNotice, { notice: { kind: 'reminder', reminder: due(7) }, renewHref: '/partnership/offers/sub-1/renew' });
		expect(screen.getByRole('note')).toHaveTextContent('구독이 7일 후(2024년 2월 29일)에 종료됩니다.');
		expect(screen.getByRole('link', { name: '구독 갱신' })).toBeInTheDocument();
		cleanup();
		render(RenewalNotice, { notice: { kind: 'expired', endDate: '2024-02-29', renewableUntil: null } });
		expect(screen.getByRole('note')).toHaveTextContent('이 구독은 2024년 2월 29일에 종료되었습니다. 혜택이 중지되었습니다. 더 이상 갱신할 수 없습니다.');
	});
});
