/**
 * @module chain/ingest
 * `sekisho chain ingest` (issue 6): reads chain data of one format from files or a node and
 * writes it to the chain store in batches. Each batch (by default up to 1,000 blocks, and up to
 * 100,000 transactions from blk files or 25,000 transactions or transfers otherwise) is one
 * database transaction, so memory holds a few batches whatever the volume, and a failure (a truncated block, a wrong format, an unreachable node) leaves the
 * store as it was before the failing batch: the batches committed before it stay, the error says
 * how many, and a re-run adds only what is missing because every row is keyed by the chain's own
 * identifiers and inserted only when absent. The report counts rows new and rows already stored.
 *
 * Formats and what they read are described in ingest-btc.ts (btc-block, btc-rpc-json),
 * ingest-evm.ts (eth-etl, eth-rpc) and ingest-tron.ts (tron-trongrid).
 */
import { CHAIN_PARAMS, EVM_CHAINS, isChain, type Chain } from '@sekisho/core';
import { CoreErrors, isSekishoError } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';
import type { Store } from '../storage/db.ts';
import { createChainStore, type ChainStore, type IngestCounts } from '../storage/chain-store.ts';
import { btcBlockSource, btcRpcJsonSource } from './ingest-btc.ts';
import { ethEtlSource, ethRpcSource } from './ingest-evm.ts';
import { tronTrongridSource } from './ingest-tron.ts';
import { INGEST_FORMATS, isIngestFormat, type IngestFormat, type IngestOptions, type IngestReport, type IngestSource, type IngestUnit, type RowCounts, type SourceContext } from './ingest-types.ts';
import { isUrl } from './ingest-files.ts';
import { rowCounts } from './ingest-rows.ts';
import { redactUrl } from './rpc-client.ts';

export { INGEST_FORMATS, isIngestFormat, type IngestFormat, type IngestOptions, type IngestReport, type RowCounts } from './ingest-types.ts';

const SOURCES: Record<IngestFormat, IngestSource> = {
  'btc-block': btcBlockSource,
  'btc-rpc-json': btcRpcJsonSource,
  'eth-etl': ethEtlSource,
  'eth-rpc': ethRpcSource,
  'tron-trongrid': tronTrongridSource,
};

/** The chains each format can hold, the first being the default. */
function chainsOf(format: IngestFormat): readonly Chain[] {
  if (format === 'btc-block' || format === 'btc-rpc-json') return Object.keys(CHAIN_PARAMS) as Chain[];
  if (format === 'eth-etl' || format === 'eth-rpc') return EVM_CHAINS;
  return ['tron'];
}

/** The chain to ingest as: the one named (checked against the format) or the format's default. */
export function resolveChain(format: IngestFormat, chain?: string): Chain {
  const allowed = chainsOf(format);
  if (chain === undefined) return allowed[0]!;
  if (!isChain(chain)) throw CoreErrors.CHAIN_FORMAT(`unknown chain "${chain}"; ${format} data is read for ${allowed.join(', ')}`, { chain });
  if (!allowed.includes(chain)) throw CoreErrors.CHAIN_FORMAT(`${format} data is not ${chain} data; it is read for ${allowed.join(', ')}`, { chain });
  return chain;
}

const zero = (): RowCounts => ({ blocks: 0, transactions: 0, outputs: 0, inputs: 0, transfers: 0 });

function add(into: RowCounts, counts: IngestCounts, sign = 1): void {
  into.blocks += sign * counts.blocks;
  into.transactions += sign * counts.transactions;
  into.outputs += sign * counts.outputs;
  into.inputs += sign * counts.inputs;
  into.transfers += sign * counts.transfers;
}

function checkHeight(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) throw CoreErrors.CHAIN_FORMAT(`${name} ${value} is not a block height (a whole number from 0)`);
}

/** Rows a set of units would add to an empty store. */
function rowsOf(units: IngestUnit[]): RowCounts {
  const rows = zero();
  for (const u of units) {
    if (u.kind === 'utxo') {
      rows.blocks++;
      rows.transactions += u.transactions.length;
      for (const tx of u.transactions) {
        rows.outputs += tx.outputs.length;
        rows.inputs += tx.inputs.length;
      }
    } else if (u.kind === 'utxo-rows') {
      add(rows, { ...rowCounts(u.rows), transfers: 0 });
    } else {
      rows.blocks += u.blocks.length;
      rows.transfers += u.transfers.length;
    }
  }
  return rows;
}

/** Writes one batch of units (all of one kind) in one database transaction. */
async function write(chainStore: ChainStore, units: IngestUnit[]): Promise<IngestCounts> {
  const first = units[0]!;
  if (first.kind === 'utxo-rows') return chainStore.ingestUtxoRows(first.rows);
  if (first.kind === 'utxo') return chainStore.ingestUtxo(units.flatMap((u) => (u.kind === 'utxo' ? [{ block: u.block, transactions: u.transactions }] : [])));
  const blocks = units.flatMap((u) => (u.kind === 'account' ? u.blocks : []));
  const transfers = units.flatMap((u) => (u.kind === 'account' ? u.transfers : []));
  return chainStore.ingestTransfers(transfers, blocks);
}

