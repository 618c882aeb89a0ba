/**
 * Strings of the support pages (flows E and F). A table of their own, loaded with those routes
 * only, keeps them out of the dashboard's first-load budget. Labels from the source document
 * are verbatim (DESIGN.md §4): tests find controls by these names.
 */
import { translate } from './i18n.svelte';

export const supportEn = {
	reportIntro: 'Tell Partner Center Support what you need. To cancel an Action Pack subscription, file a request with the problem type “Help with partner invoice, payment, or reconciliation file”.',
	newRequest: 'New request',
	problemType: 'Problem type',
	chooseProblemType: 'Choose a problem type',
	title: 'Title',
	description: 'Description',
	severity: 'Severity',
	severityMinimal: 'Minimal',
	severityModerate: 'Moderate',
	severityCritical: 'Critical',
	primaryContact: 'Primary contact',
	contactName: 'Contact name',
	contactEmail: 'Contact email',
	contactPhone: 'Contact phone (optional)',
	submit: 'Submit',
	submitting: 'Submitting…',
	requiredInfo: 'Fields marked * are required.',
	fixErrors: 'Check the fields marked below.',
	errTitleRequired: 'Enter a title.',
	errTitleLong: 'Keep the title under 200 characters.',
	errDescriptionShort: 'Describe the problem in at least 10 characters.',
	errDescriptionLong: 'Keep the description under 5000 characters.',
	errTopicRequired: 'Choose a problem type.',
	errContactName: 'Enter a contact name.',
	errContactEmail: 'Enter a valid email address for the contact.',
	errContactPhone: 'Enter a phone number of at most 40 characters, or leave it empty.',
	errNoteRequired: 'Write a note first.',
	errStorage: 'This device could not save your request. Nothing was saved; your text is still here — try again.',
	errStorageFull: 'This device is out of storage space, so nothing was saved. Your text is still here: free some space, then try again.',
	cancelPrefillNote: 'This request asks Partner Center Support to cancel your Action Pack subscription.',
	cancelTitle: 'Cancel Microsoft Action Pack subscription',
	filedOffline: 'Saved on this device. It will be sent to Partner Center when you are back online.',
	filed: 'Your request was saved and is being sent to Partner Center.',
	requestsTitle: 'Service requests > Partner Center requests',
	filter: 'Filter',
	open: 'Open',
	closed: 'Closed',
	statusOpen: 'Open',
	statusClosed: 'Closed',
	statusAttention: 'Attention needed',
	noOpenRequests: 'You have no open requests.',
	noClosedRequests: 'You have no closed requests.',
	waitingToSync: 'Waiting to sync',
	sendingNow: 'Sending…',
	syncFailed: 'Not sent',
	requestId: 'Request ID',
	created: 'Created',
	lastUpdated: 'Last updated',
	notes: 'Notes',
	noNotes: 'No notes yet.',
	history: 'History',
	addNote: 'Add a note',
	note: 'Note',
	saveNote: 'Add note',
	notFiledYet: 'Not sent yet',
	failedBecause: 'Partner Center did not accept this. Check it and retry, or discard it.',
	failedInvalid: 'Partner Center did not accept this: a field is missing or no longer valid (the problem type, for one). Edit and retry, or discard it.',
	failedClosed: 'Partner Center did not accept this note: the request is closed. Copy the text into a new request, or discard the note.',
	failedGone: 'Partner Center did not accept this: it no longer has this request. Discard it, or file a new request.',
	failExpired: 'This waited too long to be sent safely: Partner Center may already have it, so it is not sent again. Discard it: if Partner Center has it, it appears in your requests after the next sync; if not, file it again.',
	failUnreadable: 'Partner Center’s answer could not be read; it may have received this already. Retry to ask again, or discard it.',
	failOrphan: 'The request this note belongs to was not found. Discard the note, or copy its text into a new request.',
	cannotFileRole: 'Only a Global admin, MPN partner admin or Account admin can file or add to requests. You can read them.',
	errNoteBlocked: 'This request was not accepted, so notes cannot be added. Retry or discard it first.',
	warnExpiring: '{count, plural, one {# change has} other {# changes have}} waited weeks to reach Partner Center. Go online soon: after 88 days they can no longer be sent safely.',
	editAndRetry: 'Edit and retry',
	retry: 'Retry',
	discard: 'Discard',
	discardConfirm: 'Discard this request? It has not reached Partner Center and cannot be recovered.',
	discardNoteConfirm: 'Discard this note? It has not reached Partner Center.',
	backToRequests: 'Back to requests',
	requestCount: '{count, plural, one {# request} other {# requests}}',
	historyOpened: 'Opened',
	historyClosed: 'Closed',
	historyAttention: 'Needs your attention',
	by: 'by {name}',
	draftResume: 'Resume your draft?',
	draftSaved: 'A draft of this request, last changed {date}, is kept on this device. Resume where you left off, or discard it and start again.',
	draftResumeButton: 'Resume',
	draftDiscard: 'Discard draft',
	draftKept: 'What you type is kept on this device as a draft until you submit or discard it.'
} as const;

