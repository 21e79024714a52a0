/**
 * @module storage/chain-store
 * Writes chain data into the store (migration 0004). A batch (blocks with their transactions, or
 * transfers) is one transaction: a failure leaves the store as it was before the batch. Rows are
 * keyed by the chain's own identifiers and inserted only when absent, so ingesting a range again
 * changes nothing (the counts it returns say how much was new). SQLite takes prepared
 * statements; PostgreSQL multi-row inserts.
 *
 * SQLite ingest speed (bench:chain): txids are random, so rows inserted in block order land on
 * random pages of every B-tree, and each commit writes every page it dirtied to the WAL. A batch
 * is therefore written in txid order (rows that share a primary-key page are written together),
 * a transaction already stored is skipped with its inputs and outputs (they were written in the
 * same database transaction as it was), and `bulk` raises the page cache while a long ingest runs
 * and defers the secondary indexes of a first load. What remains is the random-key cost of the
 * address and spending indexes on a store that already holds data (bench:chain gives both figures).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { AccountTransfer, ChainBlock, ScriptType, UtxoTransaction } from '@sekisho/core';
import type { Store } from './db.ts';
import type { Database } from './schema.ts';

export interface UtxoBatchItem {
  block: ChainBlock;
  transactions: UtxoTransaction[];
}

export interface IngestCounts {
  blocks: number;
  transactions: number;
  outputs: number;
  inputs: number;
  transfers: number;
}

/** Output script types as small codes (UtxoRows.type); the Record makes a new core type a compile error here. */
const SCRIPT_TYPE_CODE: Readonly<Record<ScriptType, number>> = {
  p2pkh: 0, p2sh: 1, p2wpkh: 2, p2wsh: 3, p2tr: 4, p2pk: 5, multisig: 6, op_return: 7, witness_unknown: 8, nonstandard: 9,
};
export const SCRIPT_TYPES: readonly ScriptType[] = (Object.keys(SCRIPT_TYPE_CODE) as ScriptType[]).sort((a, b) => SCRIPT_TYPE_CODE[a] - SCRIPT_TYPE_CODE[b]);
export const scriptTypeCode = (type: ScriptType): number => SCRIPT_TYPE_CODE[type];

/**
 * A batch of UTXO blocks as the tables hold them, column by column: what a parsing worker thread
 * hands over (typed arrays move without a copy, and no object per row is rebuilt on the writing
 * side). Transactions are written in array order, so a builder puts them in txid order.
 */
export interface UtxoRows {
  chain: string;
  blocks: ChainBlock[];
  /** Per transaction. */
  txid: string[];
  /** Index into `blocks`. */
  block: Uint32Array;
  /** Position in its block (0 = coinbase). */
  position: Uint32Array;
  coinbase: Uint8Array;
  coinbaseTag: (string | null)[];
  /** Outputs of transaction i are [outputStart[i], outputStart[i + 1]), in vout order. */
  outputStart: Uint32Array;
  value: BigInt64Array;
  /** SCRIPT_TYPES index. */
  type: Uint8Array;
  address: (string | null)[];
  /** Inputs of transaction i are [inputStart[i], inputStart[i + 1]), in vin order. */
  inputStart: Uint32Array;
  /** null for a coinbase input (prevVout is then ignored). */
  prevTxid: (string | null)[];
  prevVout: Uint32Array;
}

/** How `bulk` runs the work: with the UTXO secondary indexes deferred (a first load) or not. */
export interface BulkMode {
  indexesDeferred: boolean;
}

/** Rows of one chain in the store, and the lowest and highest block height held. */
export interface ChainCounts extends IngestCounts {
  chain: string;
  minHeight: number | null;
  maxHeight: number | null;
}

