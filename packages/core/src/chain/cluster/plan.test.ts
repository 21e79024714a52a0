/**
 * Multi-input clustering on hand-built transactions (addresses are placeholders "A".."Z"; only
 * their identity matters) and on the real block 413,567: merges, transitive merges across
 * transactions, merges into stored clusters, CoinJoin exclusion, refused conflicts, the size
 * alarm, and that batching and re-running change nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedPath } from '../../../test/helpers.ts';
import { parseBlock } from '../bitcoin/block.ts';
import { clusterTxOf } from './inputs.ts';
import { planClusters } from './plan.ts';
import type { ClusterPlan, ClusterTx, ExistingCluster } from './types.ts';

let seq = 0;
const tx = (inputs: (string | undefined)[], outputs: bigint[] = [10_000n]): ClusterTx => ({
  txid: (++seq).toString(16).padStart(64, '0'),
  coinbase: false,
  inputs: inputs.map((address) => (address === undefined ? {} : { address })),
  outputs: outputs.map((value, i) => ({ address: `out${seq}_${i}`, value })),
});

/** Applies plans to an in-memory store, the way the cluster store does, for multi-batch tests. */
class MemoryClusters {
  byAddress = new Map<string, number>();
  clusters = new Map<number, ExistingCluster>();
  nextId = 1;
  apply(plan: ClusterPlan) {
    for (const { from, into } of plan.rewrite) {
      for (const [a, id] of this.byAddress) if (id === from) this.byAddress.set(a, into);
      this.clusters.delete(from);
    }
    for (const [a, id] of plan.assign) this.byAddress.set(a, id);
    for (const c of plan.clusters) this.clusters.set(c.id, c);
    this.nextId = plan.nextId;
  }
  existing = (address: string) => {
    const id = this.byAddress.get(address);
    return id === undefined ? undefined : this.clusters.get(id);
  };
  partition(): string[][] {
    const groups = new Map<number, string[]>();
    for (const [a, id] of this.byAddress) groups.set(id, [...(groups.get(id) ?? []), a]);
    return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
  }
}

test('the inputs of one transaction become one cluster; links explain it', () => {
  const t = tx(['A', 'B', 'C', 'B']);
  const plan = planClusters([t], { nextId: 1 });
  assert.deepEqual([...plan.assign], [['A', 1], ['B', 1], ['C', 1]]);
  assert.deepEqual(plan.clusters, [{ id: 1, size: 3, actors: [] }]);
  assert.deepEqual(plan.links, [{ txid: t.txid, a: 'A', b: 'B' }, { txid: t.txid, a: 'A', b: 'C' }]);
  assert.equal(plan.txs[0]!.outcome, 'merged');
  assert.equal(plan.nextId, 2);
});

test('transitive merges across transactions: A+B, C+D, then B+C make one cluster of four', () => {
  const plan = planClusters([tx(['A', 'B']), tx(['C', 'D']), tx(['B', 'C'])], { nextId: 10 });
  assert.deepEqual(new Set(plan.assign.values()), new Set([10]));
  assert.deepEqual(plan.clusters, [{ id: 10, size: 4, actors: [] }]);
  assert.equal(plan.nextId, 12, 'cluster 11 was made and absorbed: its id is not reused');
  assert.equal(plan.rewrite.length, 0, 'nothing stored moved');
});

test('coinbase, single-input, unresolved and CoinJoin transactions link nothing', () => {
  const whirlpool = tx(['W1', 'W2', 'W3', 'W4', 'W5'], [1_000_000n, 1_000_000n, 1_000_000n, 1_000_000n, 1_000_000n]);
  const plan = planClusters([{ ...tx(['X', 'Y']), coinbase: true }, tx(['S']), tx(['R', 'R', undefined]), whirlpool], { nextId: 1 });
  assert.deepEqual(plan.txs.map((r) => r.outcome), ['coinbase', 'single-input', 'unresolved', 'coinjoin']);
  assert.equal(plan.txs[3]!.coinjoin?.kind, 'whirlpool');
  assert.equal(plan.txs[2]!.resolved, 2);
  assert.equal(plan.assign.size, 0);
  assert.equal(plan.links.length, 0);
});

test('a merge into stored clusters: the smaller stored cluster moves to the larger one\'s id', () => {
  const stored = new Map<string, ExistingCluster>([
    ['P', { id: 5, size: 3, actors: [] }],
    ['Q', { id: 9, size: 7, actors: ['binance'] }],
  ]);
  const plan = planClusters([tx(['P', 'N', 'Q'])], { nextId: 20, existing: (a) => stored.get(a) });
  assert.deepEqual(plan.rewrite, [{ from: 5, into: 9 }]);
  assert.deepEqual([...plan.assign], [['N', 9]]);
  assert.deepEqual(plan.clusters, [{ id: 9, size: 11, actors: ['binance'] }]);
  assert.equal(plan.nextId, 20, 'no new cluster');
});

test('a merge joining different actors is refused and recorded as a conflict with the txid', () => {
  const actors: Record<string, string[]> = { G: ['garantex'], E: ['binance'], H: ['garantex', 'ofac:1'] };
  const actorsOf = (a: string) => actors[a] ?? [];
  const first = tx(['G', 'U1']);
  const clash = tx(['U1', 'E', 'U2']);
  const same = tx(['H', 'U1']);
  const plan = planClusters([first, clash, same], { nextId: 1, actorsOf });
  assert.deepEqual(plan.txs.map((r) => r.outcome), ['merged', 'conflict', 'merged']);
  assert.deepEqual(plan.conflicts, [{ txid: clash.txid, a: 'U1', b: 'E', clusterA: undefined, clusterB: undefined, actorsA: ['garantex'], actorsB: ['binance'] }]);
  assert.equal(plan.assign.get('E'), undefined, 'E joined nothing');
  assert.equal(plan.assign.get('U2'), undefined, 'the refused transaction linked none of its inputs');
  assert.deepEqual(plan.clusters, [{ id: 1, size: 3, actors: ['garantex', 'ofac:1'] }], 'shared actor garantex: H merges');
  assert.ok(!plan.links.some((l) => l.txid === clash.txid));
});

