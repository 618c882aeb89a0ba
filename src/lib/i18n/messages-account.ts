/**
 * Strings of the invoice, payment-methods and subscription-details pages: a table of their
 * own, loaded with those routes only (the dashboard's first-load budget has no room for them).
 */
import { translate } from './i18n.svelte';

export const accountEn = {
	'inv.invoice': 'Invoice',
	'inv.invoiceNumber': 'Invoice number',
	'inv.orderNumber': 'Order number',
	'inv.orderDate': 'Date',
	'inv.billedTo': 'Billed to',
	'inv.item': 'Item',
	'inv.quantity': 'Qty',
	'inv.amount': 'Amount',
	'inv.subtotal': 'Subtotal',
	'inv.tax': 'Tax',
	'inv.total': 'Total',
	'inv.paidWith': 'Paid with {brand} ending in {last4}',
	'inv.print': 'Print',
	'inv.invoiceMissing': 'This invoice is not on this device yet. It appears after the order reaches Partner Center and the app syncs.',
	'pm.none': 'No saved payment methods. You can add a card when you buy or renew.',
	'pm.cardEnding': '{brand} ending in {last4}',
	'pm.expires': 'Expires {month}/{year}',
	'pm.remove': 'Remove',
	'pm.removeConfirm': 'Remove the card ending in {last4}? You can add it again later.',
	'pm.removeOffline': 'Removing a card needs a connection. Try again when you are online.',
	'pm.removeFailed': 'The card could not be removed: {message}',
	'sub.turnOffWarning': 'If you turn off automatic subscription renewal, you won’t be able to turn it back on until you renew the subscription again. We’ll remind you to renew before your subscription expires.',
	'sub.keepAutoRenew': 'Keep auto-renew on',
	'sub.autoRenewRefused': 'Partner Center did not turn off auto-renew. Auto-renew is still on; try again, or dismiss this.',
	'sub.cannotTurnOffRole': 'Only a Global admin or an MPN partner admin can turn off auto-renew.',
	'sub.cannotCancelRole': 'Only a Global admin, MPN partner admin or Account admin can ask Support to cancel.',
	'auth.othersWaiting': '{email} has {count, plural, one {# change} other {# changes}} waiting to sync on this device. They are sent only when {email} signs in: sign in as {email} first, or sign in anyway and they keep waiting.',
	'auth.signInAs': 'Sign in as {email}',
	'auth.signInAnyway': 'Sign in anyway',
	'auth.throttled': 'Too many attempts. Wait a few minutes, then try again.',
	'auth.failed': 'Sign-in did not work this time. Try again in a moment.',
	'sub.refundable': 'Cancelling now is refundable (until {date}, while no software benefit is activated).',
	'sub.notRefundable': 'Cancelling now is not refundable.'
} as const;

export type AccountMessageKey = keyof typeof accountEn;

export const accountKo: Record<AccountMessageKey, string> = {
	'inv.invoice': '청구서',
	'inv.invoiceNumber': '청구서 번호',
	'inv.orderNumber': '주문 번호',
	'inv.orderDate': '날짜',
	'inv.billedTo': '청구 대상',
	'inv.item': '항목',
	'inv.quantity': '수량',
	'inv.amount': '금액',
	'inv.subtotal': '소계',
	'inv.tax': '세금',
	'inv.total': '합계',
	'inv.paidWith': '{brand} 카드(끝자리 {last4})로 결제',
	'inv.print': '인쇄',
	'inv.invoiceMissing': '이 청구서는 아직 이 기기에 없습니다. 주문이 파트너 센터에 전달되고 앱이 동기화되면 표시됩니다.',
	'pm.none': '저장된 결제 방법이 없습니다. 구입하거나 갱신할 때 카드를 추가할 수 있습니다.',
	'pm.cardEnding': '{brand} 카드(끝자리 {last4})',
	'pm.expires': '만료 {month}/{year}',
	'pm.remove': '제거',
	'pm.removeConfirm': '끝자리가 {last4}인 카드를 제거할까요? 나중에 다시 추가할 수 있습니다.',
	'pm.removeOffline': '카드를 제거하려면 인터넷 연결이 필요합니다. 온라인 상태일 때 다시 시도하세요.',
	'pm.removeFailed': '카드를 제거하지 못했습니다: {message}',
	'sub.turnOffWarning': '자동 구독 갱신을 끄면 구독을 다시 갱신할 때까지 자동 갱신을 다시 켤 수 없습니다. 구독이 만료되기 전에 갱신하도록 알려 드립니다.',
	'sub.keepAutoRenew': '자동 갱신 유지',
	'sub.autoRenewRefused': '파트너 센터에서 자동 갱신을 끄지 못했습니다. 자동 갱신은 아직 켜져 있습니다. 다시 시도하거나 이 메시지를 닫으세요.',
	'sub.cannotTurnOffRole': '전역 관리자 또는 MPN 파트너 관리자만 자동 갱신을 끌 수 있습니다.',
	'sub.cannotCancelRole': '전역 관리자, MPN 파트너 관리자 또는 계정 관리자만 지원팀에 취소를 요청할 수 있습니다.',
	'auth.othersWaiting': '이 기기에 {email}의 변경 내용 {count}개가 동기화를 기다리고 있습니다. {email}(으)로 로그인해야 전송됩니다. 먼저 {email}(으)로 로그인하거나, 그대로 로그인하면 계속 대기합니다.',
	'auth.signInAs': '{email}(으)로 로그인',
	'auth.signInAnyway': '그대로 로그인',
	'auth.throttled': '시도 횟수가 너무 많습니다. 몇 분 후에 다시 시도하세요.',
	'auth.failed': '로그인하지 못했습니다. 잠시 후 다시 시도하세요.',
	'sub.refundable': '지금 취소하면 환불됩니다({date}까지, 소프트웨어 혜택을 활성화하지 않은 경우).',
	'sub.notRefundable': '지금 취소하면 환불되지 않습니다.'
};

/** `t` for these pages: same placeholders, same fallback to English. */
export function ta(key: AccountMessageKey, params?: Record<string, string | number>): string {
	return translate(accountEn, accountKo, key, params);
}