const CHUNK = 500;
/** SQLite page cache while `bulk` adds to a store that holds data, KiB: more of the random-key indexes stay in memory. */
const BULK_CACHE_KIB = 256 * 1024;
/** The UTXO tables' secondary indexes, exactly as migration 0004 creates them (bulk loads rebuild them). */
const UTXO_INDEXES = [
  { name: 'utxo_output_address', on: 'utxo_output (chain, address)' },
  { name: 'utxo_input_prev', on: 'utxo_input (chain, prev_txid, prev_vout)' },
] as const;
const UTXO_TABLES = ['utxo_tx', 'utxo_output', 'utxo_input'] as const;
const byTxid = (a: UtxoTransaction, b: UtxoTransaction): number => (a.txid < b.txid ? -1 : a.txid > b.txid ? 1 : 0);
const empty = (): IngestCounts => ({ blocks: 0, transactions: 0, outputs: 0, inputs: 0, transfers: 0 });

/** Rows per multi-row INSERT: one call into SQLite for 64 rows instead of 64 (a tenth off the insert time of a first load, measured with --cpu-prof). */
const ROWS_PER_INSERT = 64;

/**
 * Buffers rows of one table and writes them ROWS_PER_INSERT at a time with one prepared
 * multi-row INSERT (the rest one by one); `finish` writes what is left and returns how many rows
 * were new since the last `finish` or `reset`. Used inside one database transaction, which
 * starts with `reset` (what a failed one left buffered is dropped with its rollback).
 */
function rowWriter(db: BetterSqlite3.Database, insert: string, width: 5 | 6) {
  const values = (rows: number) => Array.from({ length: rows }, () => `(${Array(width).fill('?').join(', ')})`).join(', ');
  const many = db.prepare(`${insert} ${values(ROWS_PER_INSERT)} on conflict do nothing`);
  const one = db.prepare(`${insert} ${values(1)} on conflict do nothing`);
  const buffer: unknown[] = new Array(ROWS_PER_INSERT * width);
  let filled = 0;
  let written = 0;
  return {
    /** One row; the arguments past the table's width are ignored. */
    add(a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f?: unknown): void {
      buffer[filled++] = a;
      buffer[filled++] = b;
      buffer[filled++] = c;
      buffer[filled++] = d;
      buffer[filled++] = e;
      if (width === 6) buffer[filled++] = f;
      if (filled === buffer.length) {
        written += many.run(buffer).changes;
        filled = 0;
      }
    },
    finish(): number {
      for (let i = 0; i < filled; i += width) written += one.run(buffer.slice(i, i + width)).changes;
      const n = written;
      filled = 0;
      written = 0;
      return n;
    },
    reset(): void {
      filled = 0;
      written = 0;
    },
  };
}

