import { expect, test, type Page } from '@playwright/test';
import { ledger, resetSandbox, signIn, waitForServiceWorker, waitForSynced } from './helpers';

const WINDOWS = '10 Windows 10 Enterprise (upgrade) licenses';
const AZURE = 'US$100 of Azure credits every month';
/** The benefits an online service or the Azure credit: the ones a person is assigned to. */
const ASSIGNABLE = ['A no-cost Visual Studio Team Services account', 'Up to 10 Office 365 (E3) seats', '5 seats of Enterprise Mobility Suite', 'Microsoft Dynamics CRM Online Professional', AZURE];

type Activation = { partnerId: string; subscriptionId: string; benefitId: string; status: string; assignee: { name: string; email: string } | null };

test.beforeEach(async ({ request }) => {
	await resetSandbox(request);
});

/** Flow B as checkout.spec.ts walks it: Subscribe now → terms → a new card → review → Purchase. */
async function purchaseActionPack(page: Page) {
	await page.goto('/partnership/offers');
	await page.getByRole('link', { name: 'Subscribe now' }).click();
	await page.getByRole('button', { name: 'Next' }).click();
	await page.getByLabel('I accept the terms').check();
	await page.getByRole('button', { name: 'Next' }).click();
	await page.getByRole('button', { name: 'Get started! Add a way to pay.' }).first().click();
	await page.getByLabel('Card number').fill('4242 4242 4242 4242');
	await page.getByLabel('Expiration date').fill('12/30');
	await page.getByLabel('Security code').fill('987');
	await page.getByLabel('Cardholder name').fill('Alex Admin');
	await page.getByRole('button', { name: 'Next' }).click();
	await expect(page.getByRole('radio', { name: /4242/ })).toBeChecked();
	await page.getByRole('button', { name: 'Next' }).click();
	await expect(page.getByRole('heading', { name: 'Review order details' })).toBeVisible();
	await page.getByRole('button', { name: 'Purchase' }).click();
	await expect(page.getByRole('heading', { name: 'Your order is confirmed.' })).toBeVisible();
}

const benefitCard = (page: Page, name: string) => page.locator('li.card').filter({ has: page.getByRole('heading', { name, exact: true }) });