test('size alarm: a merge that crosses the threshold, and one that joins two big clusters, are recorded', () => {
  const stored = new Map<string, ExistingCluster>([
    ['BIG1', { id: 1, size: 4, actors: [] }],
    ['BIG2', { id: 2, size: 3, actors: [] }],
  ]);
  const crossing = tx(['BIG1', 'n1', 'n2']);
  const joining = tx(['BIG1', 'BIG2']);
  const small = tx(['x', 'y']);
  const plan = planClusters([small, crossing, joining], { nextId: 3, existing: (a) => stored.get(a), sizeAlarm: 5 });
  assert.deepEqual(plan.alarms, [
    { txid: crossing.txid, clusterId: 1, size: 6, threshold: 5 },
    { txid: joining.txid, clusterId: 1, size: 9, threshold: 5 },
  ]);
  assert.equal(plan.txs[1]!.outcome, 'merged', 'an alarm does not refuse the merge');
});

test('batches and re-runs: the same partition in one batch or three, and a second run changes nothing', () => {
  const txs = [tx(['A', 'B']), tx(['C', 'D']), tx(['E', 'F']), tx(['B', 'C']), tx(['F', 'G', 'A']), tx(['H', 'I'])];
  const one = new MemoryClusters();
  one.apply(planClusters(txs, { nextId: one.nextId, existing: one.existing }));
  const three = new MemoryClusters();
  for (const batch of [txs.slice(0, 2), txs.slice(2, 4), txs.slice(4)]) three.apply(planClusters(batch, { nextId: three.nextId, existing: three.existing }));
  assert.deepEqual(one.partition(), [['A', 'B', 'C', 'D', 'E', 'F', 'G'], ['H', 'I']]);
  assert.deepEqual(three.partition(), one.partition());
  const again = planClusters(txs, { nextId: one.nextId, existing: one.existing });
  assert.equal(again.assign.size, 0);
  assert.deepEqual(again.rewrite, []);
  assert.deepEqual(again.clusters, [], 'no cluster changed');
  assert.equal(again.nextId, one.nextId);
});

test('block 413,567: clusters from its 1,557 transactions, input addresses from the spent outputs and scriptSigs', () => {
  const { transactions } = parseBlock(new Uint8Array(readFileSync(sharedPath('chain-analytics/btc_mainnet_block_413567.raw'))), { checkMerkleRoot: false });
  const outputs = new Map<string, { address?: string; value: bigint }>();
  for (const t of transactions) for (const o of t.outputs) outputs.set(`${t.txid}:${o.vout}`, { address: o.address, value: o.value });
  const spent = (txid: string, vout: number) => outputs.get(`${txid}:${vout}`);
  const txs = transactions.map((t) => clusterTxOf(t, spent, { fromScriptSig: true }));
  const plan = planClusters(txs, { nextId: 1 });
  const outcomes: Record<string, number> = {};
  for (const r of plan.txs) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  assert.deepEqual(outcomes, { coinbase: 1, 'single-input': 1051, merged: 360, unresolved: 143, coinjoin: 2 });
  // Both CoinJoins have JoinMarket's shape: n equal outputs and n changes from n distinct inputs.
  assert.deepEqual(plan.txs.filter((r) => r.coinjoin).map((r) => [r.txid, r.coinjoin]), [
    ['79150a157185d883955fc9489247198a976c665b5a18127b2be64d80ce4b6bef', { kind: 'joinmarket', denomination: 5_232_063n, equalOutputs: 5 }],
    ['d5e8c0fa8848f8c20ec615a898ebfb150d0b99a5fead01ee01d2a3f0b9bea118', { kind: 'joinmarket', denomination: 12_100_000n, equalOutputs: 6 }],
  ]);
  assert.equal(plan.clusters.length, 330);
  assert.equal(plan.assign.size, 3162);
  assert.equal(plan.links.length, 2849);
  // The partition agrees with connected components computed independently from the links.
  const adjacency = new Map<string, string[]>();
  for (const { a, b } of plan.links) (adjacency.set(a, [...(adjacency.get(a) ?? []), b]), adjacency.set(b, [...(adjacency.get(b) ?? []), a]));
  const seen = new Set<string>();
  const sizes: number[] = [];
  for (const start of adjacency.keys()) {
    if (seen.has(start)) continue;
    const ids = new Set<number>();
    let size = 0;
    for (const stack = [start]; stack.length; ) {
      const a = stack.pop()!;
      if (seen.has(a)) continue;
      seen.add(a);
      size++;
      ids.add(plan.assign.get(a)!);
      stack.push(...(adjacency.get(a) ?? []));
    }
    assert.equal(ids.size, 1, 'one component, one cluster id');
    sizes.push(size);
  }
  assert.deepEqual(sizes.sort((x, y) => y - x), plan.clusters.map((c) => c.size).sort((x, y) => y - x));
  // The largest: three consolidations (442, 357 and 274 inputs) that share addresses.
  assert.equal(sizes[0], 1051);
});
