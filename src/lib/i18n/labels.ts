import type { Role } from '$lib/api/schemas';
import type { MembershipLevel } from '$lib/domain/membership';
import { en, type MessageKey } from './messages';

export function roleKey(role: Role): MessageKey {
	return ({ global_admin: 'roleGlobalAdmin', mpn_admin: 'roleMpnAdmin', account_admin: 'roleAccountAdmin', user: 'roleUser' } as const)[role];
}

export function levelKey(level: MembershipLevel): MessageKey {
	return ({ none: 'levelNone', network: 'levelNetwork', action_pack: 'levelActionPack', competency: 'levelCompetency' } as const)[level];
}

/** A benefit's translated name, when the catalogue knows its id. */
export function benefitKey(id: string): MessageKey | null {
	const key = `benefit.${id}`;
	return key in en ? (key as MessageKey) : null;
}
