/** @module @sekisho/core — the public face of the domain package. */
export * from './errors.ts';
export * from './model/index.ts';
export * from './lists/index.ts';
export * from './screening/index.ts';
export * from './names/index.ts';
export * from './addresses/index.ts';
export * from './tags/index.ts';
export * from './customers/index.ts';
export * from './events/index.ts';
export * from './chain/index.ts';
export * from './exposure/index.ts';
export * from './monitoring/index.ts';
