/**
 * The seeded partners and users of DESIGN §6. Ids are fixed so tests can name them; Fabrikam's
 * dates are computed from the sandbox's today, so its subscription is always 20 days from
 * ending, whatever day the tests run.
 */
import { addDays } from '../../domain/dates.ts';
import { anniversary } from '../../domain/term.ts';
import { ACTION_PACK_OFFER_ID } from '../../domain/membership.ts';
import { emptyData, type SandboxData } from './state.ts';

export const SEED_PASSWORD = 'sandbox';

export const SEED_IDS = {
	contoso: 'partner-contoso',
	fabrikam: 'partner-fabrikam',
	northwind: 'partner-northwind',
	fabrikamSubscription: 'sub-fabrikam-action-pack',
	fabrikamCard: 'pm-fabrikam-mastercard'
} as const;

/** Days from the sandbox's today to the end of Fabrikam's seeded Action Pack. */
export const FABRIKAM_DAYS_LEFT = 20;

export function seedData(today: string, nowInstant: string): SandboxData {
	const data = emptyData();
	data.partners.push(
		{
			id: SEED_IDS.contoso,
			name: 'Contoso',
			country: 'US',
			currency: 'USD',
			networkMember: true,
			networkMemberSince: '2016-03-01',
			competencies: []
		},
		{
			id: SEED_IDS.fabrikam,
			name: 'Fabrikam Korea',
			country: 'KR',
			currency: 'KRW',
			networkMember: true,
			networkMemberSince: '2015-06-15',
			competencies: [
				{ id: 'cloud-platform', name: 'Cloud Platform', level: 'gold', since: '2017-01-10' },
				{ id: 'data-analytics', name: 'Data Analytics', level: 'silver', since: '2018-04-02' }
			]
		},
		{
			id: SEED_IDS.northwind,
			name: 'Northwind',
			country: 'US',
			currency: 'USD',
			networkMember: false,
			networkMemberSince: null,
			competencies: []
		}
	);

	const user = (id: string, email: string, displayName: string, role: SandboxData['users'][number]['role'], partnerId: string) =>
		data.users.push({ id, email, displayName, role, partnerId, password: SEED_PASSWORD });
	user('user-contoso-admin', 'admin@contoso.example', 'Alex Admin', 'global_admin', SEED_IDS.contoso);
	user('user-contoso-mpn', 'mpn@contoso.example', 'Morgan Mpn', 'mpn_admin', SEED_IDS.contoso);
	user('user-contoso-account', 'account@contoso.example', 'Avery Account', 'account_admin', SEED_IDS.contoso);
	user('user-contoso-user', 'user@contoso.example', 'Uma User', 'user', SEED_IDS.contoso);
	user('user-fabrikam-admin', 'admin@fabrikam.example', 'Ji-woo Kim', 'global_admin', SEED_IDS.fabrikam);
	user('user-fabrikam-mpn', 'mpn@fabrikam.example', 'Min-jun Lee', 'mpn_admin', SEED_IDS.fabrikam);
	user('user-northwind-admin', 'admin@northwind.example', 'Nora North', 'global_admin', SEED_IDS.northwind);

	const endDate = addDays(today, FABRIKAM_DAYS_LEFT);
	data.subscriptions.push({
		id: SEED_IDS.fabrikamSubscription,
		partnerId: SEED_IDS.fabrikam,
		offerId: ACTION_PACK_OFFER_ID,
		// Bought a year before the end date (so past the 30-day refund period).
		startDate: anniversary(endDate, -1),
		endDate,
		autoRenew: false,
		cancelled: false,
		softwareBenefitActivated: false,
		lastModifiedDate: nowInstant
	});
	// The card of that purchase, kept as the API keeps any card: token and display fields only
	// (DESIGN §6). It lets a Fabrikam admin renew with no signal at all.
	data.paymentMethods.push({
		id: SEED_IDS.fabrikamCard,
		partnerId: SEED_IDS.fabrikam,
		brand: 'mastercard',
		last4: '4444',
		expMonth: 12,
		expYear: 2028,
		holderName: 'Ji-woo Kim',
		declines: false
	});
	return data;
}
