/**
 * Strings of the checkout wizard (flows B and D), in their own table so that they load with the
 * wizard routes only and stay out of the dashboard's first-load budget. Labels from the source
 * document are verbatim (DESIGN.md §4): tests find controls by these names.
 */
import { translate } from './i18n.svelte';

export const checkoutEn = {
	'co.next': 'Next',
	'co.back': 'Back',
	'co.close': 'Close',
	'co.purchase': 'Purchase',
	'co.purchasing': 'Placing your order…',
	'co.renewSubscription': 'Renew subscription',
	'co.addWayToPay': 'Get started! Add a way to pay.',
	'co.stepOf': 'Step {n} of {total}',
	// Step titles
	'co.stepOffer': 'Offer',
	'co.stepTerms': 'Terms of internal-use rights',
	'co.stepPayment': 'Payment',
	'co.stepAddCard': 'Enter payment info',
	'co.stepReview': 'Review order details',
	// Offer
	'co.priceWithTax': '{total} a year, tax included',
	'co.priceBreakdown': '{amount} + {tax} tax',
	'co.termOneYear': 'One-year term, renews automatically on the purchase date.',
	'co.benefits': 'What it includes',
	// Terms
	'co.termsVersion': 'Version {version}',
	'co.readTerms': 'Read the full terms',
	'co.acceptTerms': 'I accept the terms',
	'co.termsRequired': 'Accept the terms to continue.',
	// Payment
	'co.chooseCard': 'Choose how to pay',
	'co.cardLabel': '{brand} •••• {last4}, expires {exp}',
	'co.noCards': 'You have no saved way to pay yet.',
	'co.chooseCardRequired': 'Choose a card to continue.',
	'co.declined': 'Your card was declined. Choose another card or add a new one.',
	// Card form
	'co.cardNumber': 'Card number',
	'co.expiry': 'Expiration date',
	'co.expiryHint': 'MM/YY',
	'co.securityCode': 'Security code',
	'co.securityCodeHint': '3 digits on the back; 4 on the front for American Express.',
	'co.holderName': 'Cardholder name',
	'co.cardNotStored': 'Your card number is sent once to Partner Center and never kept on this device.',
	'co.saving': 'Saving your card…',
	'co.fixErrors': 'Check the highlighted fields.',
	'co.errCardNumberRequired': 'Enter the card number.',
	'co.errCardNumberFormat': 'Enter the 12 to 19 digits of the card number.',
	'co.errCardNumberLuhn': 'This card number is not valid. Check the digits.',
	'co.errExpiryRequired': 'Enter the expiration date.',
	'co.errExpiryFormat': 'Enter the expiration date as MM/YY.',
	'co.errExpiryExpired': 'This card has expired.',
	'co.errSecurityCodeRequired': 'Enter the security code.',
	'co.errSecurityCodeFormat': 'Enter the 3-digit security code (4 digits for American Express).',
	'co.errHolderNameRequired': 'Enter the cardholder name.',
	'co.addCardOffline': 'Adding a card needs a connection. You are offline; your order draft is kept.',
	'co.addCardFailed': 'The card could not be added. Check it, or try another card.',
	'co.errFieldRefused': 'Partner Center did not accept this. Check it and try again.',
	// Review
	'co.offer': 'Offer',
	'co.subtotal': 'Subtotal',
	'co.tax': 'Tax',
	'co.total': 'Total',
	'co.term': 'Term',
	'co.starts': 'Starts',
	'co.ends': 'Ends',
	'co.currentEndDate': 'Current end date',
	'co.newEndDate': 'New end date',
	'co.paymentMethod': 'Payment method',
	'co.paidWith': 'Paid with {brand} ending in {last4}',
	'co.termsAccepted': 'Terms accepted',
	'co.chargedOnPurchase': 'Your card is charged when you select Purchase.',
	'co.errUnavailable': 'Partner Center could not take the order right now. Nothing was charged; try again.',
	'co.errOrder': 'The order was not placed. Nothing was charged; try again later.',
	'co.errNotMember': 'Only network members can buy the Action Pack.',
	'co.errAlreadySubscribed': 'Your organization already has an active Action Pack subscription.',
	'co.errRole': 'Your role cannot buy or renew. Ask a Global admin or an MPN partner admin.',
	'co.errWindow': 'This subscription cannot be renewed today.',
	'co.errBlocked': 'An earlier change to this subscription was not accepted. Retry or discard it on the subscription page first.',
	'co.errInvalid': 'Some order details were not accepted. Go back, check them and try again.',
	// Outcome
	'co.confirmed': 'Your order is confirmed.',
	'co.renewsAutomatically': 'Your Action Pack subscription will renew automatically each year on this date.',
	'co.nextStepActivate': 'Next step: Activate your Action Pack subscription',
	'co.orderNumber': 'Order {id}',
	'co.queuedTitle': 'Your order is saved on this device',
	'co.queuedBadge': 'Not charged yet',
	'co.queued': "Not charged yet — will be placed when you're back online.",
	// Draft
	'co.resumeDraft': 'Resume your draft?',
	'co.resume': 'Resume',
	'co.discardDraft': 'Discard draft',
	'inv.subscribeTitle': 'Subscribe to Microsoft Action Pack',
	'inv.renewTitle': 'Renew your Action Pack subscription',
	'inv.viewInvoice': 'View invoice'
} as const;

