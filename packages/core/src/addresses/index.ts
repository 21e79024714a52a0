/** @module addresses — address codecs per chain, validation, tickers, and the wallet index. */
export * from './types.ts';
export * from './tickers.ts';
export * from './validate.ts';
export * from './wallet-index.ts';
export * from './tag-index.ts';
