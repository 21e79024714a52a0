/** @module names — folding, transliteration, token classes and preparation of names for matching. */
export * from './fold.ts';
export * from './similarity.ts';
export * from './prepare.ts';
export * from './classes.ts';
export * from './transliterate/index.ts';
