/**
 * The current language and the translate function. The locale is rune state, so every `t()`
 * in a template re-renders when the user switches language, with no reload.
 * Choice order: what the user picked before (localStorage), then the browser's languages.
 */
import { calendarDate, groupedInteger, localDateTime } from './format';
import { en, type MessageKey } from './messages';

export type Locale = 'en' | 'ko';
export const locales: readonly Locale[] = ['en', 'ko'];
const STORAGE_KEY = 'pm.locale';
/** English is always here (it is also the fallback); Korean loads on demand. */
const catalogs: Partial<Record<Locale, Record<MessageKey, string>>> = { en };

/** Korean halves of page tables already imported (see `pageTable`): loaded with the main one. */
const pageLoaders = new Set<() => Promise<void>>();

async function loadCatalog(locale: Locale): Promise<void> {
	if (locale !== 'ko') return;
	await Promise.all([catalogs.ko ? undefined : import('./messages-ko').then((m) => (catalogs.ko = m.ko)), ...[...pageLoaders].map((load) => load())]);
}

function initialLocale(): Locale {
	try {
		const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
		if (saved === 'en' || saved === 'ko') return saved;
	} catch {
		// Storage can be blocked (private mode); the browser's language still applies.
	}
	const langs = globalThis.navigator?.languages ?? [];
	for (const l of langs) {
		if (l.toLowerCase().startsWith('ko')) return 'ko';
		if (l.toLowerCase().startsWith('en')) return 'en';
	}
	return 'en';
}

class I18n {
	/** The language shown: switched only once its table is loaded, so no key ever flashes. */
	locale = $state<Locale>('en');
	#wanted: Locale = initialLocale();

	/** The language being loaded or shown: a page table loads its Korean half when it is Korean. */
	get wanted(): Locale {
		return this.#wanted;
	}

	/** Loads the chosen language's table; the root layout awaits this before the first paint. */
	async ready(): Promise<void> {
		await loadCatalog(this.#wanted);
		this.locale = this.#wanted;
	}

	/** BCP 47 tag for Intl formatters. */
	get tag(): string {
		return this.locale === 'ko' ? 'ko-KR' : 'en-US';
	}

	async set(locale: Locale): Promise<void> {
		this.#wanted = locale;
		// Remembered at once, before the table has loaded: a reload or an address typed right
		// after the tap must come up in the chosen language (the next start loads the table).
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// Not remembered, but the switch still applies to this session.
		}
		await loadCatalog(locale);
		if (this.#wanted !== locale) return; // a later choice won
		this.locale = locale;
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	}
}

export const i18n = new I18n();

export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return translate(en, catalogs.ko, key, params);
}

/**
 * A page's own table (checkout, say): its English ships with the page, its Korean only to
 * Korean users, loaded when the page's module is imported or when the user switches language.
 * `ready()` is for the page's `load`, so a Korean page never paints in English first.
 */
export function pageTable<K extends string>(english: Record<K, string>, loadKorean: () => Promise<Record<K, string>>) {
	let table = $state.raw<{ ko?: Record<K, string> }>({});
	let loading: Promise<void> | undefined;
	const load = () => (loading ??= loadKorean().then((ko) => void (table = { ko })));
	pageLoaders.add(load);
	if (i18n.wanted === 'ko') void load();
	return {
		t: (key: K, params?: Record<string, string | number>) => translate(english, table.ko, key, params),
		ready: (): Promise<void> => (i18n.wanted === 'ko' ? load() : Promise.resolve())
	};
}

/**
 * The one lookup behind every table (main, support, checkout, account pages): the current
 * language if its table has the key, else English, with `{param}` filled in.
 */
export function translate<K extends string>(
	english: Record<K, string>,
	korean: Record<K, string> | undefined,
	key: K,
	params?: Record<string, string | number>
): string {
	const useKorean = i18n.locale === 'ko' && korean?.[key] !== undefined;
	let text: string = useKorean ? korean![key] : english[key];
	if (params) {
		const locale = useKorean ? 'ko' : 'en';
		text = plurals(text, locale, params);
		// A count reads as a quantity ("10,000 requests"); other numbers (years, days) as they are.
		for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, k === 'count' && typeof v === 'number' ? quantity(v, locale) : String(v));
	}
	return text;
}

/**
 * Intl objects by their locale and options. Building one costs far more than formatting with
 * it (ICU data is looked up each time; at a phone's speed a dashboard's worth was a 50 ms task),
 * and pages format the same few dates and amounts on every render.
 */
const intlCache = new Map<string, unknown>();
function intl<T>(key: string, make: () => T): T {
	let v = intlCache.get(key) as T | undefined;
	if (v === undefined) intlCache.set(key, (v = make()));
	return v;
}

/**
 * `{count, plural, one {# change has} other {# changes have}}`: the ICU plural form, chosen
 * with Intl.PluralRules in the language of the text (Korean has one form, English two). `#`
 * stands for the number. Only this form of ICU is needed, so no message-format library.
 */
const quantity = (n: number, locale: 'en' | 'ko') =>
	groupedInteger(n) ?? (Number.isFinite(n) ? intl(`n|${locale}`, () => new Intl.NumberFormat(locale)).format(n) : String(n));
const PLURAL = /\{(\w+), plural, ((?:\w+ \{[^{}]*\} ?)+)\}/g;
function plurals(text: string, locale: 'en' | 'ko', params: Record<string, string | number>): string {
	if (!text.includes(', plural,')) return text;
	const rules = intl(`p|${locale}`, () => new Intl.PluralRules(locale));
	return text.replace(PLURAL, (_, name: string, forms: string) => {
		const n = Number(params[name]);
		const options = new Map([...forms.matchAll(/(\w+) \{([^{}]*)\}/g)].map((m) => [m[1], m[2]]));
		const form = options.get(`=${n}`) ?? options.get(rules.select(n)) ?? options.get('other') ?? '';
		return form.replaceAll('#', quantity(n, locale));
	});
}

/** A calendar date (YYYY-MM-DD) in the user's language, pinned to UTC so no zone can shift it. */
export function formatDate(date: string | null | undefined, style: 'medium' | 'long' = 'medium'): string {
	if (!date) return '';
	const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
	if (Number.isNaN(d.getTime())) return date;
	// Without Intl where it can (format.ts says why); the date is read in UTC, as Intl is told to.
	const text = calendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), i18n.locale, style);
	if (text !== null) return text;
	return intl(`d|${i18n.tag}|${style}`, () => new Intl.DateTimeFormat(i18n.tag, { dateStyle: style, timeZone: 'UTC' })).format(d);
}

/** An instant in the user's own time zone. */
export function formatDateTime(instant: string | null | undefined): string {
	if (!instant) return '';
	const d = new Date(instant);
	if (Number.isNaN(d.getTime())) return instant;
	const text = localDateTime(d, i18n.locale);
	if (text !== null) return text;
	return intl(`dt|${i18n.tag}`, () => new Intl.DateTimeFormat(i18n.tag, { dateStyle: 'medium', timeStyle: 'short' })).format(d);
}

export function formatMoney(amount: number, currency: string): string {
	return intl(`c|${i18n.tag}|${currency}`, () => new Intl.NumberFormat(i18n.tag, { style: 'currency', currency })).format(amount);
}