export function createChainStore(store: Store) {
  const fast = store.sqlite && {
    block: store.sqlite.prepare('insert into chain_block (chain, hash, height, parent_hash, time, tx_count) values (?, ?, ?, ?, ?, ?) on conflict do nothing'),
    tx: store.sqlite.prepare('insert into utxo_tx (chain, txid, block_height, block_hash, idx, time, coinbase, coinbase_tag) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing'),
    output: rowWriter(store.sqlite, 'insert into utxo_output (chain, txid, vout, value, type, address) values', 6),
    input: rowWriter(store.sqlite, 'insert into utxo_input (chain, txid, vin, prev_txid, prev_vout) values', 5),
    transfer: store.sqlite.prepare(
      'insert into account_transfer (chain, tx_hash, log_index, block_height, time, from_address, to_address, value, asset, ok) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
    ),
  };

  /** SQLite: the secondary indexes of the UTXO tables exist (a no-op unless a bulk load was cut off). */
  function ensureIndexes(): void {
    store.sqlite?.exec(UTXO_INDEXES.map((i) => `create index if not exists ${i.name} on ${i.on};`).join('\n'));
  }
  ensureIndexes();

  async function insertMany<T extends keyof Database>(trx: Transaction<Database>, table: T, rows: Database[T][], key: string[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const result = await trx
        .insertInto(table)
        .values(rows.slice(i, i + CHUNK) as never)
        .onConflict((oc) => oc.columns(key as never).doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return inserted;
  }

  return {
    /** Writes blocks with their transactions, inputs and outputs; one transaction for the batch. */
    async ingestUtxo(batch: UtxoBatchItem[]): Promise<IngestCounts> {
      return store.db.transaction().execute(async (trx) => {
        const counts = empty();
        if (fast) {
          fast.output.reset();
          fast.input.reset();
          for (const { block } of batch) counts.blocks += fast.block.run(block.chain, block.hash, block.height, block.parentHash, block.time, block.txCount).changes;
          const txs = batch.length === 1 ? batch[0]!.transactions.slice() : batch.flatMap((b) => b.transactions);
          txs.sort(byTxid);
          for (const tx of txs) {
            if (fast.tx.run(tx.chain, tx.txid, tx.blockHeight, tx.blockHash, tx.index, tx.time, tx.coinbase ? 1 : 0, tx.coinbaseTag ?? null).changes === 0) continue;
            counts.transactions++;
            for (const o of tx.outputs) fast.output.add(tx.chain, tx.txid, o.vout, o.value, o.type, o.address ?? null);
            const inputs = tx.inputs;
            for (let vin = 0; vin < inputs.length; vin++) {
              const input = inputs[vin]!;
              fast.input.add(tx.chain, tx.txid, vin, input.prevTxid ?? null, input.prevVout ?? null);
            }
          }
          counts.outputs = fast.output.finish();
          counts.inputs = fast.input.finish();
          return counts;
        }
        counts.blocks = await insertMany(trx, 'chain_block', batch.map(({ block: b }) => ({ chain: b.chain, hash: b.hash, height: b.height, parent_hash: b.parentHash, time: b.time, tx_count: b.txCount })), ['chain', 'hash']);
        const txs = batch.flatMap((b) => b.transactions);
        counts.transactions = await insertMany(trx, 'utxo_tx', txs.map((t) => ({ chain: t.chain, txid: t.txid, block_height: t.blockHeight, block_hash: t.blockHash, idx: t.index, time: t.time, coinbase: t.coinbase ? 1 : 0, coinbase_tag: t.coinbaseTag ?? null })), ['chain', 'txid']);
        counts.outputs = await insertMany(trx, 'utxo_output', txs.flatMap((t) => t.outputs.map((o) => ({ chain: t.chain, txid: t.txid, vout: o.vout, value: Number(o.value), type: o.type, address: o.address ?? null }))), ['chain', 'txid', 'vout']);
        counts.inputs = await insertMany(trx, 'utxo_input', txs.flatMap((t) => t.inputs.map((i, vin) => ({ chain: t.chain, txid: t.txid, vin, prev_txid: i.prevTxid ?? null, prev_vout: i.prevVout ?? null }))), ['chain', 'txid', 'vin']);
        return counts;
      });
    },

    /**
     * Writes a batch given column by column (UtxoRows); one transaction for the batch, the same
     * rows and counts as ingestUtxo with the same blocks.
     */
    async ingestUtxoRows(rows: UtxoRows): Promise<IngestCounts> {
      const { chain, blocks, txid, block, position, coinbase, coinbaseTag, outputStart, value, type, address, inputStart, prevTxid, prevVout } = rows;
      return store.db.transaction().execute(async (trx) => {
        const counts = empty();
        if (fast) {
          fast.output.reset();
          fast.input.reset();
          for (const b of blocks) counts.blocks += fast.block.run(b.chain, b.hash, b.height, b.parentHash, b.time, b.txCount).changes;
          for (let i = 0; i < txid.length; i++) {
            const b = blocks[block[i]!]!;
            const id = txid[i]!;
            if (fast.tx.run(chain, id, b.height, b.hash, position[i]!, b.time, coinbase[i]!, coinbaseTag[i] ?? null).changes === 0) continue;
            counts.transactions++;
            for (let o = outputStart[i]!, end = outputStart[i + 1]!; o < end; o++) {
              fast.output.add(chain, id, o - outputStart[i]!, value[o]!, SCRIPT_TYPES[type[o]!]!, address[o] ?? null);
            }
            for (let k = inputStart[i]!, end = inputStart[i + 1]!; k < end; k++) {
              const prev = prevTxid[k] ?? null;
              fast.input.add(chain, id, k - inputStart[i]!, prev, prev === null ? null : prevVout[k]!);
            }
          }
          counts.outputs = fast.output.finish();
          counts.inputs = fast.input.finish();
          return counts;
        }
        counts.blocks = await insertMany(trx, 'chain_block', blocks.map((b) => ({ chain: b.chain, hash: b.hash, height: b.height, parent_hash: b.parentHash, time: b.time, tx_count: b.txCount })), ['chain', 'hash']);
        counts.transactions = await insertMany(trx, 'utxo_tx', txid.map((id, i) => {
          const b = blocks[block[i]!]!;
          return { chain, txid: id, block_height: b.height, block_hash: b.hash, idx: position[i]!, time: b.time, coinbase: coinbase[i]!, coinbase_tag: coinbaseTag[i] ?? null };
        }), ['chain', 'txid']);
        const outputs: Database['utxo_output'][] = [];
        const inputs: Database['utxo_input'][] = [];
        txid.forEach((id, i) => {
          for (let o = outputStart[i]!; o < outputStart[i + 1]!; o++) outputs.push({ chain, txid: id, vout: o - outputStart[i]!, value: Number(value[o]!), type: SCRIPT_TYPES[type[o]!]!, address: address[o] ?? null });
          for (let k = inputStart[i]!; k < inputStart[i + 1]!; k++) {
            const prev = prevTxid[k] ?? null;
            inputs.push({ chain, txid: id, vin: k - inputStart[i]!, prev_txid: prev, prev_vout: prev === null ? null : prevVout[k]! });
          }
        });
        counts.outputs = await insertMany(trx, 'utxo_output', outputs, ['chain', 'txid', 'vout']);
        counts.inputs = await insertMany(trx, 'utxo_input', inputs, ['chain', 'txid', 'vin']);
        return counts;
      });
    },

    /** Writes account transfers (and the blocks they came with); one transaction for the batch. */
    async ingestTransfers(transfers: AccountTransfer[], blocks: ChainBlock[] = []): Promise<IngestCounts> {
      return store.db.transaction().execute(async (trx) => {
        const counts = empty();
        if (fast) {
          for (const b of blocks) counts.blocks += fast.block.run(b.chain, b.hash, b.height, b.parentHash, b.time, b.txCount).changes;
          for (const t of transfers) counts.transfers += fast.transfer.run(t.chain, t.txHash, t.logIndex, t.blockHeight, t.time, t.from, t.to, t.value.toString(), t.asset, t.ok ? 1 : 0).changes;
          return counts;
        }
        counts.blocks = await insertMany(trx, 'chain_block', blocks.map((b) => ({ chain: b.chain, hash: b.hash, height: b.height, parent_hash: b.parentHash, time: b.time, tx_count: b.txCount })), ['chain', 'hash']);
        counts.transfers = await insertMany(
          trx,
          'account_transfer',
          transfers.map((t) => ({ chain: t.chain, tx_hash: t.txHash, log_index: t.logIndex, block_height: t.blockHeight, time: t.time, from_address: t.from, to_address: t.to, value: t.value.toString(), asset: t.asset, ok: t.ok ? 1 : 0 })),
          ['chain', 'tx_hash', 'log_index'],
        );
        return counts;
      });
    },

    /**
     * Runs a long ingest (`work`) with the settings that suit it, restored after (they are per
     * connection: other processes on the file are not affected).
     * - UTXO tables empty at the start (a first load): their two secondary indexes are dropped for
     *   the duration and built once at the end, success or failure, by a sort (CREATE INDEX, on
     *   two sorter threads) instead of one random B-tree insert per row: the classic bulk load,
     *   several times faster. Only the indexes are missing meanwhile (queries stay correct, only
     *   slower), and a process killed before the end gets them back from `ensureIndexes`, which
     *   every chain store runs when it is created.
     * - Otherwise: the page cache is raised to 256 MiB, so more of the indexes' random pages stay
     *   in memory (bench:chain: about a fifth faster on a store of half a million transactions).
     *   A first load gains nothing from it (its writes follow txid order), and the index build
     *   is faster with the default cache.
     * - Commits are not synced one by one (synchronous = NORMAL instead of the store's FULL): a
     *   commit is still atomic, so a crash leaves the store at a batch boundary, but a power
     *   loss may take back the last batches, which a re-run of the range writes again (ingest
     *   is idempotent). At the end the write-ahead log is synced by a checkpoint, so what the
     *   ingest reports as stored is on disk when it returns. bench:chain: about a tenth faster.
     * PostgreSQL: runs `work` as is.
     */
    async bulk<T>(work: (mode: BulkMode) => Promise<T>): Promise<T> {
      const lite = store.sqlite;
      if (!lite) return work({ indexesDeferred: false });
      const empty = UTXO_TABLES.every((t) => lite.prepare(`select 1 from ${t} limit 1`).get() === undefined);
      const cache = lite.pragma('cache_size', { simple: true }) as number;
      const synchronous = lite.pragma('synchronous', { simple: true }) as number;
      if (empty) lite.exec(UTXO_INDEXES.map((i) => `drop index if exists ${i.name};`).join('\n'));
      else if (cache >= 0 || -cache < BULK_CACHE_KIB) lite.pragma(`cache_size = ${-BULK_CACHE_KIB}`);
      if (synchronous > 1) lite.pragma('synchronous = NORMAL');
      try {
        return await work({ indexesDeferred: empty });
      } finally {
        try {
          if (empty) {
            const threads = lite.pragma('threads', { simple: true }) as number;
            lite.pragma('threads = 2');
            try {
              ensureIndexes();
            } finally {
              lite.pragma(`threads = ${threads}`);
            }
          }
          // Syncs the write-ahead log (then copies what it can into the database file): every
          // batch committed so far is on disk when the ingest returns.
          if (synchronous > 1) lite.pragma('wal_checkpoint(PASSIVE)');
        } finally {
          lite.pragma(`synchronous = ${synchronous}`);
          lite.pragma(`cache_size = ${cache}`);
        }
      }
    },

    /** Rows held per chain (every chain with any row), with the block heights held, for `chain status`. */
    async countsByChain(): Promise<ChainCounts[]> {
      const byChain = new Map<string, ChainCounts>();
      const entry = (chain: string) => {
        let e = byChain.get(chain);
        if (!e) byChain.set(chain, (e = { chain, ...empty(), minHeight: null, maxHeight: null }));
        return e;
      };
      const tally = async (table: 'utxo_tx' | 'utxo_output' | 'utxo_input' | 'account_transfer', key: 'transactions' | 'outputs' | 'inputs' | 'transfers') => {
        const rows = await store.db.selectFrom(table).select(['chain', (eb) => eb.fn.countAll().as('n')]).groupBy('chain').execute();
        for (const r of rows) entry(r.chain)[key] = Number(r.n);
      };
      const blocks = await store.db
        .selectFrom('chain_block')
        .select(['chain', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.min('height').as('lo'), (eb) => eb.fn.max('height').as('hi')])
        .groupBy('chain')
        .execute();
      for (const r of blocks) Object.assign(entry(r.chain), { blocks: Number(r.n), minHeight: r.lo === null ? null : Number(r.lo), maxHeight: r.hi === null ? null : Number(r.hi) });
      await tally('utxo_tx', 'transactions');
      await tally('utxo_output', 'outputs');
      await tally('utxo_input', 'inputs');
      await tally('account_transfer', 'transfers');
      return [...byChain.values()].sort((a, b) => a.chain.localeCompare(b.chain));
    },

    /** Rows held per chain, for status and tests. */
    async counts(chain: string): Promise<Omit<IngestCounts, 'inputs'> & { inputs: number }> {
      const n = async (table: 'chain_block' | 'utxo_tx' | 'utxo_output' | 'utxo_input' | 'account_transfer') =>
        Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('chain', '=', chain).executeTakeFirstOrThrow()).n);
      return { blocks: await n('chain_block'), transactions: await n('utxo_tx'), outputs: await n('utxo_output'), inputs: await n('utxo_input'), transfers: await n('account_transfer') };
    },
  };
}

export type ChainStore = ReturnType<typeof createChainStore>;
