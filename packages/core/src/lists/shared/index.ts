/** @module lists/shared — helpers the list parsers share (streaming XML and CSV, wallets in text). */
export * from './xml.ts';
export * from './csv.ts';
export * from './wallets-in-text.ts';
export * from './json-lines.ts';
