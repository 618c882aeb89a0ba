/**
 * Every user-visible string, in English and Korean. English labels are the source document's
 * own words and Korean ones the source's Korean where it has them (DESIGN.md §4): tests find
 * controls by these names, so change them only together with the brief.
 * `ko` is typed against `en`, so a missing translation fails the type check.
 */
export const en = {
	appName: 'Partner Membership',
	appShortName: 'Membership',
	skipToContent: 'Skip to content',
	menu: 'Menu',
	mainNav: 'Main',
	dashboard: 'Dashboard',
	membership: 'Membership',
	partnership: 'Partnership',
	offers: 'Offers',
	partnershipOffers: 'Partnership > Offers',
	serviceRequests: 'Service requests',
	partnerCenterRequests: 'Partner Center requests',
	serviceRequestsPath: 'Service requests > Partner Center requests',
	reportProblem: 'Report a problem in Partner Center',
	language: 'Language',
	online: 'Online',
	offline: 'Offline',
	syncNow: 'Sync now',
	safariHint: '{count, plural, one {# change is} other {# changes are}} waiting to sync. Safari may delete them if you do not open the app for 7 days: add Partner Membership to your Home Screen (Share › Add to Home Screen) to keep them safe.',
	syncing: 'Syncing…',
	syncingProgress: 'Syncing {done} of {total}',
	pendingCount: '{count} waiting to sync',
	lastSynced: 'Updated {time}',
	neverSynced: 'Not synced yet',
	syncFailedNetwork: 'Could not reach Partner Center. Your changes are kept and will sync later.',
	syncFailedSchema: 'Partner Center sent an answer the app could not read. Nothing was changed; try again later.',
	syncFailedServer: 'Partner Center could not answer. Your changes are kept and will sync later.',
	sessionExpired: 'Your session has ended. Sign in again to sync.',
	signInAgain: 'Sign in again',
	updateAvailable: 'A new version of the app is available.',
	reload: 'Reload',
	dismiss: 'Dismiss',
	loading: 'Loading…',
	// Sign-in
	signOut: 'Sign out',
	signOutConfirm: '{count, plural, one {# change has} other {# changes have}} not synced yet and will be lost if you sign out. Sign out anyway?',
	// Dashboard
	welcome: 'Welcome, {name}',
	yourMembership: 'Your membership',
	memberSince: 'Network member since {date}',
	notNetworkMember: 'Not a network member',
	levelNone: 'No membership',
	levelNetwork: 'Network membership',
	levelActionPack: 'Microsoft Action Pack subscription',
	levelCompetency: 'Microsoft competencies',
	subscriptionSummary: 'Action Pack subscription',
	noSubscription: 'You have no Action Pack subscription.',
	daysLeft: '{count} days left',
	autoRenewOn: 'Auto-renew on',
	autoRenewOff: 'Auto-renew off',
	renewsOn: 'Renews automatically on {date}',
	reminderToday: 'Your subscription ends today ({date}). Auto-renew is off: renew it to keep your benefits.',
	reminderTomorrow: 'Your subscription ends tomorrow ({date}). Auto-renew is off: renew it to keep your benefits.',
	reminderDays: 'Your subscription ends in {count} days, on {date}. Auto-renew is off: renew it to keep your benefits.',
	dismissReminder: 'Dismiss reminder',
	expiredNotice: 'This subscription ended on {date}. Its benefits have stopped.',
	expiredRenewBy: 'Renew it by {date} to get them back.',
	expiredTooLate: 'It can no longer be renewed. You can buy a new subscription under Partnership > Offers.',
	quickLinks: 'Go to',
	role: 'Role',
	roleGlobalAdmin: 'Global admin',
	roleMpnAdmin: 'MPN partner admin',
	roleAccountAdmin: 'Account admin',
	roleUser: 'User (read only)',
	// Membership overview (flow A)
	membershipIntro:
		'Microsoft’s partner program offers three membership options, with incremental benefits to help you achieve your business goals.',
	networkDesc:
		'The core membership level, offering entry-level benefits for training, support, and customer connections. You must be a network member to upgrade your membership.',
	// The Action Pack offer's description (membership levels, the purchase's offer step).
	'offer.action-pack':
		'An affordable annual subscription, serving small and mid-sized partner companies. Includes the entry-level benefits of network membership plus internal-use rights, software licenses, and support.',
	competenciesDesc:
		'An earned designation showcasing your company’s capabilities. Includes entry-level benefits, additional internal-use rights, eligibility for partner incentives, and additional support and advisory hours.',
	// Offers
	statusActive: 'Active',
	statusExpired: 'Expired',
	statusCancelled: 'Cancelled',
	actionPackSubscription: 'Microsoft Action Pack subscription',
	endDate: 'End date',
	autoRenew: 'Auto-renew',
	renewSubscription: 'Renew subscription',
	// Benefits
	'benefit.windows-10-enterprise': '10 Windows 10 Enterprise (upgrade) licenses',
	'benefit.visual-studio-professional': '3 Visual Studio Professional licenses',
	'benefit.vsts': 'A no-cost Visual Studio Team Services account',
	'benefit.office-365-e3': 'Up to 10 Office 365 (E3) seats',
	'benefit.enterprise-mobility-suite': '5 seats of Enterprise Mobility Suite',
	'benefit.dynamics-crm-online': 'Microsoft Dynamics CRM Online Professional',
	'benefit.azure-credits': 'US$100 of Azure credits every month',
	// Checkout pages, invoices, payment methods
	paymentMethods: 'Payment methods',
	settings: 'Settings',
	nextStep: 'Next step',
	nextRenew: '{count, plural, one {# day is} other {# days are}} left on your Action Pack. Renew to keep its benefits.',
	nextRenewLastDay: 'Your Action Pack ends today. Renew to keep its benefits.',
	nextRenewExpired: 'Your Action Pack has expired. You can still renew it and get its benefits back.',
	nextResumeRenewal: 'Continue the renewal',
	nextResumePurchase: 'You started buying the Action Pack. Your choices are saved on this phone.',
	nextResumeRenew: 'You started renewing the Action Pack. Your choices are saved on this phone.',
	nextResumeRequest: 'You started a service request. What you typed is saved on this phone.',
	nextResume: 'Continue',
	nextActivate: 'Your Action Pack is ready: activate its software, online services and Azure credit.',
	activateBenefits: 'Activate benefits'
} as const;

export type MessageKey = keyof typeof en;
