/**
 * @module monitoring
 * Transaction monitoring (issue 7): rules over an event and its context, typologies that weigh
 * them, the configuration that sets both, and the sliding-window aggregates the rules read.
 */
export * from './types.ts';
export * from './config.ts';
export * from './engine.ts';
export * from './aggregates.ts';
export { RULES, DEFAULT_TYPOLOGIES } from './rules/index.ts';
export * from './rules/facts.ts';
export * from './activity.ts';
export * from './graph.ts';
export { readIvms101, type Ivms101Reading } from './ivms101.ts';
export * from './scenarios/index.ts';