test('as admin@contoso.example: purchased, refundable; Windows 10 Enterprise queued, not refundable; as mpn@contoso.example, assigning is explained, not offered', async ({
	page,
	context,
	request
}) => {
	await signIn(page, 'admin@contoso.example');
	await waitForSynced(page);
	await waitForServiceWorker(page);
	await purchaseActionPack(page);

	const bought = (await ledger(request)).subscriptions.filter((s: { partnerId: string }) => s.partnerId.includes('contoso'));
	expect(bought).toHaveLength(1);
	const subId: string = bought[0].id;

	// The confirmation's next step is the subscription's benefits.
	await expect(page.getByText('Next step: Activate your Action Pack subscription')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Activate benefits' })).toHaveAttribute('href', `/partnership/offers/${subId}/benefits`);

	// Bought today, nothing activated: a cancellation is refundable.
	await page.goto(`/partnership/offers/${subId}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Action Pack subscription' })).toBeVisible();
	await expect(page.getByText(/^Cancelling now is refundable \(until .+, while no software benefit is activated\)\.$/)).toBeVisible();

	await page.getByRole('link', { name: 'Activate benefits' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Activate benefits' })).toBeVisible();
	await expect(page.locator('li.card')).toHaveCount(7);
	const windows = benefitCard(page, WINDOWS);
	await expect(windows.getByText('Not activated', { exact: true })).toBeVisible();

	// Offline, so the activation is only queued: the refund ends at once, before Partner Center knows.
	await context.setOffline(true);
	await windows.getByRole('button', { name: `Activate: ${WINDOWS}` }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toContainText('cancelling the subscription is no longer refundable');
	await dialog.getByRole('button', { name: 'Activate', exact: true }).click();
	await expect(windows.getByText('Pending', { exact: true })).toBeVisible();
	await expect(windows.getByText('Waiting to sync', { exact: true })).toBeVisible();

	await page.getByRole('link', { name: 'Action Pack subscription' }).click();
	await expect(page.getByText('Cancelling now is not refundable: a software benefit was activated.')).toBeVisible();
	await expect(page.getByText(/Cancelling now is refundable/)).toHaveCount(0);
	expect((await ledger(request)).benefitActivations).toHaveLength(0);

	// Online: Partner Center gets it once, and the details page still says so.
	await context.setOffline(false);
	await page.getByRole('button', { name: 'Sync now' }).first().click();
	await expect.poll(async () => (await ledger(request)).benefitActivations.length, { timeout: 15_000 }).toBe(1);
	const [activation] = (await ledger(request)).benefitActivations as Activation[];
	expect(activation).toMatchObject({ subscriptionId: subId, benefitId: 'windows-10-enterprise', assignee: null });
	expect(activation.partnerId).toContain('contoso');
	await page.reload();
	await expect(page.getByText('Cancelling now is not refundable: a software benefit was activated.')).toBeVisible();

	// The MPN partner admin: may activate, may not assign, and is told so before typing anything.
	await page.getByRole('button', { name: 'Menu' }).click();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/signin/);
	await signIn(page, 'mpn@contoso.example');
	await waitForSynced(page);
	await page.goto(`/partnership/offers/${subId}/benefits`);
	await expect(page.getByRole('heading', { level: 1, name: 'Activate benefits' })).toBeVisible();
	for (const name of ASSIGNABLE) await expect(benefitCard(page, name).getByText('Only a Global admin can assign', { exact: true })).toBeVisible();
	// Not for the software, which nobody assigns; and no Assign action anywhere.
	await expect(page.getByText('Only a Global admin can assign', { exact: true })).toHaveCount(ASSIGNABLE.length);
	await expect(page.getByRole('button', { name: /Assign/ })).toHaveCount(0);
	await expect(page.getByRole('textbox')).toHaveCount(0);
	await expect(benefitCard(page, WINDOWS).getByRole('button', { name: `Activate: ${WINDOWS}` })).toHaveCount(0);

	// Activating the Azure credit is theirs to do; assigning it still is not.
	const azure = benefitCard(page, AZURE);
	await azure.getByRole('button', { name: `Activate: ${AZURE}` }).click();
	await expect(azure.getByText('Pending', { exact: true })).toBeVisible();
	await expect(azure.getByText('Waiting for a Global admin to assign it to a person.')).toBeVisible();
	await expect(azure.getByText('Only a Global admin can assign', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: /Assign/ })).toHaveCount(0);
	await expect.poll(async () => (await ledger(request)).benefitActivations.length, { timeout: 15_000 }).toBe(2);
	const onServer = ((await ledger(request)).benefitActivations as Activation[]).find((a) => a.benefitId === 'azure-credits');
	expect(onServer).toMatchObject({ subscriptionId: subId, assignee: null });
});

test('a Global admin assigns the Azure credit to a person: field errors first, then queued offline and delivered once', async ({ page, context, request }) => {
	await signIn(page, 'admin@fabrikam.example');
	await waitForSynced(page);
	await waitForServiceWorker(page);
	await page.goto('/partnership/offers/sub-fabrikam-action-pack/benefits');
	await expect(page.getByRole('heading', { level: 1, name: 'Activate benefits' })).toBeVisible();
	const azure = benefitCard(page, AZURE);
	await expect(azure.getByText('Once it is activated, you can assign it to a person.')).toBeVisible();
	await expect(page.getByText('Only a Global admin can assign', { exact: true })).toHaveCount(0);

	await context.setOffline(true);
	await azure.getByRole('button', { name: `Activate: ${AZURE}` }).click();
	await expect(azure.getByText('Pending', { exact: true })).toBeVisible();

	await azure.getByRole('button', { name: `Assign: ${AZURE}` }).click();
	const name = azure.getByLabel('Name');
	const email = azure.getByLabel('Email');
	await expect(name).toBeFocused();
	await azure.getByRole('button', { name: 'Assign', exact: true }).click();
	await expect(azure.getByText('Enter the person’s name.')).toBeVisible();
	await expect(azure.getByText('Enter an email address, like name@example.com.')).toBeVisible();
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await expect(name).toBeFocused();
	// Typing clears that field's error, and only that one.
	await name.fill('Dana Dev');
	await expect(azure.getByText('Enter the person’s name.')).toHaveCount(0);
	await expect(azure.getByText('Enter an email address, like name@example.com.')).toBeVisible();
	await email.fill('dana at fabrikam');
	await azure.getByRole('button', { name: 'Assign', exact: true }).click();
	await expect(azure.getByText('Enter an email address, like name@example.com.')).toBeVisible();
	await expect(email).toBeFocused();
	await email.fill('dana@fabrikam.example');
	await azure.getByRole('button', { name: 'Assign', exact: true }).click();

	await expect(azure.getByText('Assigned to Dana Dev (dana@fabrikam.example)')).toBeVisible();
	await expect(azure.getByText('Waiting to sync', { exact: true }).first()).toBeVisible();
	await expect(azure.getByText('Waiting for a Global admin to assign it to a person.')).toHaveCount(0);
	await expect(azure.getByRole('button', { name: `Assign: ${AZURE}` })).toHaveCount(0);
	expect((await ledger(request)).benefitActivations).toHaveLength(0);

	await context.setOffline(false);
	await page.getByRole('button', { name: 'Sync now' }).first().click();
	await expect(azure.getByText('Waiting to sync', { exact: true })).toHaveCount(0, { timeout: 15_000 });
	const l = await ledger(request);
	expect(l.benefitActivations).toHaveLength(1);
	expect(l.benefitActivations[0]).toMatchObject({ benefitId: 'azure-credits', assignee: { name: 'Dana Dev', email: 'dana@fabrikam.example' } });
	await expect(azure.getByText('Assigned to Dana Dev (dana@fabrikam.example)')).toBeVisible();
	// Another person may be assigned later: the action is offered again.
	await expect(azure.getByRole('button', { name: `Assign: ${AZURE}` })).toBeVisible();
});

test.describe('in Korean', () => {
	test.use({ locale: 'ko-KR' });

	test('an MPN partner admin reads that only a Global admin can assign, in Korean', async ({ page }) => {
		await signIn(page, 'mpn@fabrikam.example', { email: '전자 메일', password: '암호', signIn: '로그인', dashboard: '대시보드' });
		await waitForSynced(page);
		await page.goto('/partnership/offers/sub-fabrikam-action-pack/benefits');
		await expect(page.getByRole('heading', { level: 1, name: '혜택 활성화' })).toBeVisible();
		await expect(page.getByText('전역 관리자만 할당할 수 있습니다', { exact: true })).toHaveCount(ASSIGNABLE.length);
		await expect(page.getByRole('button', { name: /할당/ })).toHaveCount(0);
	});
});
