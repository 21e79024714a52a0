/**
 * @module cli/chain
 * `sekisho chain …` (issue 6; names and flags are an interface):
 *   chain ingest --format btc-block|btc-rpc-json|eth-etl|eth-rpc|tron-trongrid <file|dir|url...>
 *                [--from H --to H] [--chain C] [--no-verify-merkle] [--batch N] [--json]
 *   chain cluster [--chain C] [--retry-partial] [--json]
 *   chain status [--json]
 * Ingest writes in batches (one database transaction each); when a batch fails, the batches before
 * it stay stored and the message says so, and running the same command again adds only what is
 * missing. An unknown --format, or a height that is not a whole number, is a usage error (exit 2).
 */
import { InvalidArgumentError, Option } from 'commander';
import { isSekishoError } from '@sekisho/core/errors';
import { ingestChain, INGEST_FORMATS, type IngestFormat, type IngestReport, type RowCounts } from '../chain/ingest.ts';
import { createChainStore, type ChainCounts } from '../storage/chain-store.ts';
import type { Chain } from '@sekisho/core';
import { updateClusters, UTXO_CHAINS, type ClusteringResult } from '../services/clustering.ts';
import type { CommandContext } from './context.ts';

const n = (x: number) => x.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

function height(value: string): number {
  const h = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(h)) throw new InvalidArgumentError('a block height is a whole number from 0');
  return h;
}

function positive(value: string): number {
  const k = Number(value);
  if (!/^\d+$/.test(value) || k < 1 || !Number.isSafeInteger(k)) throw new InvalidArgumentError('a whole number from 1');
  return k;
}

/** The rows of a count as a phrase: UTXO chains name transactions, account chains transfers. */
function rows(c: RowCounts): string {
  return [plural(c.blocks, 'block'), ...rowParts(c)].join(', ');
}

function rowParts(c: RowCounts): string[] {
  const parts: string[] = [];
  if (c.transactions || c.outputs || c.inputs) parts.push(plural(c.transactions, 'transaction'), plural(c.outputs, 'output'), plural(c.inputs, 'input'));
  if (c.transfers) parts.push(plural(c.transfers, 'transfer'));
  return parts;
}

const total = (c: RowCounts) => c.blocks + c.transactions + c.outputs + c.inputs + c.transfers;

/**
 * A report as text: what was stored, what the store held already, what was out of range.
 * @example formatIngest(report) // "bitcoin (btc-block): stored 1 block, 1,557 transactions, … in 1 batch, 0.6 s"
 */
