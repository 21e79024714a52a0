/** @module screening — the in-memory name, identifier and wallet screening engine. */
export * from './types.ts';
export * from './index-build.ts';
export * from './compare.ts';
export * from './screen.ts';
export * from './pairs.ts';
