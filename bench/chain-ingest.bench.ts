/**
 * bench:chain (ingest part) — raw Bitcoin blocks into a fresh SQLite store with
 * `ingestChain({ format: 'btc-block' })`, the code behind `sekisho chain ingest` (issue 6,
 * target ≥ 20,000 transactions per second, memory bounded).
 *
 * Data: only one real block is staged (mainnet 413,567, 1,557 transactions), so the bench
 * derives a chain of distinct blocks from it (packages/server/test/synthetic-blocks.ts: every
 * transaction keeps its real shape, txids change per block, in-block spends and spends of earlier
 * blocks' outputs link up, merkle roots are recomputed so the ingest verifies them as it would a
 * node's files) and writes them as blk*.dat files of at most 128 MiB, as Bitcoin Core does, under
 * the OS temp directory (never the repository).
 * Baseline, measured in the same run on the same files: reading and parsing them without storing
 * (blocksFromBlkFile), the ceiling any store could reach on this machine.
 * Two phases: a first load into an empty store (its secondary indexes are built once at the end,
 * storage/chain-store.ts `bulk`), then more blocks into the same, now large, store (indexes kept
 * up to date row by row): the figure for a node's daily increments.
 * Memory: the process's peak RSS (getrusage maxrss, so the index build counts) after a quarter,
 * half and all of the first load shows whether memory grows with the volume (it must not).
 *
 * BENCH_CHAIN_BLOCKS (default 300 → 467,100 transactions), BENCH_CHAIN_MORE_BLOCKS (default 100),
 * BENCH_CHAIN_KEEP=1 keeps the files.
 */
