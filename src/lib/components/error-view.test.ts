import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { i18n } from '$lib/i18n/i18n.svelte';
import ErrorView from './error-view.svelte';

afterEach(async () => {
	cleanup();
	await i18n.set('en');
});

describe('error view', () => {
	it('says an address is not a page, in words, and leads to the dashboard', () => {
		render(ErrorView, { status: 404 });
		expect(screen.getByRole('heading', { level: 1, name: 'Not found' })).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('href', '/');
		expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
		expect(document.body.textContent).not.toMatch(/404|Not Found/);
	});

	it('offers a reload when a page failed to open, and never shows the status', () => {
		render(ErrorView, { status: 500 });
		expect(screen.getByRole('heading', { level: 1, name: 'This page could not be shown' })).toBeInTheDocument();
		expect(screen.getByText(/Your data is safe on this device/)).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
		expect(document.body.textContent).not.toMatch(/500|Internal Error/);
	});

	it('speaks Korean', async () => {
		await i18n.set('ko');
		render(ErrorView, { status: 404 });
		expect(screen.getByRole('heading', { level: 1, name: '찾을 수 없음' })).toBeInTheDocument();
		expect(screen.getByRole('link', { name: '대시보드' })).toBeInTheDocument();
		cleanup();
		render(ErrorView, { status: 503 });
		expect(screen.getByRole('heading', { level: 1, name: '이 페이지를 표시할 수 없습니다' })).toBeInTheDocument();
		expect(screen.getByRole('button', { name: '새로 고침' })).toBeInTheDocument();
	});
});
