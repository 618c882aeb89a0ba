/**
 * Checks on free text typed by people (titles, notes, names). Shared by the form and the API
 * through the schemas, so both refuse the same things.
 */

/**
 * C0 and C1 control characters other than tab, line feed and carriage return. NUL cuts strings
 * short in C code, logs and databases; the others have no business in a title or a note.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * What renders as nothing: spaces, controls, format characters (zero-width space and joiners,
 * BOM, bidi marks), separators, lone combining marks, and the blank "letters" (Hangul fillers,
 * braille blank) that Unicode classifies as visible but no font draws.
 */
const INVISIBLE = /^[\s\p{Cc}\p{Cf}\p{Z}\p{M}\u115F\u1160\u3164\uFFA0\u2800\u180E]*$/u;

export function hasControlCharacters(text: string): boolean {
	return CONTROL.test(text);
}

/** True when the text shows at least one character a reader can see. */
export function hasVisibleText(text: string): boolean {
	return !INVISIBLE.test(text);
}