import { createReadStream, createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { blocksFromBlkFile } from '../packages/core/src/index.ts';
import { ingestChain, type IngestReport } from '../packages/server/src/chain/ingest.ts';
import { openStore, type Store } from '../packages/server/src/storage/db.ts';
import { blkRecord, syntheticBlocks } from '../packages/server/test/synthetic-blocks.ts';
import { machine, repoRoot, writeSection } from './report.ts';

const TARGET = 20_000;
const BLK_FILE_BYTES = 128 * 2 ** 20;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const n = (x: number) => Math.round(x).toLocaleString('en-US');

export interface PhaseFigures {
  transactions: number;
  txPerSec: number;
  /** Seconds after the last batch (a first load builds its two secondary indexes then). */
  afterLastBatchS: number;
  /** tx/s over the first and the last quarter of the batches' volume. */
  firstQuarterTxPerSec: number;
  lastQuarterTxPerSec: number;
  /** Peak RSS of the process so far, MiB, after a quarter, half and all of the volume. */
  peakAtQuarterMiB: number;
  peakAtHalfMiB: number;
  peakMiB: number;
  batches: number;
  report: IngestReport;
}

export interface ChainIngestFigures {
  blocks: number;
  moreBlocks: number;
  transactions: number;
  outputs: number;
  inputs: number;
  fileBytes: number;
  parseTxPerSec: number;
  firstLoad: PhaseFigures;
  incremental: PhaseFigures;
  dbBytes: number;
}

interface Totals {
  transactions: number;
  outputs: number;
  inputs: number;
  bytes: number;
}

/** Writes synthetic blocks as blk*.dat files into `dir`; returns their totals. */
async function writeBlkFiles(dir: string, blocks: number, startHeight: number): Promise<Totals> {
  const template = new Uint8Array(readFileSync(resolve(repoRoot, '../shared/chain-analytics/btc_mainnet_block_413567.raw')));
  mkdirSync(dir, { recursive: true });
  let file = 0;
  let written = 0;
  let out: WriteStream | undefined;
  const totals = { transactions: 0, outputs: 0, inputs: 0, bytes: 0 };
  const close = () => new Promise<void>((done) => (out ? out.end(() => done()) : done()));
  for (const block of syntheticBlocks(template, { blocks, startHeight })) {
    const record = blkRecord(block.bytes);
    if (!out || written + record.length > BLK_FILE_BYTES) {
      await close();
      out = createWriteStream(join(dir, `blk${String(file++).padStart(5, '0')}.dat`));
      written = 0;
    }
    if (!out.write(record)) await new Promise<void>((r) => out!.once('drain', () => r()));
    written += record.length;
    totals.transactions += block.txids.length;
    totals.outputs += block.outputs;
    totals.inputs += block.inputs;
    totals.bytes += record.length;
  }
  await close();
  return totals;
}

/** Reads and parses every block of the files without storing: the baseline. */
async function parseOnly(dir: string): Promise<number> {
  let transactions = 0;
  for (const name of readdirSync(dir).filter((f) => /^blk\d+\.dat$/.test(f)).sort()) {
    for await (const b of blocksFromBlkFile(createReadStream(join(dir, name), { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>, { file: name })) transactions += b.transactions.length;
  }
  return transactions;
}

const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;

/** One `ingestChain` run over a directory of blk files, timed per batch. */
async function ingestPhase(store: Store, dir: string, transactions: number): Promise<PhaseFigures> {
  const samples: { tx: number; ms: number; peak: number }[] = [];
  const t = performance.now();
  const report = await ingestChain(
    { store },
    { format: 'btc-block', sources: [dir], onBatch: (r) => samples.push({ tx: r.stored.transactions + r.seen.transactions, ms: performance.now() - t, peak: peakRssMiB() }) },
  );
  const ms = performance.now() - t;
  if (report.stored.transactions !== transactions) throw new Error(`stored ${report.stored.transactions} transactions of ${transactions}`);
  const at = (share: number) => samples.find((s) => s.tx >= share * transactions) ?? samples[samples.length - 1]!;
  const speed = (a: { tx: number; ms: number }, b: { tx: number; ms: number }) => (b.tx - a.tx) / ((b.ms - a.ms) / 1000);
  const last = samples[samples.length - 1]!;
  // The last batch that ends before three quarters of the volume starts the last quarter.
  const q3 = [...samples].reverse().find((s) => s.tx <= 0.75 * transactions && s !== last) ?? samples[0]!;
  return {
    transactions,
    txPerSec: transactions / (ms / 1000),
    afterLastBatchS: (ms - last.ms) / 1000,
    firstQuarterTxPerSec: speed({ tx: 0, ms: 0 }, at(0.25)),
    lastQuarterTxPerSec: speed(q3, last),
    peakAtQuarterMiB: at(0.25).peak,
    peakAtHalfMiB: at(0.5).peak,
    peakMiB: peakRssMiB(),
    batches: report.batches,
    report,
  };
}

/**
 * Runs the ingest bench: a first load of `blocks` blocks into an empty store, then `moreBlocks`
 * further blocks into the same (now large) store; returns the figures.
 * @example const figures = await runChainIngestBench({ blocks: 300, moreBlocks: 100 });
 */
export async function runChainIngestBench(options: { blocks?: number; moreBlocks?: number; keep?: boolean } = {}): Promise<ChainIngestFigures> {
  const blocks = options.blocks ?? 300;
  const moreBlocks = options.moreBlocks ?? 100;
  const work = resolve(tmpdir(), `sekisho-bench-chain-ingest-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  try {
    const first = await writeBlkFiles(join(work, 'first'), blocks, 413_568);
    const more = await writeBlkFiles(join(work, 'more'), moreBlocks, 413_568 + blocks);
    const dbPath = join(work, 'chain.db');
    const store = await openStore(dbPath);
    let firstLoad: PhaseFigures;
    let incremental: PhaseFigures;
    try {
      firstLoad = await ingestPhase(store, join(work, 'first'), first.transactions);
      incremental = await ingestPhase(store, join(work, 'more'), more.transactions);
    } finally {
      await store.close();
    }
    const dbBytes = ['', '-wal'].reduce((s, x) => s + (statSync(`${dbPath}${x}`, { throwIfNoEntry: false })?.size ?? 0), 0);
    const t = performance.now();
    const parsed = await parseOnly(join(work, 'first'));
    const parseTxPerSec = parsed / ((performance.now() - t) / 1000);
    return { blocks, moreBlocks, ...first, fileBytes: first.bytes, parseTxPerSec, firstLoad, incremental, dbBytes };
  } finally {
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  }
}

/** The BENCHMARKS.md section for the figures. */
export function chainIngestSection(f: ChainIngestFigures): string {
  const verdict = (x: number) => (x >= TARGET ? 'meets the target' : 'BELOW the target');
  const row = (label: string, p: PhaseFigures) =>
    `| ${label} | ${n(p.transactions)} | **${n(p.txPerSec)}** | ${(p.txPerSec / f.parseTxPerSec).toFixed(2)} × | ${n(p.firstQuarterTxPerSec)} / ${n(p.lastQuarterTxPerSec)} | ${p.afterLastBatchS.toFixed(1)} s | ${verdict(p.txPerSec)} |`;
  return `## Chain ingest (issue 6): raw Bitcoin blocks into SQLite

${new Date().toISOString().slice(0, 10)} · ${machine()}

Blocks derived from mainnet block 413,567 (packages/server/test/synthetic-blocks.ts: real transaction shapes, fresh txids, spends linked across blocks, merkle roots recomputed) in blk*.dat files of ≤ 128 MiB, ingested with \`ingestChain({ format: 'btc-block' })\`, what \`sekisho chain ingest\` runs: merkle roots verified, parsing on a worker thread, batches of ≤ 100,000 transactions, one database transaction each (multi-row inserts of 64 rows), SQLite in WAL mode with synchronous = NORMAL during the ingest and the log synced at its end. First load: ${n(f.blocks)} blocks (${n(f.transactions)} transactions, ${n(f.outputs)} outputs, ${n(f.inputs)} inputs, ${mib(f.fileBytes)} MiB) into an empty store; then ${n(f.moreBlocks)} more blocks into the same store, which keeps its indexes up to date row by row.

Baseline, same run: reading and parsing the first-load files without storing (blocksFromBlkFile, one thread): **${n(f.parseTxPerSec)} tx/s**. Target ≥ ${n(TARGET)} tx/s.

| phase | transactions | tx/s (whole run) | vs baseline | first / last quarter, tx/s | after the last batch | |
|---|---:|---:|---:|---:|---:|---|
${row('first load (empty store: indexes built once, at the end)', f.firstLoad)}
${row(`${n(f.moreBlocks)} blocks more (store of ${n(f.transactions)} transactions)`, f.incremental)}

Memory: peak RSS of the process ${mib(f.firstLoad.peakAtQuarterMiB * 2 ** 20)} MiB after a quarter of the first load, ${mib(f.firstLoad.peakAtHalfMiB * 2 ** 20)} MiB after half, ${mib(f.firstLoad.peakMiB * 2 ** 20)} MiB over all of it (index build included), ${mib(f.incremental.peakMiB * 2 ** 20)} MiB at the end: at most three batches of columns in memory (two waiting, one being written), SQLite's page cache (its default during a first load, 256 MiB when adding to a store that holds data), whatever the volume. Store: ${mib(f.dbBytes)} MiB.
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runChainIngestBench({
    blocks: Number(process.env.BENCH_CHAIN_BLOCKS ?? 300),
    moreBlocks: Number(process.env.BENCH_CHAIN_MORE_BLOCKS ?? 100),
    keep: process.env.BENCH_CHAIN_KEEP === '1',
  });
  const section = chainIngestSection(figures);
  console.log(section);
  writeSection('chain-ingest', section);
}