export type SupportMessageKey = keyof typeof supportEn;

export const supportKo: Record<SupportMessageKey, string> = {
	reportIntro: '파트너 센터 지원팀에 필요한 내용을 알려 주세요. Action Pack 구독을 취소하려면 문제 유형 “Help with partner invoice, payment, or reconciliation file”로 요청을 제출하세요.',
	newRequest: '새 요청',
	problemType: '문제 유형',
	chooseProblemType: '문제 유형 선택',
	title: '제목',
	description: '설명',
	severity: '심각도',
	severityMinimal: '낮음',
	severityModerate: '보통',
	severityCritical: '심각',
	primaryContact: '기본 연락처',
	contactName: '연락처 이름',
	contactEmail: '연락처 전자 메일',
	contactPhone: '연락처 전화번호(선택)',
	submit: '제출',
	submitting: '제출 중…',
	requiredInfo: '* 표시된 필드는 필수입니다.',
	fixErrors: '아래 표시된 필드를 확인하세요.',
	errTitleRequired: '제목을 입력하세요.',
	errTitleLong: '제목은 200자 이내로 입력하세요.',
	errDescriptionShort: '문제를 10자 이상으로 설명하세요.',
	errDescriptionLong: '설명은 5000자 이내로 입력하세요.',
	errTopicRequired: '문제 유형을 선택하세요.',
	errContactName: '연락처 이름을 입력하세요.',
	errContactEmail: '연락처의 올바른 전자 메일 주소를 입력하세요.',
	errContactPhone: '전화번호는 40자 이내로 입력하거나 비워 두세요.',
	errNoteRequired: '먼저 메모를 작성하세요.',
	errStorage: '이 기기에 요청을 저장할 수 없습니다. 저장된 내용은 없으며 입력한 내용은 그대로 있습니다. 다시 시도하세요.',
	errStorageFull: '이 기기의 저장 공간이 부족하여 아무것도 저장되지 않았습니다. 입력한 내용은 그대로 있습니다. 공간을 확보한 후 다시 시도하세요.',
	cancelPrefillNote: '이 요청은 파트너 센터 지원팀에 Action Pack 구독 취소를 요청합니다.',
	cancelTitle: 'Microsoft Action Pack 구독 취소',
	filedOffline: '이 기기에 저장되었습니다. 다시 온라인 상태가 되면 파트너 센터로 전송됩니다.',
	filed: '요청이 저장되었으며 파트너 센터로 전송 중입니다.',
	requestsTitle: '서비스 요청 > 파트너 센터 요청',
	filter: '필터',
	open: '열기',
	closed: '닫힘',
	statusOpen: '열림',
	statusClosed: '닫힘',
	statusAttention: '조치 필요',
	noOpenRequests: '열린 요청이 없습니다.',
	noClosedRequests: '닫힌 요청이 없습니다.',
	waitingToSync: '동기화 대기 중',
	sendingNow: '전송 중…',
	syncFailed: '전송되지 않음',
	requestId: '요청 ID',
	created: '만든 날짜',
	lastUpdated: '마지막 업데이트',
	notes: '메모',
	noNotes: '아직 메모가 없습니다.',
	history: '기록',
	addNote: '메모 추가',
	note: '메모',
	saveNote: '메모 추가',
	notFiledYet: '아직 전송되지 않음',
	failedBecause: '파트너 센터에서 받아들이지 않았습니다. 내용을 확인한 후 다시 시도하거나 삭제하세요.',
	failedInvalid: '파트너 센터에서 받아들이지 않았습니다. 빠졌거나 더 이상 유효하지 않은 항목(예: 문제 유형)이 있습니다. 수정한 후 다시 시도하거나 삭제하세요.',
	failedClosed: '파트너 센터에서 이 메모를 받아들이지 않았습니다. 요청이 종료되었습니다. 내용을 새 요청에 복사하거나 메모를 삭제하세요.',
	failedGone: '파트너 센터에서 받아들이지 않았습니다. 이 요청이 더 이상 없습니다. 삭제하거나 새 요청을 제출하세요.',
	failExpired: '너무 오래 대기하여 안전하게 보낼 수 없습니다. 파트너 센터에 이미 있을 수 있으므로 다시 보내지 않습니다. 삭제하세요. 파트너 센터에 있으면 다음 동기화 후 요청 목록에 표시되고, 없으면 다시 제출하세요.',
	failUnreadable: '파트너 센터의 응답을 읽을 수 없습니다. 이미 받았을 수 있습니다. 다시 시도하여 확인하거나 삭제하세요.',
	failOrphan: '이 메모가 속한 요청을 찾을 수 없습니다. 메모를 삭제하거나 내용을 새 요청에 복사하세요.',
	cannotFileRole: '전역 관리자, MPN 파트너 관리자 또는 계정 관리자만 요청을 제출하거나 추가할 수 있습니다. 요청은 읽을 수 있습니다.',
	errNoteBlocked: '이 요청이 받아들여지지 않아 메모를 추가할 수 없습니다. 먼저 다시 시도하거나 삭제하세요.',
	warnExpiring: '변경 내용 {count}개가 몇 주째 파트너 센터로 전송되지 않았습니다. 곧 온라인에 연결하세요. 88일이 지나면 안전하게 보낼 수 없습니다.',
	editAndRetry: '편집 후 다시 시도',
	retry: '다시 시도',
	discard: '삭제',
	discardConfirm: '이 요청을 삭제할까요? 파트너 센터에 전달되지 않았으며 복구할 수 없습니다.',
	discardNoteConfirm: '이 메모를 삭제할까요? 파트너 센터에 전달되지 않았습니다.',
	backToRequests: '요청 목록으로 돌아가기',
	requestCount: '요청 {count}개',
	historyOpened: '열림',
	historyClosed: '닫힘',
	historyAttention: '조치 필요',
	by: '{name}',
	draftResume: '초안을 계속 작성할까요?',
	draftSaved: '이 요청의 초안(마지막 변경: {date})이 이 기기에 보관되어 있습니다. 이어서 작성하거나, 초안을 삭제하고 새로 시작하세요.',
	draftResumeButton: '계속',
	draftDiscard: '초안 삭제',
	draftKept: '입력한 내용은 제출하거나 삭제할 때까지 이 기기에 초안으로 보관됩니다.'
};

/** Why a write failed, in the user's words: a sentence per code, never the server's text. */
export function failureText(error: { code?: string; message: string } | undefined): string {
	switch (error?.code) {
		case 'expired':
			return ts('failExpired');
		case 'unreadable':
			return ts('failUnreadable');
		case 'orphan':
			return ts('failOrphan');
		case 'forbidden_role':
			return ts('cannotFileRole');
		case 'validation':
			return ts('failedInvalid');
		case 'request_closed':
			return ts('failedClosed');
		case 'not_found':
			return ts('failedGone');
		default:
			// Never the server's own words: they are English, and may quote what was sent.
			return ts('failedBecause');
	}
}

/** `t` for the support pages: same placeholders, same fallback to English. */
export function ts(key: SupportMessageKey, params?: Record<string, string | number>): string {
	return translate(supportEn, supportKo, key, params);
}
