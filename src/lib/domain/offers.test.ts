import { describe, expect, it } from 'vitest';
import { ACTION_PACK_BENEFITS, actionPackOffer, catalogFor, findOffer } from './offers.ts';

describe('actionPackOffer', () => {
	it('is the Microsoft Action Pack, 12 months, network members only', () => {
		const o = actionPackOffer('US');
		expect(o.id).toBe('action-pack');
		expect(o.name).toBe('Microsoft Action Pack');
		expect(o.termMonths).toBe(12);
		expect(o.requiresNetworkMembership).toBe(true);
		expect(o.terms).toMatchObject({ version: '2017-07', title: 'Terms of internal-use rights', url: 'https://go.microsoft.com/fwlink/?linkid=842232' });
		expect(o.terms.summary.length).toBeGreaterThan(20);
	});

	it('is priced per country', () => {
		expect(actionPackOffer('US').price).toEqual({ currency: 'USD', amount: 475, taxRate: 0.08, tax: 38, total: 513 });
		expect(actionPackOffer('kr').price).toEqual({ currency: 'KRW', amount: 560000, taxRate: 0.1, tax: 56000, total: 616000 });
		expect(actionPackOffer('DE').price).toEqual({ currency: 'USD', amount: 475, taxRate: 0, tax: 0, total: 475 });
	});

	it('lists the benefits of the source with stable ids and kinds', () => {
		expect(actionPackOffer('US').benefits.map((b) => [b.id, b.kind, b.quantity])).toEqual([
			['windows-10-enterprise', 'software', 10],
			['visual-studio-professional', 'software', 3],
			['vsts', 'contact', 1],
			['office-365-e3', 'contact', 10],
			['enterprise-mobility-suite', 'contact', 5],
			['dynamics-crm-online', 'contact', 1],
			['azure-credits', 'assign', 100]
		]);
	});

	it('hands out copies, so a caller cannot change the catalog', () => {
		const o = actionPackOffer('US');
		o.benefits[0].quantity = 99;
		o.terms.version = 'x';
		expect(ACTION_PACK_BENEFITS[0].quantity).toBe(10);
		expect(actionPackOffer('US').terms.version).toBe('2017-07');
	});
});

describe('catalog', () => {
	it('finds offers by id', () => {
		expect(catalogFor('US')).toHaveLength(1);
		expect(findOffer('action-pack', 'KR')?.price.currency).toBe('KRW');
		expect(findOffer('nope', 'US')).toBeUndefined();
	});
});
