import { expect, test, type Page } from '@playwright/test';
import { ledger, resetSandbox, setFaults, signIn, waitForServiceWorker, waitForSynced } from './helpers';

const CARD = '4242 4242 4242 4242';
const DECLINED = '4000 0000 0000 0002';
const CODE = '987';

type Charge = { requestId: string; orderId: string; amount: number; currency: string; last4: string };

const EN = {
	next: 'Next',
	accept: 'I accept the terms',
	addWay: 'Get started! Add a way to pay.',
	number: 'Card number',
	expiry: 'Expiration date',
	code: 'Security code',
	holder: 'Cardholder name',
	purchase: 'Purchase',
	close: 'Close',
	subscribe: 'Subscribe now'
};
const KO = {
	next: '다음',
	accept: '약관에 동의합니다',
	addWay: '시작하세요. 결제 방법을 추가하세요.',
	number: '카드 번호',
	expiry: '만료 날짜',
	code: '보안 코드',
	holder: '카드 소유자 이름',
	purchase: '구입',
	close: '닫기',
	subscribe: '지금 구독'
};

test.beforeEach(async ({ request }) => {
	await resetSandbox(request);
});

async function toPayment(page: Page, l = EN) {
	await page.goto('/partnership/offers');
	await page.getByRole('link', { name: l.subscribe }).click();
	await page.getByRole('button', { name: l.next }).click();
	await expect(page.getByRole('button', { name: l.next })).toBeDisabled();
	await page.getByLabel(l.accept).check();
	await page.getByRole('button', { name: l.next }).click();
}

async function addCard(page: Page, number: string, l = EN) {
	await page.getByRole('button', { name: l.addWay }).first().click();
	await page.getByLabel(l.number).fill(number);
	await page.getByLabel(l.expiry).fill('12/30');
	await page.getByLabel(l.code).fill(CODE);
	await page.getByLabel(l.holder).fill('Alex Admin');
	await page.getByRole('button', { name: l.next }).click();
}

/** What the browser keeps: IndexedDB (every store) and localStorage as data, Cache Storage as text. */
async function everythingStored(page: Page): Promise<{ data: string; cache: string }> {
	return page.evaluate(async () => {
		const out: string[] = [JSON.stringify({ ...localStorage })];
		const cached: string[] = [];
		for (const info of await indexedDB.databases()) {
			const db = await new Promise<IDBDatabase>((res, rej) => {
				const r = indexedDB.open(info.name!);
				r.onsuccess = () => res(r.result);
				r.onerror = () => rej(r.error);
			});
			for (const name of Array.from(db.objectStoreNames)) {
				const rows = await new Promise<unknown[]>((res, rej) => {
					const r = db.transaction(name).objectStore(name).getAll();
					r.onsuccess = () => res(r.result);
					r.onerror = () => rej(r.error);
				});
				out.push(JSON.stringify(rows));
			}
			db.close();
		}
		for (const key of await caches.keys()) {
			const cache = await caches.open(key);
			for (const req of await cache.keys()) cached.push(await (await cache.match(req))!.text());
		}
		return { data: out.join('\n'), cache: cached.join('\n') };
	});
}

test('purchase online: subscribe, add a card, review, purchase, confirmed; one charge; no card kept', async ({ page, request }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await toPayment(page);
	await expect(page.getByText('You have no saved way to pay yet.')).toBeVisible();
	await addCard(page, '4242 4242 4242 4241');
	await expect(page.getByText('This card number is not valid. Check the digits.')).toBeVisible();
	await page.getByLabel(EN.number).fill(CARD);
	await page.getByRole('button', { name: EN.next }).click();
	await expect(page.getByRole('radio', { name: /4242/ })).toBeChecked();
	await page.getByRole('button', { name: EN.next }).click();

	await expect(page.getByRole('heading', { name: 'Review order details' })).toBeVisible();
	await expect(page.getByText('$513.00')).toBeVisible();
	await expect(page.getByText(/ending in 4242/)).toBeVisible();
	// A double tap on Purchase places one order.
	await page.getByRole('button', { name: EN.purchase }).dblclick();
	await expect(page.getByRole('heading', { name: 'Your order is confirmed.' })).toBeVisible();
	await expect(page.getByText('Your Action Pack subscription will renew automatically each year on this date.')).toBeVisible();
	await page.getByRole('link', { name: 'View invoice' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Invoice INV-/ })).toBeVisible();
	await expect(page.getByText('$513.00')).toBeVisible();
	await expect(page.getByText('Paid with Visa ending in 4242')).toBeVisible();

	const l = await ledger(request);
	expect(l.charges as Charge[]).toHaveLength(1);
	expect(l.charges[0]).toMatchObject({ amount: 513, currency: 'USD', last4: '4242' });
	const sub = (l.subscriptions as { partnerId: string; autoRenew: boolean; status: string }[]).find((s) => s.partnerId.includes('contoso'));
	expect(sub).toMatchObject({ autoRenew: true, status: 'active' });

	await page.goto('/partnership/offers');
	await expect(page.getByText('Auto-renew on')).toBeVisible();
	const { data, cache } = await everythingStored(page);
	expect(data).toContain('"last4":"4242"');
	for (const text of [data, cache]) {
		expect(text).not.toContain('4242424242424242');
		expect(text).not.toContain(CARD);
	}
	// The app's code names the field (cache holds the code); stored data never does.
	expect(data).not.toMatch(/securityCode|cardNumber/);
	expect(data).not.toContain(`"${CODE}"`);
});