export type CheckoutMessageKey = keyof typeof checkoutEn;

export const checkoutKo: Record<CheckoutMessageKey, string> = {
	'co.next': '다음',
	'co.back': '뒤로',
	'co.close': '닫기',
	'co.purchase': '구입',
	'co.purchasing': '주문하는 중…',
	'co.renewSubscription': '구독 갱신',
	'co.addWayToPay': '시작하세요. 결제 방법을 추가하세요.',
	'co.stepOf': '{total}단계 중 {n}단계',
	'co.stepOffer': '제품',
	'co.stepTerms': '내부 사용 권한 약관',
	'co.stepPayment': '결제',
	'co.stepAddCard': '결제 정보 입력',
	'co.stepReview': '주문 세부 정보 검토',
	'co.priceWithTax': '연 {total}(세금 포함)',
	'co.priceBreakdown': '{amount} + 세금 {tax}',
	'co.termOneYear': '기간은 1년이며 구입한 날짜에 자동으로 갱신됩니다.',
	'co.benefits': '포함 내용',
	'co.termsVersion': '버전 {version}',
	'co.readTerms': '약관 전문 읽기',
	'co.acceptTerms': '약관에 동의합니다',
	'co.termsRequired': '계속하려면 약관에 동의하세요.',
	'co.chooseCard': '결제 방법 선택',
	'co.cardLabel': '{brand} •••• {last4}, 만료 {exp}',
	'co.noCards': '저장된 결제 방법이 아직 없습니다.',
	'co.chooseCardRequired': '계속하려면 카드를 선택하세요.',
	'co.declined': '카드가 거절되었습니다. 다른 카드를 선택하거나 새 카드를 추가하세요.',
	'co.cardNumber': '카드 번호',
	'co.expiry': '만료 날짜',
	'co.expiryHint': 'MM/YY',
	'co.securityCode': '보안 코드',
	'co.securityCodeHint': '뒷면의 숫자 3자리(American Express는 앞면의 4자리)입니다.',
	'co.holderName': '카드 소유자 이름',
	'co.cardNotStored': '카드 번호는 파트너 센터에 한 번만 전송되며 이 기기에 저장되지 않습니다.',
	'co.saving': '카드를 저장하는 중…',
	'co.fixErrors': '표시된 필드를 확인하세요.',
	'co.errCardNumberRequired': '카드 번호를 입력하세요.',
	'co.errCardNumberFormat': '카드 번호 12~19자리를 입력하세요.',
	'co.errCardNumberLuhn': '유효하지 않은 카드 번호입니다. 숫자를 확인하세요.',
	'co.errExpiryRequired': '만료 날짜를 입력하세요.',
	'co.errExpiryFormat': '만료 날짜를 MM/YY 형식으로 입력하세요.',
	'co.errExpiryExpired': '만료된 카드입니다.',
	'co.errSecurityCodeRequired': '보안 코드를 입력하세요.',
	'co.errSecurityCodeFormat': '보안 코드 3자리(American Express는 4자리)를 입력하세요.',
	'co.errHolderNameRequired': '카드 소유자 이름을 입력하세요.',
	'co.addCardOffline': '카드를 추가하려면 인터넷 연결이 필요합니다. 현재 오프라인 상태이며 주문 초안은 보존됩니다.',
	'co.addCardFailed': '카드를 추가할 수 없습니다. 카드를 확인하거나 다른 카드를 사용하세요.',
	'co.errFieldRefused': '파트너 센터에서 이 값을 받아들이지 않았습니다. 확인하고 다시 시도하세요.',
	'co.offer': '제품',
	'co.subtotal': '소계',
	'co.tax': '세금',
	'co.total': '합계',
	'co.term': '기간',
	'co.starts': '시작',
	'co.ends': '종료',
	'co.currentEndDate': '현재 종료 날짜',
	'co.newEndDate': '새 종료 날짜',
	'co.paymentMethod': '결제 방법',
	'co.paidWith': '{brand} 카드(끝자리 {last4})로 결제',
	'co.termsAccepted': '동의한 약관',
	'co.chargedOnPurchase': '구입을 선택하면 카드에 요금이 청구됩니다.',
	'co.errUnavailable': '파트너 센터에서 지금 주문을 받을 수 없습니다. 요금은 청구되지 않았습니다. 다시 시도하세요.',
	'co.errOrder': '주문하지 못했습니다. 요금은 청구되지 않았습니다. 나중에 다시 시도하세요.',
	'co.errNotMember': '네트워크 회원만 Action Pack을 구입할 수 있습니다.',
	'co.errAlreadySubscribed': '조직에 이미 활성 Action Pack 구독이 있습니다.',
	'co.errRole': '역할에 구입 또는 갱신 권한이 없습니다. 전역 관리자 또는 MPN 파트너 관리자에게 요청하세요.',
	'co.errWindow': '이 구독은 오늘 갱신할 수 없습니다.',
	'co.errBlocked': '이 구독에 대한 이전 변경 내용이 받아들여지지 않았습니다. 먼저 구독 페이지에서 다시 시도하거나 삭제하세요.',
	'co.errInvalid': '일부 주문 정보가 받아들여지지 않았습니다. 돌아가서 확인한 후 다시 시도하세요.',
	// The source document keeps this sentence in English on its Korean half.
	'co.confirmed': 'Your order is confirmed.',
	'co.renewsAutomatically': 'Action Pack 구독은 매년 이 날짜에 자동으로 갱신됩니다.',
	'co.nextStepActivate': '다음 단계: Action Pack 구독 활성화',
	'co.orderNumber': '주문 {id}',
	'co.queuedTitle': '주문이 이 기기에 저장되었습니다',
	'co.queuedBadge': '아직 청구되지 않음',
	'co.queued': '아직 청구되지 않았습니다. 다시 온라인 상태가 되면 주문이 진행됩니다.',
	'co.resumeDraft': '초안을 계속 작성할까요?',
	'co.resume': '계속',
	'co.discardDraft': '초안 삭제',
	'inv.subscribeTitle': 'Microsoft Action Pack 구독',
	'inv.renewTitle': 'Action Pack 구독 갱신',
	'inv.viewInvoice': '청구서 보기'
};

/** `t` for the checkout strings. */
export function tc(key: CheckoutMessageKey, params?: Record<string, string | number>): string {
	return translate(checkoutEn, checkoutKo, key, params);
}

const brandNames: Record<string, string> = {
	visa: 'Visa',
	mastercard: 'Mastercard',
	amex: 'American Express',
	discover: 'Discover',
	jcb: 'JCB'
};

/** Why an order was not placed, in the user's words: never the server's own text or code. */
export function checkoutErrorText(code: string): string {
	const key: Partial<Record<string, CheckoutMessageKey>> = {
		unavailable: 'co.errUnavailable',
		not_network_member: 'co.errNotMember',
		already_subscribed: 'co.errAlreadySubscribed',
		forbidden_role: 'co.errRole',
		outside_renewal_window: 'co.errWindow',
		blocked: 'co.errBlocked',
		validation: 'co.errInvalid',
		card_declined: 'co.declined'
	};
	return tc(key[code] ?? 'co.errOrder');
}

/** Card brands are trade names: the same in every language. */
export function brandName(brand: string): string {
	return brandNames[brand.toLowerCase()] ?? (brand ? brand[0].toUpperCase() + brand.slice(1) : '');
}