/**
 * Ingests `options.sources` in `options.format` into the store. Errors: the parsers' CHAIN_PARSE,
 * CHAIN_TRUNCATED and CHAIN_FORMAT, CHAIN_NODE and CHAIN_RPC for a node, FILE_NOT_FOUND and
 * FILE_READ for files, STORE for the database; each carries `details.committed` (batches and rows
 * stored before it), which stay.
 * @example
 * const report = await ingestChain({ store }, { format: 'btc-block', sources: ['blocks/'], from: 800000, to: 800999 });
 * report.stored.transactions; report.seen.transactions;
 */
export async function ingestChain(deps: { store: Store; chainStore?: ChainStore }, options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  if (!isIngestFormat(options.format)) throw CoreErrors.CHAIN_FORMAT(`unknown format "${String(options.format)}"; use one of ${INGEST_FORMATS.join(', ')}`);
  if (options.sources.length === 0) throw CoreErrors.CHAIN_FORMAT('give the files (or directory, or node URL) to ingest');
  checkHeight('--from', options.from);
  checkHeight('--to', options.to);
  if (options.from !== undefined && options.to !== undefined && options.from > options.to) throw CoreErrors.CHAIN_FORMAT(`--from ${options.from} is above --to ${options.to}`);
  const chain = resolveChain(options.format, options.chain);
  const chainStore = deps.chainStore ?? createChainStore(deps.store);
  const batchBlocks = options.batchBlocks ?? (options.format === 'eth-rpc' ? 100 : 1000);
  // Parsed objects take ~3 KB a transaction; the blk worker's compact rows (ingest-rows.ts) ~0.5 KB.
  const batchItems = options.batchItems ?? 25_000;
  const rowBatchItems = options.batchItems ?? 100_000;
  if (!(batchBlocks >= 1 && batchItems >= 1)) throw CoreErrors.CHAIN_FORMAT('batch sizes are whole numbers from 1');

  const warnings: string[] = [];
  const report: IngestReport = {
    format: options.format,
    chain,
    sources: options.sources.map((s) => (isUrl(s) ? redactUrl(s) : s)),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    batches: 0,
    stored: zero(),
    seen: zero(),
    outOfRange: 0,
    ...(options.format === 'btc-block' ? { merkleVerified: options.verifyMerkle !== false } : {}),
    warnings,
    ms: 0,
  };
  const ctx: SourceContext = {
    chain,
    sources: options.sources,
    from: options.from,
    to: options.to,
    verifyMerkle: options.verifyMerkle !== false,
    batchBlocks,
    batchItems: rowBatchItems,
    timeoutMs: options.timeoutMs ?? 60_000,
    inRange: (h) => (options.from === undefined || h >= options.from) && (options.to === undefined || h <= options.to),
    skip: (n = 1) => {
      report.outOfRange += n;
    },
    warn: (message) => {
      warnings.push(message);
    },
  };

  let pending: IngestUnit[] = [];
  let pendingBlocks = 0;
  let pendingItems = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const units = pending;
    pending = [];
    pendingBlocks = 0;
    pendingItems = 0;
    const attempted = rowsOf(units);
    let counts: IngestCounts;
    try {
      counts = await write(chainStore, units);
    } catch (error) {
      if (isSekishoError(error)) throw error;
      throw ServerErrors.STORE(`writing a batch of ${attempted.blocks} blocks failed: ${(error as Error).message}`, {}, { cause: error });
    }
    report.batches++;
    add(report.stored, counts);
    add(report.seen, attempted);
    add(report.seen, counts, -1);
    report.ms = performance.now() - started;
    options.onBatch?.(report);
  };

  try {
    await chainStore.bulk(async (mode) => {
      if (mode.indexesDeferred) report.indexesDeferred = true;
      for await (const unit of SOURCES[options.format](ctx)) {
        if (unit.kind === 'utxo-rows') {
          // A batch collected by the worker: written on its own, after what is pending.
          await flush();
          pending.push(unit);
          await flush();
          continue;
        }
        pending.push(unit);
        if (unit.kind === 'utxo') {
          pendingBlocks++;
          pendingItems += unit.transactions.length;
        } else {
          pendingBlocks += unit.blocks.length;
          pendingItems += unit.transfers.length;
        }
        if (pendingBlocks >= batchBlocks || pendingItems >= batchItems) await flush();
      }
      await flush();
    });
  } catch (error) {
    if (isSekishoError(error)) {
      error.details.committed = { batches: report.batches, stored: report.stored, seen: report.seen };
    }
    throw error;
  }
  report.ms = performance.now() - started;
  return report;
}