test.describe('in Korean', () => {
	test.use({ locale: 'ko-KR' });
	test('purchase online with the seed’s Korean labels', async ({ page, request }) => {
		await signIn(page, 'mpn@contoso.example', { email: '전자 메일', password: '암호', signIn: '로그인', dashboard: '대시보드' });
		await waitForSynced(page);
		await toPayment(page, KO);
		await addCard(page, CARD, KO);
		await page.getByRole('button', { name: KO.next }).click();
		await page.getByRole('button', { name: KO.purchase }).click();
		await expect(page.getByRole('heading', { name: 'Your order is confirmed.' })).toBeVisible();
		await page.getByRole('button', { name: KO.close }).click();
		await expect(page.getByRole('heading', { name: '구입한 제품' })).toBeVisible();
		await expect(page.getByText('자동 갱신 켜짐')).toBeVisible();
		expect((await ledger(request)).charges).toHaveLength(1);
	});
});

test('a declined card says so and returns to payment with the draft intact; another card goes through', async ({ page, request }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await toPayment(page);
	await addCard(page, DECLINED);
	await page.getByRole('button', { name: EN.next }).click();
	await page.getByRole('button', { name: EN.purchase }).click();
	await expect(page.getByText('Your card was declined. Choose another card or add a new one.')).toBeVisible();
	await expect(page.getByRole('radio', { name: /0002/ })).toBeVisible();
	expect((await ledger(request)).charges).toHaveLength(0);

	await addCard(page, CARD);
	await page.getByRole('button', { name: EN.next }).click();
	await expect(page.getByText(/ending in 4242/)).toBeVisible();
	await page.getByRole('button', { name: EN.purchase }).click();
	await expect(page.getByRole('heading', { name: 'Your order is confirmed.' })).toBeVisible();
	const l = await ledger(request);
	expect(l.charges).toHaveLength(1);
	expect(l.charges[0].last4).toBe('4242');
});

test('an order placed offline is queued, not charged, and placed once when back online', async ({ page, context, request }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await waitForServiceWorker(page);
	await toPayment(page);
	await addCard(page, CARD);
	await page.getByRole('button', { name: EN.next }).click();
	await expect(page.getByRole('heading', { name: 'Review order details' })).toBeVisible();

	await context.setOffline(true);
	await page.getByRole('button', { name: EN.purchase }).click();
	await expect(page.getByText("Not charged yet — will be placed when you're back online.")).toBeVisible({ timeout: 20_000 });
	expect((await ledger(request)).charges).toHaveLength(0);
	// The queued order survives a reload, offline.
	await page.reload();
	await page.getByRole('button', { name: 'Resume' }).click();
	await expect(page.getByText("Not charged yet — will be placed when you're back online.")).toBeVisible();

	await context.setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByRole('heading', { name: 'Your order is confirmed.' })).toBeVisible({ timeout: 20_000 });
	expect((await ledger(request)).charges).toHaveLength(1);
});

test('with half of the answers lost after the charge, each purchase is charged exactly once', async ({ page, request }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await toPayment(page);
	await addCard(page, CARD);
	await page.getByRole('button', { name: EN.next }).click();
	await setFaults(request, { dropAfterCommitRate: 0.5 });
	await page.getByRole('button', { name: EN.purchase }).click();
	await page.getByRole('button', { name: EN.purchase }).click({ timeout: 1000 }).catch(() => undefined);
	await expect(page.getByRole('heading', { name: 'Your order is confirmed.' })).toBeVisible({ timeout: 45_000 });
	await setFaults(request, { dropAfterCommitRate: 0 });
	expect((await ledger(request)).charges).toHaveLength(1);
});

