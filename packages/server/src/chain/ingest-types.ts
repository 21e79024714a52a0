/**
 * @module chain/ingest-types
 * What the ingest sources (one module per format family) and the batching loop (ingest.ts)
 * share: the options, the unit a source yields, and the context a source reports through.
 */
import type { AccountTransfer, Chain, ChainBlock, UtxoTransaction } from '@sekisho/core';
import type { UtxoRows } from '../storage/chain-store.ts';

/** The formats of `sekisho chain ingest --format` (issue 6; the names are an interface). */
export const INGEST_FORMATS = ['btc-block', 'btc-rpc-json', 'eth-etl', 'eth-rpc', 'tron-trongrid'] as const;
export type IngestFormat = (typeof INGEST_FORMATS)[number];

export const isIngestFormat = (value: string): value is IngestFormat => (INGEST_FORMATS as readonly string[]).includes(value);

export interface IngestOptions {
  format: IngestFormat;
  /** Files or directories, or one node URL (btc-rpc-json, eth-rpc). */
  sources: string[];
  /** Lowest block height to keep (inclusive). */
  from?: number;
  /** Highest block height to keep (inclusive). */
  to?: number;
  /** The chain the data is of; default bitcoin (btc-*), ethereum (eth-*), tron. */
  chain?: string;
  /**
   * btc-block: check each block's merkle root against its transactions (default true). Off only
   * for a single raw block file known to be altered (test data): its txids are still computed
   * from its bytes, but nothing proves they are the block's. blk*.dat streams are always checked.
   */
  verifyMerkle?: boolean;
  /** Blocks per batch (one database transaction each); default 1,000 (eth-rpc: 100). */
  batchBlocks?: number;
  /** Transactions (UTXO) or transfers (account chains) per batch at most; default 100,000 for btc-block (compact rows), 25,000 otherwise. */
  batchItems?: number;
  /** Per node request (default 60 s). */
  timeoutMs?: number;
  /** Called after each committed batch with the report so far. */
  onBatch?: (report: IngestReport) => void;
}

/** Rows of each kind. */
export interface RowCounts {
  blocks: number;
  transactions: number;
  outputs: number;
  inputs: number;
  transfers: number;
}

export interface IngestReport {
  format: IngestFormat;
  chain: Chain;
  /** Files read, or the node URL without its credentials. */
  sources: string[];
  from?: number;
  to?: number;
  /** Batches committed (each one database transaction). */
  batches: number;
  /** Rows this run added. */
  stored: RowCounts;
  /** Rows read that the store held already (a re-run, or overlapping files). */
  seen: RowCounts;
  /** Blocks (btc-*, eth-rpc) or records (eth-etl) read but outside --from..--to, not stored. */
  outOfRange: number;
  /** SQLite, a first load: the UTXO secondary indexes were built once at the end (storage/chain-store.ts `bulk`). */
  indexesDeferred?: boolean;
  /** btc-block: whether merkle roots were checked. */
  merkleVerified?: boolean;
  /** What was skipped or assumed while reading (from the parsers), each with a count and example. */
  warnings: string[];
  ms: number;
}

/**
 * One unit a source yields; a unit is never split across batches. `utxo-rows` is a whole batch
 * already collected (by the parsing worker of blk files) and is written on its own.
 */
export type IngestUnit =
  | { kind: 'utxo'; block: ChainBlock; transactions: UtxoTransaction[] }
  | { kind: 'utxo-rows'; rows: UtxoRows }
  | { kind: 'account'; blocks: ChainBlock[]; transfers: AccountTransfer[] };

/** What a source gets: the checked options and where to report skips and warnings. */
export interface SourceContext {
  chain: Chain;
  sources: string[];
  from?: number;
  to?: number;
  verifyMerkle: boolean;
  batchBlocks: number;
  /** Transactions per batch the blk worker collects (its compact rows allow larger batches). */
  batchItems: number;
  timeoutMs: number;
  /** Whether a height is inside --from..--to. */
  inRange(height: number): boolean;
  /** Counts blocks or records skipped as out of range. */
  skip(n?: number): void;
  warn(message: string): void;
}

export type IngestSource = (ctx: SourceContext) => AsyncGenerator<IngestUnit>;
