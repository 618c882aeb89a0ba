/** Pure rules of the membership domain: no I/O, no Svelte, safe in the page, the worker and Node. */
export * from './dates';
export * from './subscription';
export * from './term';
export * from './membership';
export * from './payment';
export * from './money';
export * from './offers';
export * from './support';