test('a draft survives a reload and can be resumed or discarded; adding a card offline is refused', async ({ page, context }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await waitForServiceWorker(page);
	await toPayment(page);
	await page.reload();
	await page.getByRole('button', { name: 'Resume' }).click();
	// The resumed step's heading takes the focus the pressed button had (screen readers announce it).
	await expect(page.getByRole('heading', { name: 'Payment' })).toBeFocused();
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(page.getByLabel(EN.accept)).toBeChecked();
	await page.getByRole('button', { name: EN.next }).click();

	await context.setOffline(true);
	await addCard(page, CARD);
	await expect(page.getByText('Adding a card needs a connection. You are offline; your order draft is kept.')).toBeVisible();
	await expect(page.getByLabel(EN.holder)).toHaveValue('Alex Admin');
	await context.setOffline(false);

	await page.reload();
	await page.getByRole('button', { name: 'Discard draft' }).click();
	await expect(page.getByRole('heading', { name: 'Offer' })).toBeFocused();
});

test('renew: review order details → Next → terms → payment → review → Purchase; the end date moves a year', async ({ page, request }) => {
	await signIn(page, 'admin@fabrikam.example');
	await waitForSynced(page);
	const before = ((await ledger(request)).subscriptions as { partnerId: string; endDate: string }[]).find((s) => s.partnerId.includes('fabrikam'))!;
	await page.goto('/partnership/offers');
	await page.getByRole('link', { name: 'Microsoft Action Pack subscription' }).click();
	await page.getByRole('link', { name: 'Renew subscription' }).click();
	await expect(page.getByRole('heading', { name: 'Review order details' })).toBeVisible();
	await page.getByRole('button', { name: EN.next }).click();
	await page.getByLabel(EN.accept).check();
	await page.getByRole('button', { name: EN.next }).click();
	await addCard(page, CARD);
	await page.getByRole('button', { name: EN.next }).click();
	await page.getByRole('button', { name: EN.purchase }).click();
	await expect(page.getByRole('heading', { name: 'Your order is confirmed.' })).toBeVisible();
	const after = ((await ledger(request)).subscriptions as { partnerId: string; endDate: string; autoRenew: boolean }[]).find((s) => s.partnerId.includes('fabrikam'))!;
	expect(after.autoRenew).toBe(true);
	expect(Number(after.endDate.slice(0, 4))).toBe(Number(before.endDate.slice(0, 4)) + 1);
	expect(after.endDate.slice(5)).toBe(before.endDate.slice(5));
	const charges = (await ledger(request)).charges as Charge[];
	expect(charges).toHaveLength(1);
	expect(charges[0]).toMatchObject({ currency: 'KRW', amount: 616000 });
	await page.getByRole('button', { name: EN.close }).click();
	// Renewing turned auto-renew on again, so it can be turned off again.
	await expect(page.getByRole('button', { name: 'Turn off auto-renew' })).toBeVisible();
	await page.goto('/partnership/offers');
	await expect(page.getByText('Auto-renew on', { exact: true })).toBeVisible();
});

test('turn off auto-renew after a purchase: warned first, works offline, reaches Partner Center once', async ({ page, context, request }) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await waitForServiceWorker(page);
	await toPayment(page);
	await addCard(page, CARD);
	await page.getByRole('button', { name: EN.next }).click();
	await page.getByRole('button', { name: EN.purchase }).click();
	await page.getByRole('button', { name: EN.close }).click();
	await page.getByRole('link', { name: 'Microsoft Action Pack subscription' }).click();

	await page.getByRole('button', { name: 'Turn off auto-renew' }).click();
	const dialog = page.getByRole('dialog', { name: 'Turn off auto-renew' });
	await expect(dialog).toContainText('you won’t be able to turn it back on until you renew the subscription again');
	await dialog.getByRole('button', { name: 'Keep auto-renew on' }).click();
	await expect(dialog).toBeHidden();

	await context.setOffline(true);
	await page.getByRole('button', { name: 'Turn off auto-renew' }).click();
	await dialog.getByRole('button', { name: 'Turn off auto-renew' }).click();
	await expect(page.getByText('Waiting to sync', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Turn off auto-renew' })).toHaveCount(0);
	const sub = () =>
		ledger(request).then((l) => (l.subscriptions as { partnerId: string; autoRenew: boolean }[]).find((s) => s.partnerId.includes('contoso'))!);
	expect((await sub()).autoRenew).toBe(true);

	await context.setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByText('Waiting to sync', { exact: true })).toHaveCount(0, { timeout: 15_000 });
	expect((await sub()).autoRenew).toBe(false);
	await page.goto('/partnership/offers');
	await expect(page.getByText('Auto-renew off')).toBeVisible();
});
