/**
 * @module exposure/types
 * The contract of on-chain exposure (issue 6): what an address is known to be (attribution),
 * how the tracer reads the chain (a source over UTXO transactions or account transfers), and
 * the answer it gives — the share and amount of a subject's funds that came from (direction
 * `in`) or went to (direction `out`) each category and actor, with one example path each.
 *
 * Semantics follow the KYT anchors (research/chain-analytics.md §1.1, §3): OWNERSHIP when the
 * subject itself is attributed, DIRECT when its immediate counterparty is, INDIRECT when the
 * funds reach an attributed address through unattributed ones only; tracing stops at the first
 * attributed address on a path (an identified service answers for its own funds).
 */
import type { Chain } from '../addresses/types.ts';
import type { PoolAttribution } from '../chain/attribution.ts';

export type TraceMethod = 'haircut' | 'poison';
export type TraceDirection = 'in' | 'out';
export type ExposureKind = 'OWNERSHIP' | 'DIRECT' | 'INDIRECT';

export const DEFAULT_HOPS = 4;
export const MAX_HOPS = 10;

export type { Attribution, Attributor, DirectAttributor, PoolAttribution } from '../chain/attribution.ts';

// ---------------------------------------------------------------- what the tracer reads

/** A UTXO transaction as the tracer needs it: each input with the output it spends resolved. */
export interface TracedUtxoTx {
  txid: string;
  blockHeight: number;
  time: number;
  coinbase: boolean;
  coinbaseTag?: string;
  /** Spent outputs; `value`/`address` absent when the spent transaction is not in the store. */
  inputs: { prevTxid?: string; prevVout?: number; value?: bigint; address?: string }[];
  outputs: { vout: number; value: bigint; address?: string }[];
}

export interface UtxoSource {
  transaction(chain: Chain, txid: string): Promise<TracedUtxoTx | undefined>;
  /** The txid of the transaction that spends an output, when stored. */
  spender(chain: Chain, txid: string, vout: number): Promise<string | undefined>;
  /** Outputs paid to an address (at most `limit`, oldest first). */
  outputsTo(chain: Chain, address: string, limit: number): Promise<{ txid: string; vout: number; value: bigint }[]>;
}

/** Where a transfer sits in its chain's order: account tracing follows funds forward in time only. */
export interface TransferPosition {
  time: number;
  blockHeight: number;
  txHash: string;
  logIndex: number;
}

/** One counterparty of an address, aggregated over the transfers in the window. */
export interface Counterparty {
  address: string;
  /** Summed value in the asset's smallest unit. */
  value: bigint;
  transfers: number;
  /**
   * The transfer with this counterparty that widens the next window (the latest one for `in`,
   * the earliest for `out`): its position bounds the counterparty's own window, and a path shows it.
   */
  example: TransferPosition;
}

export interface AccountSource {
  /**
   * Counterparties of `address` for `asset`: who sent to it strictly before `bound` (direction
   * `in`), or whom it paid strictly after `bound` (direction `out`). Only successful transfers.
   * `total` sums every transfer in the window; `counterparties` are the largest `limit` by value
   * (ties by address), so a hub's long tail is reported as untraced rather than read.
   */
  counterparties(chain: Chain, address: string, asset: string, direction: TraceDirection, bound: TransferPosition | undefined, limit: number): Promise<{ total: bigint; counterparties: Counterparty[] }>;
  /** The transfers of one transaction (native and token). */
  transfersOf(chain: Chain, txHash: string): Promise<(TransferPosition & { from: string; to: string; value: bigint; asset: string; ok: boolean })[]>;
}

// ---------------------------------------------------------------- the question and the answer

export type ExposureSubject =
  | { kind: 'address'; chain: Chain; address: string; asset?: string }
  | { kind: 'tx'; chain: Chain; txid: string; /** Only the outputs or transfers paying (in) / paid by (out) this address. */ address?: string };

export interface TraceOptions {
  direction: TraceDirection;
  /** Hops to follow, 1..MAX_HOPS (default 4). Hop 1 is the immediate counterparty. */
  hops?: number;
  method?: TraceMethod;
  /** Shares below this are not followed further (haircut), default 1e-4. */
  minShare?: number;
  /** Most nodes expanded in one trace, default 5,000; beyond it the rest is reported untraced. */
  maxNodes?: number;
  /** Most counterparties read per account node, default 200. */
  fanLimit?: number;
}

/** One step of an example path, from the subject outwards. */
export interface PathStep {
  /** Transaction hash (UTXO txid or account tx hash). */
  tx: string;
  /** The address funds moved from (in: the source side) or to (out: the destination side). */
  address?: string;
  /** The output index for UTXO steps. */
  vout?: number;
  time?: number;
}

export interface ExposureFinding {
  kind: ExposureKind;
  actor: string;
  label: string;
  categories: string[];
  jurisdictions: string[];
  sanctioned: boolean;
  /** The attribution sources that named it. */
  sources: string[];
  /** Fewest hops at which it was reached (0 for OWNERSHIP). */
  hops: number;
  /** Share of the subject's value, 0..1 (poison: 1 when touched). */
  share: number;
  /** The share applied to the subject's amount, smallest unit, decimal string. */
  amount: string;
  /** The path that carried the largest share (ties broken by the path's text). */
  path: PathStep[];
}

export interface MiningOrigin {
  pool: string;
  actor: string;
  jurisdictions: string[];
  sanctioned: boolean;
  /** Russia-based (jurisdiction RU) or sanctioned: flagged for the analyst. */
  flagged: boolean;
  by: PoolAttribution['by'];
  evidence: string;
  hops: number;
  share: number;
  amount: string;
  path: PathStep[];
}

export interface CategoryTotal {
  category: string;
  share: number;
  amount: string;
  /** The actor reached by the single path that carried the most of this category, and that path. */
  actor: string;
  path: PathStep[];
}

export interface Exposure {
  subject: ExposureSubject;
  direction: TraceDirection;
  method: TraceMethod;
  hops: number;
  /** The subject's value traced, smallest unit, decimal string. */
  amount: string;
  asset: string;
  findings: ExposureFinding[];
  byCategory: CategoryTotal[];
  mining: MiningOrigin[];
  /** Share that reached no attributed address within the hops (includes unspent and unknown inputs). */
  unattributed: number;
  /** Share left untraced by the limits (minShare, maxNodes, fanLimit) — not known to be clean. */
  untraced: number;
  /** Whether the subject was found in the store at all. */
  found: boolean;
  nodesExpanded: number;
}
