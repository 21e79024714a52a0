/**
 * @module storage/chain-store
 * Writes chain data into the store (migration 0004). A batch (blocks with their transactions, or
 * transfers) is one transaction: a failure leaves the store as it was before the batch. Rows are
 * keyed by the chain's own identifiers and inserted only when absent, so ingesting a range again
 * changes nothing (the counts it returns say how much was new). SQLite takes prepared
 * statements; PostgreSQL multi-row inserts.
 */
import type { Transaction } from 'kysely';
import type { AccountTransfer, ChainBlock, UtxoTransaction } from '@sekisho/core';
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

const CHUNK = 500;
const empty = (): IngestCounts => ({ blocks: 0, transactions: 0, outputs: 0, inputs: 0, transfers: 0 });

export function createChainStore(store: Store) {
  const fast = store.sqlite && {
    block: store.sqlite.prepare('insert into chain_block (chain, hash, height, parent_hash, time, tx_count) values (?, ?, ?, ?, ?, ?) on conflict do nothing'),
    tx: store.sqlite.prepare('insert into utxo_tx (chain, txid, block_height, block_hash, idx, time, coinbase, coinbase_tag) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing'),
    output: store.sqlite.prepare('insert into utxo_output (chain, txid, vout, value, type, address) values (?, ?, ?, ?, ?, ?) on conflict do nothing'),
    input: store.sqlite.prepare('insert into utxo_input (chain, txid, vin, prev_txid, prev_vout) values (?, ?, ?, ?, ?) on conflict do nothing'),
    transfer: store.sqlite.prepare(
      'insert into account_transfer (chain, tx_hash, log_index, block_height, time, from_address, to_address, value, asset, ok) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
    ),
  };

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
          for (const { block, transactions } of batch) {
            counts.blocks += fast.block.run(block.chain, block.hash, block.height, block.parentHash, block.time, block.txCount).changes;
            for (const tx of transactions) {
              counts.transactions += fast.tx.run(tx.chain, tx.txid, tx.blockHeight, tx.blockHash, tx.index, tx.time, tx.coinbase ? 1 : 0, tx.coinbaseTag ?? null).changes;
              for (const o of tx.outputs) counts.outputs += fast.output.run(tx.chain, tx.txid, o.vout, o.value, o.type, o.address ?? null).changes;
              tx.inputs.forEach((input, vin) => {
                counts.inputs += fast.input.run(tx.chain, tx.txid, vin, input.prevTxid ?? null, input.prevVout ?? null).changes;
              });
            }
          }
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

    /** Rows held per chain, for status and tests. */
    async counts(chain: string): Promise<Omit<IngestCounts, 'inputs'> & { inputs: number }> {
      const n = async (table: 'chain_block' | 'utxo_tx' | 'utxo_output' | 'utxo_input' | 'account_transfer') =>
        Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('chain', '=', chain).executeTakeFirstOrThrow()).n);
      return { blocks: await n('chain_block'), transactions: await n('utxo_tx'), outputs: await n('utxo_output'), inputs: await n('utxo_input'), transfers: await n('account_transfer') };
    },
  };
}

export type ChainStore = ReturnType<typeof createChainStore>;
