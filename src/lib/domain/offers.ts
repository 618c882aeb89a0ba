/**
 * The catalog: one offer, the Microsoft Action Pack, with its benefits (as the source lists
 * them) and its terms of internal-use rights. Benefit ids are stable: the UI translates by id
 * and benefit activations refer to them.
 */
import { ACTION_PACK_OFFER_ID } from './membership.ts';
import { priceWithTax, type PriceWithTax } from './money.ts';

export type BenefitKind = 'software' | 'assign' | 'contact';

export interface Benefit {
	id: string;
	/**
	 * software: product keys once active (Windows 10 Enterprise, Visual Studio Professional);
	 * contact: an online service, activated for a contact or an assignee; assign: used by a
	 * person a Global admin assigns (the Azure credit). See benefits.ts.
	 */
	kind: BenefitKind;
	quantity: number;
	name: string;
}

export interface OfferTerms {
	version: string;
	title: string;
	url: string;
	summary: string;
}

export interface CatalogOffer {
	id: string;
	name: string;
	description: string;
	termMonths: number;
	price: PriceWithTax;
	benefits: Benefit[];
	terms: OfferTerms;
	requiresNetworkMembership: boolean;
}

export const ACTION_PACK_BENEFITS: readonly Benefit[] = [
	{ id: 'windows-10-enterprise', kind: 'software', quantity: 10, name: 'Windows 10 Enterprise (upgrade) licenses' },
	{ id: 'visual-studio-professional', kind: 'software', quantity: 3, name: 'Visual Studio Professional licenses' },
	{ id: 'vsts', kind: 'contact', quantity: 1, name: 'Visual Studio Team Services account at no cost' },
	{ id: 'office-365-e3', kind: 'contact', quantity: 10, name: 'Office 365 (E3) seats' },
	{ id: 'enterprise-mobility-suite', kind: 'contact', quantity: 5, name: 'Enterprise Mobility Suite seats' },
	{ id: 'dynamics-crm-online', kind: 'contact', quantity: 1, name: 'Microsoft Dynamics CRM Online Professional' },
	// The quantity is US dollars of credit per month, not a count of anything.
	{ id: 'azure-credits', kind: 'assign', quantity: 100, name: 'Azure credits (US$ per month)' }
];

export const ACTION_PACK_TERMS: OfferTerms = {
	version: '2017-07',
	title: 'Terms of internal-use rights',
	url: 'https://go.microsoft.com/fwlink/?linkid=842232',
	summary:
		'The software and online services in the Action Pack are for your organization\'s internal use only: ' +
		'to run your business, build and test solutions, and demonstrate them to customers. ' +
		'They may not be resold or used to provide services to others.'
};

export interface CountryPrice {
	currency: string;
	amount: number;
	taxRate: number;
}

const ACTION_PACK_PRICES: Record<string, CountryPrice> = {
	US: { currency: 'USD', amount: 475, taxRate: 0.08 },
	KR: { currency: 'KRW', amount: 560000, taxRate: 0.1 }
};

/** Countries without their own price list pay the US dollar price, without tax. */
const DEFAULT_PRICE: CountryPrice = { currency: 'USD', amount: 475, taxRate: 0 };

export function actionPackPrice(country: string): PriceWithTax {
	const p = ACTION_PACK_PRICES[country.toUpperCase()] ?? DEFAULT_PRICE;
	return priceWithTax(p.amount, p.taxRate, p.currency);
}

export function actionPackOffer(country: string): CatalogOffer {
	return {
		id: ACTION_PACK_OFFER_ID,
		name: 'Microsoft Action Pack',
		description:
			'An annual subscription with software licenses and cloud services for your internal use, ' +
			'to build and demonstrate your solutions.',
		termMonths: 12,
		price: actionPackPrice(country),
		benefits: ACTION_PACK_BENEFITS.map((b) => ({ ...b })),
		terms: { ...ACTION_PACK_TERMS },
		requiresNetworkMembership: true
	};
}

/** The whole catalog for a partner's country. */
export function catalogFor(country: string): CatalogOffer[] {
	return [actionPackOffer(country)];
}

export function findOffer(offerId: string, country: string): CatalogOffer | undefined {
	return catalogFor(country).find((o) => o.id === offerId);
}
