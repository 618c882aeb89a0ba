/**
 * What the user did, as the simulation remembers it: every write with a unique token
 * (`s{seed}-w{n}` in its title, note text or order id), so the ledger can count it, and what
 * the user did to it afterwards (retried, discarded, signed out). The outbox is not trusted
 * for this: the model is what the engine's result is judged against.
 */
import { SEED_IDS } from '$lib/server/sandbox';

export type WriteKind = 'create' | 'note' | 'autoRenewOff' | 'order' | 'device';

export interface Write {
	n: number;
	kind: WriteKind;
	/** Title (create, device), note text (note), order id (order), subscription id (autoRenewOff). */
	token: string;
	userId: string;
	partnerId: string;
	/** A note's request, by title. */
	requestTitle?: string;
	/** Filed with a topic the server refuses (a 4xx), and not since retried with a valid one. */
	invalid?: boolean;
	/** Discarded by the user; `attempted`: the server may have seen it first. */
	discarded?: { attempted: boolean };
	/** Still waiting when the user signed out (which drops waiting writes). */
	dropped?: boolean;
	/** Another device's write: whether its answer came back (then it landed exactly once). */
	acked?: boolean;
}

export interface SimUser {
	email: string;
	userId: string;
	partnerId: string;
}

/** The seeded users the simulation plays (DESIGN §6); all may file, the Contoso two may buy. */
export const USERS: readonly SimUser[] = [
	{ email: 'admin@contoso.example', userId: 'user-contoso-admin', partnerId: SEED_IDS.contoso },
	{ email: 'mpn@contoso.example', userId: 'user-contoso-mpn', partnerId: SEED_IDS.contoso },
	{ email: 'admin@fabrikam.example', userId: 'user-fabrikam-admin', partnerId: SEED_IDS.fabrikam }
];

export const userById = (id: string) => USERS.find((u) => u.userId === id);

export class Model {
	readonly writes: Write[] = [];
	private n = 0;

	constructor(readonly seed: number) {}

	/** A fresh token; numbered per seed so that a failure names the write in the schedule. */
	token(prefix = 'w'): { n: number; token: string } {
		const n = ++this.n;
		return { n, token: `s${this.seed}-${prefix}${n}` };
	}

	add(w: Write): Write {
		this.writes.push(w);
		return w;
	}

	/** The latest write of this kind and token (auto-renew may be asked again after a refusal). */
	find(kind: WriteKind, token: string): Write | undefined {
		return this.writes.findLast((w) => w.kind === kind && w.token === token);
	}

	/** Notes written on a request (for discards that take the request's notes with it). */
	notesOn(title: string): Write[] {
		return this.writes.filter((w) => w.kind === 'note' && w.requestTitle === title);
	}
}
