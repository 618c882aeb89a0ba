/** Pure rules of the membership domain: no I/O, no Svelte, safe in the page, the worker and Node. */
export * from './dates.ts';
export * from './subscription.ts';
export * from './term.ts';
export * from './membership.ts';
export * from './payment.ts';
export * from './money.ts';
export * from './offers.ts';
export * from './benefits.ts';
export * from './calendar.ts';
export * from './support.ts';
export * from './text.ts';
export * from './url.ts';
