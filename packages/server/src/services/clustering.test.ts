/**
 * Clustering over the store, on SQLite and PostgreSQL: hand-built transactions in the chain
 * model's shape (packages/core/src/chain/model.ts; addresses are placeholders, only their
 * identity matters) ingested through the chain store, then clustered — merges, transitive
 * merges across blocks, CoinJoin exclusion, a refused conflict, the size alarm, inputs resolved
 * late, idempotence — and the real block 413,567.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parseBlock, type Attribution, type ChainBlock, type UtxoTransaction } from '@sekisho/core';
import { openStore, type Store } from '../storage/db.ts';
import { createChainStore } from '../storage/chain-store.ts';
import { onPostgres, sharedPath, sqliteDatabase, type TestDatabase } from '../../test/helpers.ts';
import { clusterOf, createClusterAttribution, linkPath, linksOf, members, updateClusters } from './clustering.ts';
import { createClusterStore } from '../storage/cluster-store.ts';

const CHAIN = 'bitcoin';
const block = (height: number, txCount: number): ChainBlock => ({ chain: CHAIN, height, hash: height.toString(16).padStart(64, '0'), parentHash: (height - 1).toString(16).padStart(64, '0'), time: 1_700_000_000 + height * 600, txCount });
const txid = (name: string) => Buffer.from(name).toString('hex').padEnd(64, '0');

/** A transaction of block `height` at position `index`, spending `spends` (txid name, vout), paying `pays`. */
function tx(name: string, height: number, index: number, spends: [string, number][], pays: [string | undefined, bigint][]): UtxoTransaction {
  return {
    chain: CHAIN,
    txid: txid(name),
    blockHeight: height,
    blockHash: block(height, 0).hash,
    index,
    time: block(height, 0).time,
    coinbase: spends.length === 0,
    inputs: spends.length === 0 ? [{ scriptSig: '00', sequence: 0xffffffff }] : spends.map(([t, vout]) => ({ prevTxid: txid(t), prevVout: vout, scriptSig: '', sequence: 0xffffffff })),
    outputs: pays.map(([address, value], vout) => ({ vout, value, script: '', type: address ? 'p2pkh' : 'op_return', ...(address ? { address } : {}) })),
  };
}

// Block 1 funds the addresses; block 2 and 3 spend them.
const funding = [
  tx('fund-1', 1, 0, [], [['A', 100_000n], ['B', 100_000n], ['C', 100_000n], ['D', 100_000n], ['B', 50_000n], ['C', 50_000n]]),
  tx('fund-2', 1, 1, [], [['E1', 1_000_050n], ['E2', 1_000_050n], ['E3', 1_000_000n], ['E4', 1_000_000n], ['E5', 1_000_000n]]),
  tx('fund-3', 1, 2, [], [['G', 70_000n], ['H', 80_000n], ['S', 10_000n]]),
];
const block2 = [
  tx('spend-AB', 2, 0, [['fund-1', 0], ['fund-1', 1]], [['X1', 190_000n]]),
  tx('spend-CD', 2, 1, [['fund-1', 2], ['fund-1', 3]], [['X2', 190_000n]]),
  tx('whirlpool', 2, 2, [['fund-2', 0], ['fund-2', 1], ['fund-2', 2], ['fund-2', 3], ['fund-2', 4]], [['W1', 1_000_000n], ['W2', 1_000_000n], ['W3', 1_000_000n], ['W4', 1_000_000n], ['W5', 1_000_000n]]),
  tx('single', 2, 3, [['fund-3', 2]], [['X3', 9_000n]]),
];
const block3 = [
  tx('spend-BC', 3, 0, [['fund-1', 4], ['fund-1', 5]], [['X4', 99_000n]]),
  tx('spend-GH', 3, 1, [['fund-3', 0], ['fund-3', 1]], [['X5', 149_000n]]),
];
const ACTORS: Record<string, string[]> = { G: ['garantex'], H: ['binance'] };
const actorsOf = (a: string) => ACTORS[a] ?? [];

