/**
 * @module chain/cluster/types
 * What address clustering reads and answers (issue 6). A transaction is seen with the outputs
 * its inputs spend already resolved (address and value when the spent output is known), the
 * shape the store's utxo_input ⋈ utxo_output join and the exposure tracer's TracedUtxoTx give.
 */

/** A UTXO transaction as clustering needs it (TracedUtxoTx fits). */
export interface ClusterTx {
  txid: string;
  coinbase: boolean;
  /** One entry per input: the spent output's address and value, absent when not known. */
  inputs: readonly { address?: string; value?: bigint }[];
  outputs: readonly { address?: string; value: bigint }[];
}

export type CoinJoinKind = 'whirlpool' | 'wasabi-1' | 'wasabi-2' | 'joinmarket';

/** A transaction recognised as a CoinJoin, with what made it one. */
export interface CoinJoinShape {
  kind: CoinJoinKind;
  /** The equal output value (the smallest denomination for Wasabi 2.0), satoshis. */
  denomination: bigint;
  /** Outputs at the denomination(s): a lower bound of the participants. */
  equalOutputs: number;
}

/**
 * What one transaction did to the clusters:
 * - `coinbase`: a coinbase has no inputs to link;
 * - `single-input`: fewer than two inputs;
 * - `coinjoin`: CoinJoin-shaped, inputs not linked (`coinjoin` says which rule);
 * - `unresolved`: two or more inputs but fewer than two distinct known input addresses;
 * - `conflict`: linking would join clusters attributed to different actors: refused;
 * - `merged`: its input addresses are one cluster now (maybe they were already).
 */
export type TxOutcome = 'coinbase' | 'single-input' | 'coinjoin' | 'unresolved' | 'conflict' | 'merged';

/** A cluster as the store holds it before a batch. */
export interface ExistingCluster {
  id: number;
  size: number;
  /** Actor ids attributed to its members (sorted, unique). */
  actors: readonly string[];
}

/** The transaction that linked two addresses: every merge can be explained by these. */
export interface ClusterLink {
  txid: string;
  a: string;
  b: string;
}

/** A merge refused because the two sides carry different actors. */
export interface ClusterConflict {
  txid: string;
  a: string;
  b: string;
  /** Cluster ids before the batch (undefined for an address in no cluster yet). */
  clusterA?: number;
  clusterB?: number;
  actorsA: string[];
  actorsB: string[];
}

/** A merge that made a cluster larger than the alarm size. */
export interface ClusterAlarm {
  txid: string;
  clusterId: number;
  size: number;
  threshold: number;
}

export interface ClusterTxResult {
  txid: string;
  outcome: TxOutcome;
  coinjoin?: CoinJoinShape;
  inputs: number;
  /** Inputs whose spent output (address) is known. */
  resolved: number;
}

/** Everything a batch changes, for the store to write in one transaction. */
export interface ClusterPlan {
  txs: ClusterTxResult[];
  links: ClusterLink[];
  conflicts: ClusterConflict[];
  alarms: ClusterAlarm[];
  /** Addresses in no cluster before the batch → the cluster they are in after it. */
  assign: Map<string, number>;
  /** Clusters that existed before the batch and were absorbed: their members move to `into`. */
  rewrite: { from: number; into: number }[];
  /** The clusters the batch created or changed, as they are after it. */
  clusters: ExistingCluster[];
  /** The next free cluster id after the batch. */
  nextId: number;
}
