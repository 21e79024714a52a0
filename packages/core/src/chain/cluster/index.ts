/**
 * @module chain/cluster
 * Address clustering by the multi-input heuristic with CoinJoin exclusion and safeguards against
 * false merges, the addresses inputs spend from, and the attributions a cluster carries.
 */
export * from './types.ts';
export { detectCoinJoin } from './coinjoin.ts';
export { planClusters, DEFAULT_SIZE_ALARM, type PlanOptions } from './plan.ts';
export { inputAddressFromScriptSig, clusterTxOf } from './inputs.ts';
export { clusterAttributions, withClusterAttributions } from './attribution.ts';