const TABLES = ['cluster', 'cluster_address', 'cluster_counter', 'cluster_link', 'cluster_conflict', 'cluster_alarm', 'cluster_tx'] as const;
async function snapshot(store: Store): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await store.db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)]))).sort();
  }
  return JSON.stringify(out);
}

export function clusteringSuite(label: string, makeDb: () => Promise<TestDatabase>): void {
  describe(`clustering (${label})`, () => {
    let db: TestDatabase;
    let store: Store;
    before(async () => {
      db = await makeDb();
      store = await openStore(db.url);
      await createChainStore(store).ingestUtxo([{ block: block(1, 3), transactions: funding }, { block: block(2, 4), transactions: block2 }, { block: block(3, 2), transactions: block3 }]);
    });
    after(async () => {
      await store?.close();
      await db?.cleanup();
    });

    test('merges, a transitive merge across blocks, a CoinJoin left out, a conflict refused and recorded', async () => {
      const r = await updateClusters(store, CHAIN, undefined, { actorsOf, sizeAlarm: 3, batchSize: 5 });
      assert.equal(r.txs, 9);
      assert.equal(r.batches, 2, '9 transactions in batches of 5');
      assert.equal(r.absorbed, 1, 'C+D, stored by the first batch, moved into A+B in the second');
      assert.equal(r.merged, 3);
      assert.deepEqual(r.coinjoins, { whirlpool: 1 });
      assert.equal(r.conflicts, 1);
      assert.deepEqual(r.missing, []);
      const a = await clusterOf(store, CHAIN, 'A');
      assert.ok(a);
      assert.equal(a.size, 4);
      assert.deepEqual(await members(store, CHAIN, a.id, 10), ['A', 'B', 'C', 'D']);
      // A+B and C+D were stored as clusters 1 and 2 of equal size: the smaller id survives.
      assert.equal(a.id, 1);
      for (const e of ['E1', 'E2', 'E3', 'E4', 'E5', 'G', 'H', 'S', 'X1']) assert.equal(await clusterOf(store, CHAIN, e), undefined, e);
      const cs = createClusterStore(store);
      assert.deepEqual(await cs.conflicts(CHAIN), [{ txid: txid('spend-GH'), a: 'G', b: 'H', actorsA: ['garantex'], actorsB: ['binance'] }]);
      // The merge that made A's cluster 4 (> 3) is an alarm.
      assert.deepEqual(await cs.alarms(CHAIN), [{ txid: txid('spend-BC'), clusterId: 1, size: 4, threshold: 3 }]);
      const counts = await cs.counts(CHAIN);
      assert.deepEqual(counts, { clusters: 1, addresses: 4, links: 3, conflicts: 1, alarms: 1, txs: 9 });
    });

    test('every merge is explained: the links of an address, and the chain of transactions between two', async () => {
      assert.deepEqual(await linksOf(store, CHAIN, 'B'), [
        { txid: txid('spend-AB'), a: 'A', b: 'B' },
        { txid: txid('spend-BC'), a: 'B', b: 'C' },
      ]);
      assert.deepEqual((await linkPath(store, CHAIN, 'A', 'D'))?.map((l) => l.txid), [txid('spend-AB'), txid('spend-BC'), txid('spend-CD')]);
      assert.equal(await linkPath(store, CHAIN, 'A', 'G'), undefined);
    });

    test('running again changes nothing: the pending run reads nothing, and re-reading every txid writes the same rows', async () => {
      const before = await snapshot(store);
      const again = await updateClusters(store, CHAIN, undefined, { actorsOf, sizeAlarm: 3 });
      assert.equal(again.txs, 0);
      const all = [...funding, ...block2, ...block3].map((t) => t.txid);
      const reread = await updateClusters(store, CHAIN, [...all, txid('not-stored')], { actorsOf, sizeAlarm: 3 });
      assert.equal(reread.txs, 9);
      assert.equal(reread.addresses, 0);
      assert.equal(reread.absorbed, 0);
      assert.deepEqual(reread.missing, [txid('not-stored')]);
      assert.equal(await snapshot(store), before);
    });

    test('an input whose spent transaction arrives later links once retryPartial reads it again', async () => {
      const late = tx('spend-late', 4, 0, [['fund-4', 0], ['fund-1', 0]], [['X6', 1n]]);
      await createChainStore(store).ingestUtxo([{ block: block(4, 1), transactions: [late] }]);
      const first = await updateClusters(store, CHAIN);
      assert.equal(first.txs, 1);
      assert.equal(first.merged, 0, 'one of two inputs known: nothing to link');
      assert.equal(await clusterOf(store, CHAIN, 'L'), undefined);
      await createChainStore(store).ingestUtxo([{ block: block(0, 1), transactions: [tx('fund-4', 0, 0, [], [['L', 5n]])] }]);
      const retry = await updateClusters(store, CHAIN, undefined, { retryPartial: true });
      assert.equal(retry.merged, 1);
      assert.equal((await clusterOf(store, CHAIN, 'L'))?.id, 1, 'L joined A\'s cluster');
      assert.equal((await clusterOf(store, CHAIN, 'A'))?.size, 5);
    });

    test('a cluster carries its members\' tags to the tracer, via the member that has them', async () => {
      const hydra: Attribution = { actor: 'hydramarket', label: 'Hydra Market', categories: ['market'], jurisdictions: ['RU'], sanctioned: false, source: 'tag:tagpack:hydra.yaml v1', via: 'address' };
      const direct = (_chain: string, address: string) => (address === 'C' ? [hydra] : []);
      const attribution = createClusterAttribution(store, { pageSize: 2 });
      assert.deepEqual(await attribution(CHAIN, 'A', direct), [{ ...hydra, via: 'cluster', member: 'C' }]);
      assert.deepEqual(await attribution(CHAIN, 'C', direct), [], 'C is the tagged member itself');
      assert.deepEqual(await attribution(CHAIN, 'G', direct), [], 'G is in no cluster');
    });

    test('bad input: an account chain is refused with a stable code, and nothing is written', async () => {
      const before = await snapshot(store);
      await assert.rejects(updateClusters(store, 'ethereum' as 'bitcoin'), (e: { code?: string }) => e.code === 'SEK_TRACE_QUERY');
      assert.equal(await snapshot(store), before);
    });
  });

  describe(`clustering the real block 413,567 (${label})`, () => {
    let db: TestDatabase;
    let store: Store;
    before(async () => {
      db = await makeDb();
      store = await openStore(db.url);
      const { block: b, transactions } = parseBlock(new Uint8Array(readFileSync(sharedPath('chain-analytics/btc_mainnet_block_413567.raw'))), { checkMerkleRoot: false });
      await createChainStore(store).ingestUtxo([{ block: b, transactions }]);
    });
    after(async () => {
      await store?.close();
      await db?.cleanup();
    });

    test('1,557 transactions read; only in-block spends resolve, so one merge; both JoinMarket rounds seen; again: nothing', async () => {
      const r = await updateClusters(store, CHAIN);
      console.log(`block 413,567 clustered on ${label} in ${r.ms.toFixed(1)} ms (${((r.ms * 1000) / r.txs).toFixed(1)} µs/tx): ${JSON.stringify({ ...r, ms: undefined })}`);
      assert.equal(r.txs, 1557);
      assert.equal(r.merged, 1);
      assert.deepEqual(r.coinjoins, { joinmarket: 2 });
      assert.equal(r.addresses, 2);
      assert.equal(r.links, 1);
      const outcomes = await store.db.selectFrom('cluster_tx').select(['outcome']).select((eb) => eb.fn.countAll().as('n')).groupBy('outcome').orderBy('outcome').execute();
      assert.deepEqual(Object.fromEntries(outcomes.map((o) => [o.outcome, Number(o.n)])), { coinbase: 1, coinjoin: 2, merged: 1, 'single-input': 1051, unresolved: 502 });
      const again = await updateClusters(store, CHAIN);
      assert.equal(again.txs, 0);
    });
  });
}

clusteringSuite('SQLite', async () => sqliteDatabase());
await onPostgres('clustering suite', (makeDb) => clusteringSuite('PostgreSQL', makeDb));
