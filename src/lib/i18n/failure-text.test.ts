import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from './i18n.svelte';
import { failureText } from './messages-support';

afterEach(() => i18n.set('en'));

// What a server might say: English, and quoting what was sent.
const SERVER = 'supportTopicId: "retired-topic" is not a topic';

describe('failureText: why a write failed, never in the server’s words', () => {
	it('gives each refusal code its own sentence', () => {
		expect(failureText({ code: 'validation', message: SERVER })).toBe(
			'Partner Center did not accept this: a field is missing or no longer valid (the problem type, for one). Edit and retry, or discard it.'
		);
		expect(failureText({ code: 'request_closed', message: SERVER })).toMatch(/^Partner Center did not accept this note: the request is closed\./);
		expect(failureText({ code: 'not_found', message: SERVER })).toMatch(/no longer has this request/);
		expect(failureText({ code: 'forbidden_role', message: SERVER })).toMatch(/^Only a Global admin/);
		expect(failureText({ code: 'expired', message: SERVER })).toMatch(/^This waited too long/);
	});

	it('names the fields a refusal named, by the form’s labels, and never by the API’s names', async () => {
		const refusal = { code: 'validation', message: SERVER, fields: ['primaryContact.email', 'supportTopicId'] };
		expect(failureText(refusal)).toBe('Partner Center did not accept this. Check Problem type, Contact email: edit and retry, or discard it.');
		// A field the form does not have (a note's text) leaves the general sentence.
		expect(failureText({ code: 'validation', message: SERVER, fields: ['text'] })).toMatch(/a field is missing or no longer valid/);
		// Names only count for a validation refusal.
		expect(failureText({ code: 'request_closed', message: SERVER, fields: ['title'] })).toMatch(/the request is closed/);
		await i18n.set('ko');
		expect(failureText(refusal)).toBe('파트너 센터에서 받아들이지 않았습니다. 문제 유형, 연락처 전자 메일 항목을 확인하고 수정한 후 다시 시도하거나 삭제하세요.');
		expect(failureText(refusal)).not.toMatch(/primaryContact|supportTopicId/);
	});

	it('falls back to a plain sentence for a code it does not know, or none', () => {
		for (const error of [{ code: 'request_id_reused', message: SERVER }, { message: SERVER }, undefined]) {
			expect(failureText(error)).toBe('Partner Center did not accept this. Check it and retry, or discard it.');
		}
	});

	it('never shows the server’s text, in English or Korean', async () => {
		const codes = ['validation', 'request_closed', 'not_found', 'forbidden_role', 'expired', 'unreadable', 'orphan', 'anything', undefined];
		for (const lang of ['en', 'ko'] as const) {
			await i18n.set(lang);
			for (const code of codes) expect(failureText({ code, message: SERVER })).not.toContain('retired-topic');
		}
		expect(failureText({ code: 'validation', message: SERVER })).toMatch(/^파트너 센터에서 받아들이지 않았습니다/);
	});
});
