import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import SyncBar from './sync-bar.svelte';

afterEach(() => cleanup());

const idle = { running: false, done: 0, total: 0, error: null };

describe('sync bar (props only)', () => {
	it('shows what waits and asks for a sync through its callback', async () => {
		const onsync = vi.fn();
		render(SyncBar, { status: idle, summary: { pending: 2, failed: 0 }, lastSynced: null, onsync });
		expect(screen.getByRole('status')).toHaveTextContent('2 waiting to sync');
		await fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
		expect(onsync).toHaveBeenCalledOnce();
	});

	it('shows progress while running, and an ended session with the way back', async () => {
		const onsync = vi.fn();
		render(SyncBar, { status: { running: true, done: 3, total: 12, error: null }, summary: undefined, lastSynced: undefined, onsync });
		expect(screen.getByRole('status')).toHaveTextContent('3');
		// A press during a sync is not swallowed: it asks for the forced sync that follows.
		const button = screen.getByRole('button', { name: 'Sync now' });
		expect(button).toBeEnabled();
		await fireEvent.click(button);
		expect(onsync).toHaveBeenCalledOnce();
		cleanup();
		render(SyncBar, { status: { ...idle, error: { kind: 'auth', status: 401 } }, summary: { pending: 1, failed: 0 }, lastSynced: null, onsync: () => {} });
		expect(screen.getByRole('alert')).toHaveTextContent('Your session has ended.');
		expect(screen.getByRole('link', { name: 'Sign in again' })).toBeInTheDocument();
	});

	it('a server failure says what happens to the changes, never the HTTP status', () => {
		render(SyncBar, { status: { ...idle, error: { kind: 'server', status: 503 } }, summary: { pending: 1, failed: 0 }, lastSynced: null, onsync: () => {} });
		const alert = screen.getByRole('alert');
		expect(alert).toHaveTextContent('Partner Center could not answer. Your changes are kept and will sync later.');
		expect(alert.textContent).not.toContain('503');
	});
});