export function formatIngest(r: IngestReport): string {
  const seconds = r.ms / 1000;
  const read = r.stored.transactions + r.seen.transactions;
  const speed = read > 0 && seconds > 0 ? `, ${n(Math.round(read / seconds))} tx/s` : '';
  const lines = [`${r.chain} (${r.format}): stored ${rows(r.stored)} in ${plural(r.batches, 'batch', 'batches')}, ${seconds.toFixed(1)} s${speed}`];
  if (total(r.seen) > 0) lines.push(`  already stored, unchanged: ${rows(r.seen)}`);
  if (r.outOfRange > 0) lines.push(`  outside --from..--to, not stored: ${n(r.outOfRange)}`);
  if (r.indexesDeferred) lines.push('  first load: the address and spending indexes were built once, after the last batch');
  if (r.merkleVerified !== undefined) lines.push(`  merkle roots ${r.merkleVerified ? 'verified' : 'NOT verified (--no-verify-merkle)'}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}

/** The store's chain data, one line per chain. */
export function formatChainStatus(counts: ChainCounts[]): string {
  if (counts.length === 0) return 'No chain data yet. Ingest some with: sekisho chain ingest --format btc-block <file>';
  const width = Math.max(...counts.map((c) => c.chain.length));
  return counts
    .map((c) => {
      const heights = c.minHeight === null ? '' : ` (heights ${n(c.minHeight)}..${n(c.maxHeight!)})`;
      return [`${c.chain.padEnd(width)}  ${plural(c.blocks, 'block')}${heights}`, ...rowParts(c)].join(', ');
    })
    .join('\n');
}

interface IngestFlags {
  format: IngestFormat;
  from?: number;
  to?: number;
  chain?: string;
  verifyMerkle: boolean;
  batch?: number;
  cluster: boolean;
  json?: boolean;
}

/** A clustering run as a line. */
export function formatClustering(chain: string, r: ClusteringResult): string {
  const coinjoins = Object.values(r.coinjoins).reduce((a, b) => a + (b ?? 0), 0);
  return `${chain} clusters: ${plural(r.txs, 'transaction')} read, ${plural(r.merged, 'merge')}, ${plural(r.addresses, 'address', 'addresses')} newly clustered, ${plural(coinjoins, 'CoinJoin')} left out, ${plural(r.conflicts, 'conflicting merge')} refused, ${plural(r.alarms, 'size alarm')} (${(r.ms / 1000).toFixed(1)} s)`;
}

/**
 * Adds `chain ingest` and `chain status` to the program.
 * @example registerChainCommands(ctx) // sekisho chain ingest --format btc-block blk00000.dat
 */
export function registerChainCommands(ctx: CommandContext): void {
  const chain = ctx.program.command('chain').description('chain data: ingest blocks and transfers, see what is stored');
  chain
    .command('ingest')
    .description('ingest chain data in batches (one database transaction each); a re-run of the same range changes nothing')
    .addOption(new Option('--format <format>', 'the format of the data').choices(INGEST_FORMATS).makeOptionMandatory())
    .argument('<source...>', 'files or directories (btc-block, btc-rpc-json, eth-etl, tron-trongrid), or a node URL (btc-rpc-json, eth-rpc: http://user:pass@host:port)')
    .option('--from <height>', 'lowest block height to store (node URLs: default the latest block)', height)
    .option('--to <height>', 'highest block height to store (node URLs: default the latest block)', height)
    .option('--chain <chain>', 'the chain of the data (default: bitcoin for btc-*, ethereum for eth-*, tron)')
    .option('--no-verify-merkle', 'btc-block, one raw block file known to be altered (test data): store it although its merkle root does not match')
    .option('--no-cluster', 'UTXO chains: do not update the address clusters after ingesting (run `sekisho chain cluster` later)')
    .option('--batch <blocks>', 'blocks per batch (default 1,000; eth-rpc 100); a batch also ends at 100,000 transactions (btc-block) or 25,000 transactions or transfers (other formats)', positive)
    .option('--json', 'print the report as JSON')
    .action(async (sources: string[], opts: IngestFlags) => {
      ctx.setJson(Boolean(opts.json));
      await ctx.withApp(async (app) => {
        const progress = ctx.io.stderr.isTTY && !opts.json;
        try {
          const report = await ingestChain(
            { store: app.store },
            {
              format: opts.format,
              sources,
              from: opts.from,
              to: opts.to,
              chain: opts.chain,
              verifyMerkle: opts.verifyMerkle,
              batchBlocks: opts.batch,
              onBatch: progress ? (r) => ctx.io.stderr.write(`\r${r.chain}: ${plural(r.batches, 'batch', 'batches')} committed, ${plural(r.stored.blocks + r.seen.blocks, 'block')} read…`) : undefined,
            },
          );
          if (progress) ctx.io.stderr.write('\n');
          // The multi-input heuristic reads what was just stored (and nothing twice).
          const clusters = opts.cluster && UTXO_CHAINS.includes(report.chain as Chain) ? await updateClusters(app.store, report.chain as Chain) : undefined;
          ctx.out(opts.json ? JSON.stringify(clusters ? { ...report, clusters } : report, null, 2) : [formatIngest(report), ...(clusters ? [formatClustering(report.chain, clusters)] : [])].join('\n'));
        } catch (error) {
          if (progress) ctx.io.stderr.write('\n');
          const committed = isSekishoError(error) ? (error.details.committed as { batches: number; stored: RowCounts } | undefined) : undefined;
          if (committed) {
            ctx.io.stderr.write(
              committed.batches > 0
                ? `stopped at a failing batch: the ${plural(committed.batches, 'batch', 'batches')} before it stay stored (${rows(committed.stored)}); nothing of the failing batch was stored. After fixing the cause, run the same command again: what is stored is skipped.\n`
                : 'stopped at the first batch: nothing was stored.\n',
            );
          }
          throw error;
        }
      });
    });

  chain
    .command('cluster')
    .description('update the address clusters of a UTXO chain from its stored transactions (multi-input heuristic, CoinJoins left out)')
    .option('--chain <chain>', 'the chain', 'bitcoin')
    .option('--retry-partial', 'read again the transactions whose spent outputs were missing when they were first read')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { chain: string; retryPartial?: boolean; json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      await ctx.withApp(async (app) => {
        const result = await updateClusters(app.store, opts.chain as Chain, undefined, { retryPartial: Boolean(opts.retryPartial) });
        ctx.out(opts.json ? JSON.stringify(result, null, 2) : formatClustering(opts.chain, result));
      });
    });

  chain
    .command('status')
    .description('per chain: blocks (with the heights held), transactions, outputs, inputs, transfers')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      await ctx.withApp(async (app) => {
        const counts = await createChainStore(app.store).countsByChain();
        ctx.out(opts.json ? JSON.stringify(counts, null, 2) : formatChainStatus(counts));
      });
    });
}
