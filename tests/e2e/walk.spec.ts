/**
 * Every seeded role walks every page, in English and in Korean, online and then offline: no
 * screen may show an internal code, an id, or what a program prints for a missing value.
 */
import { expect, test, type Page } from '@playwright/test';
import { signIn, waitForServiceWorker, waitForSynced } from './helpers';

const KO = { email: '전자 메일', password: '암호', signIn: '로그인', dashboard: '대시보드' };
const USERS = ['admin@contoso.example', 'mpn@contoso.example', 'account@contoso.example', 'user@contoso.example', 'admin@fabrikam.example', 'mpn@fabrikam.example', 'admin@northwind.example'];
// snake_case codes (forbidden_role, attention_needed), subscription ids, a status line, and
// what JavaScript prints for a value that is not there.
const LEAKS = /\b[a-z]+_[a-z_]+\b|\bsub-[a-z0-9-]+|\bHTTP\b|\bundefined\b|\bnull\b|\bNaN\b|\[object /g;

async function leaksOn(page: Page): Promise<string[]> {
	// The page's own heading is in place: what follows is the page, not a loading frame.
	await expect(page.locator('main h1')).toBeVisible();
	await page.waitForTimeout(300);
	return [...new Set((await page.locator('body').innerText()).match(LEAKS) ?? [])];
}

for (const locale of ['en-US', 'ko-KR']) {
	test.describe(locale, () => {
		test.use({ locale, viewport: { width: 360, height: 740 } });
		for (const user of USERS) {
			test(`${user} sees no internal code on any page, online or offline`, async ({ page, context }) => {
				test.setTimeout(120_000);
				await signIn(page, user, ...((locale === 'ko-KR' ? [KO] : []) as []));
				await waitForSynced(page);
				await waitForServiceWorker(page);
				const subscriptions = await page.evaluate(
					() =>
						new Promise<string[]>((resolve) => {
							const open = indexedDB.open('partner-membership');
							open.onsuccess = () => {
								const get = open.result.transaction('subscriptions').objectStore('subscriptions').getAllKeys();
								get.onsuccess = () => {
									open.result.close();
									resolve(get.result as string[]);
								};
							};
						})
				);
				const paths = [
					'/',
					'/membership',
					'/partnership/offers',
					'/partnership/offers/subscribe',
					'/support',
					'/support/new',
					'/support/requests',
					'/settings/payment-methods',
					...subscriptions.flatMap((id) => [`/partnership/offers/${id}`, `/partnership/offers/${id}/benefits`, `/partnership/offers/${id}/renew`])
				];
				const found: string[] = [];
				for (const offline of [false, true]) {
					await context.setOffline(offline);
					for (const path of paths) {
						await page.goto(path);
						for (const leak of await leaksOn(page)) found.push(`${offline ? 'offline' : 'online'} ${path}: ${leak}`);
					}
				}
				await context.setOffline(false);
				expect(found).toEqual([]);
			});
		}
	});
}
