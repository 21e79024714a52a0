/**
 * @module exposure
 * On-chain exposure (issue 6): the contract (types.ts) and the tracer (trace.ts).
 */
export * from './types.ts';
export * from './trace.ts';
export * from './memory.ts';
