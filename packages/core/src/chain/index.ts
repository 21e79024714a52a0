/**
 * @module chain
 * Chain data: the model Sekisho keeps (model.ts) and the parsers of each chain's formats.
 */
export * from './model.ts';
export * from './bitcoin/index.ts';
export * from './ethereum/index.ts';
export * from './tron/index.ts';
export * from './pools.ts';
export * from './cluster/index.ts';
export * from './attribution.ts';
