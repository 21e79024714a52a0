/**
 * The transfer graph on hand-made graphs: cycles (found from every edge, in any time order, not
 * for two accounts, not when amounts drift), bursts, pass-through, fan-in, pruning by horizon and
 * by size, idempotent adds; and a throughput diagnostic on a 200k-edge synthetic replay.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TransferGraph, TransferKeys, type TransferEdge } from './graph.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-05T00:00:00Z');
let n = 0;
/** An edge `days` after T0 (fractions allowed). */
const e = (from: string, to: string, amount: number, days = 0, key = `k${++n}`): TransferEdge => ({ from, to, amount, at: T0 + days * DAY, key });

function graphOf(edges: TransferEdge[], options = {}): TransferGraph {
  const g = new TransferGraph(options);
  for (const x of edges) g.add(x);
  return g;
}

test('a 3-cycle with equal amounts is found from each of its edges, accounts in flow order from the sender', () => {
  const edges = [e('A', 'B', 1234.5, 0), e('B', 'C', 1234.5, 2), e('C', 'A', 1234.5, 5)];
  const g = graphOf(edges);
  for (const x of edges) {
    const f = g.findings(x);
    assert.equal(f.cycles.length, 1, `from ${x.from}→${x.to}`);
    const c = f.cycles[0]!;
    assert.equal(c.accounts.length, 3);
    assert.equal(c.accounts[0], x.from);
    assert.equal(c.accounts[1], x.to);
    assert.equal(c.hops.length, 3);
    assert.equal(c.maxDeviation, 0);
    assert.equal(c.spanMs, 5 * DAY);
    assert.equal(f.cycleSearch.truncated, false);
  }
  assert.deepEqual(g.findings(edges[0]!).cycles[0]!.accounts, ['A', 'B', 'C']);
});

test('a cycle is found before the closing edge is added (the server may ask first) and the same after', () => {
  const g = graphOf([e('A', 'B', 500.25, 0), e('B', 'C', 500.25, 1)]);
  const closing = e('C', 'A', 500.25, 2);
  const before = g.findings(closing);
  assert.equal(g.add(closing), true);
  const after = g.findings(closing);
  assert.deepEqual(after.cycles, before.cycles);
  assert.equal(after.cycles.length, 1);
});

test('two accounts paying each other back the same amount is no cycle', () => {
  const edges = [e('A', 'B', 30_000, 0), e('B', 'A', 30_000, 3), e('A', 'B', 30_000, 10), e('B', 'A', 30_000, 12)];
  const g = graphOf(edges);
  for (const x of edges) assert.deepEqual(g.findings(x).cycles, []);
});

test('amounts drifting 5% per hop are no cycle at 1% tolerance, but are at a wide one', () => {
  const edges = [e('A', 'B', 1000, 0), e('B', 'C', 1050, 1), e('C', 'D', 1102.5, 2), e('D', 'A', 1157.63, 3)];
  assert.deepEqual(graphOf(edges).findings(edges[0]!).cycles, []);
  const wide = graphOf(edges, { cycleTolerance: 0.2 }).findings(edges[0]!);
  assert.equal(wide.cycles.length, 1);
  assert.ok(wide.cycles[0]!.maxDeviation > 0.15);
  // Within 1%: 1000 → 1004 → 995 → 1009.9 is a cycle.
  const close = [e('A', 'B', 1000, 0), e('B', 'C', 1004, 1), e('C', 'D', 995, 2), e('D', 'A', 1009.9, 3)];
  const f = graphOf(close).findings(close[0]!);
  assert.equal(f.cycles.length, 1);
  assert.ok(Math.abs(f.cycles[0]!.maxDeviation - 0.0099) < 1e-9);
});

test('hop times in any order: the closing edge may be the earliest, and hops need not follow the flow', () => {
  // Flow A→B→C→D→A, times 40, 10, 90, 0 days: not ordered along the flow, spanning 90 days.
  const edges = [e('A', 'B', 77.31, 40), e('B', 'C', 77.31, 10), e('C', 'D', 77.31, 90), e('D', 'A', 77.31, 0)];
  const g = graphOf(edges);
  for (const x of edges) {
    const c = g.findings(x).cycles[0];
    assert.ok(c, `from ${x.from}→${x.to}`);
    assert.equal(c.accounts.length, 4);
    assert.equal(c.spanMs, 90 * DAY);
  }
});

test('cycles of up to maxHops accounts are found, longer ones not; a longer cycle is found with a larger maxHops', () => {
  const ring = (k: number, amount: number) => Array.from({ length: k }, (_, i) => e(`R${k}-${i}`, `R${k}-${(i + 1) % k}`, amount, i));
  for (const k of [3, 4, 5, 6]) {
    const edges = ring(k, 100 + k);
    assert.equal(graphOf(edges).findings(edges[k - 1]!).cycles[0]?.accounts.length, k, `${k}-cycle`);
  }
  const seven = ring(7, 107);
  assert.deepEqual(graphOf(seven).findings(seven[0]!).cycles, []);
  assert.equal(graphOf(seven, { maxHops: 7 }).findings(seven[0]!).cycles[0]?.accounts.length, 7);
});

test('a path with a repeated account is not a simple cycle, and several cycles through one edge are all reported', () => {
  // A→B, B→C, C→B (back), B→A would need B twice; only A→B→D→A is simple.
  const edges = [e('A', 'B', 9.99, 0), e('B', 'C', 9.99, 1), e('C', 'B', 9.99, 2), e('B', 'D', 9.99, 3), e('D', 'A', 9.99, 4), e('C', 'A', 9.99, 5)];
  const f = graphOf(edges).findings(edges[0]!);
  const rings = f.cycles.map((c) => c.accounts.join('>')).sort();
  assert.deepEqual(rings, ['A>B>C', 'A>B>D']);
});

test('cycle hops outside the horizon of the transfer do not count', () => {
  const edges = [e('A', 'B', 55.5, 0), e('B', 'C', 55.5, 100), e('C', 'A', 55.5, 200)];
  const g = new TransferGraph({ horizonDays: 365 });
  for (const x of edges) g.add(x);
  assert.equal(g.findings(edges[2]!).cycles.length, 1);
  const narrow = new TransferGraph({ horizonDays: 150 });
  for (const x of edges) narrow.add(x);
  assert.deepEqual(narrow.findings(edges[2]!).cycles, []);
});

test('the cycle search stops at its bound and says so', () => {
  // A dense tangle of equal amounts with no way back to the sender.
  const edges: TransferEdge[] = [e('S', 'T', 42, 0)];
  for (let i = 0; i < 30; i++) {
    edges.push(e('T', `M${i}`, 42, 1));
    for (let j = 0; j < 30; j++) if (i !== j) edges.push(e(`M${i}`, `M${j}`, 42, 2));
  }
  edges.push(e('X', 'S', 42, 3));
  const g = graphOf(edges, { maxExpansions: 500 });
  const f = g.findings(edges[0]!);
  assert.equal(f.cycleSearch.truncated, true);
  assert.ok(f.cycleSearch.expansions > 500);
});

test('horizon pruning: edges older than the newest minus the horizon are dropped, and an edge that old is not taken', () => {
  const g = new TransferGraph({ horizonDays: 180 });
  g.add(e('A', 'B', 10, 0, 'old-1'));
  g.add(e('B', 'C', 10, 0.25, 'old-2'));
  g.add(e('C', 'D', 10, 100, 'mid'));
  assert.equal(g.size, 3);
  g.add(e('D', 'E', 10, 180.5, 'new'));
  assert.equal(g.size, 2);
  assert.equal(g.has('old-1'), false);
  assert.equal(g.has('mid'), true);
  assert.equal(g.accounts, 3, 'A and B have no edges left and are forgotten');
  assert.equal(g.add(e('X', 'Y', 10, 0.4, 'late')), false, 'older than the horizon behind the newest edge');
  assert.equal(g.size, 2);
});

test('maxEdges pruning drops the oldest by time, also when they arrived late', () => {
  const g = new TransferGraph({ maxEdges: 3 });
  g.add(e('A', 'B', 1, 5, 'd5'));
  g.add(e('A', 'B', 1, 6, 'd6'));
  g.add(e('A', 'B', 1, 1, 'd1')); // arrives late, is the oldest
  g.add(e('A', 'B', 1, 7, 'd7'));
  assert.equal(g.size, 3);
  assert.deepEqual(['d1', 'd5', 'd6', 'd7'].filter((k) => g.has(k)), ['d5', 'd6', 'd7']);
  g.add(e('C', 'D', 1, 8, 'd8'));
  assert.deepEqual(['d5', 'd6', 'd7', 'd8'].filter((k) => g.has(k)), ['d6', 'd7', 'd8']);
});

test('memory stays bounded over a long stream: the size stays at maxEdges and dropped edges leave the indexes', () => {
  const g = new TransferGraph({ maxEdges: 1000 });
  for (let i = 0; i < 50_000; i++) g.add(e(`A${i % 300}`, `A${(i * 7 + 1) % 300}`, 100 + (i % 50), i / 1000, `s${i}`));
  assert.equal(g.size, 1000);
  assert.ok(g.accounts <= 300);
  // Whatever was dropped is not reported any more.
  const f = g.findings(e('A1', 'A8', 101, 50, 'probe'));
  for (const m of [...f.passThrough.sender, ...f.passThrough.receiver]) assert.ok(g.has(m.key));
});

test('adding the same key twice adds it once, and the findings count it once', () => {
  const g = new TransferGraph();
  const x = e('A', 'B', 250, 0, 'tx-1');
  assert.equal(g.add(x), true);
  assert.equal(g.add({ ...x }), false);
  assert.equal(g.size, 1);
  assert.equal(g.findings(x).pairBurst.count, 1);
  assert.equal(g.add(e('A', 'A', 250, 0, 'self')), false, 'a transfer to oneself is no edge');
});

test('pair burst: three transfers of one pair within 24 hours count 3; the third just over 24 hours after the first counts 2', () => {
  const g = graphOf([e('A', 'B', 100, 0), e('A', 'B', 120, 0.5), e('A', 'C', 100, 0.6), e('X', 'B', 100, 0.7)]);
  const third = e('A', 'B', 130, 0.99);
  const f = g.findings(third);
  assert.equal(f.pairBurst.count, 3);
  assert.deepEqual(f.pairBurst.amounts.sort((a, b) => a - b), [100, 120, 130]);
  assert.equal(f.pairBurst.firstAt, T0);
  const late = e('A', 'B', 130, 1 + 1 / 86_400_000);
  assert.equal(g.findings(late).pairBurst.count, 2);
  // Monthly rent: one a month is never a burst.
  const rent = graphOf([0, 30, 61, 91].map((d) => e('T', 'L', 85_000, d)));
  assert.equal(rent.findings(e('T', 'L', 85_000, 122)).pairBurst.count, 1);
});

test('pass-through: the receiver sends the same amount on to another account; the sender received it from another', () => {
  const inbound = e('A', 'B', 12_345.67, 0);
  const onward = e('B', 'C', 12_345.67, 3);
  const g = graphOf([inbound, onward]);
  const fIn = g.findings(inbound);
  assert.equal(fIn.passThrough.receiver.length, 1);
  assert.deepEqual({ ...fIn.passThrough.receiver[0]!, at: 0 }, { account: 'B', counterparty: 'C', amount: 12_345.67, at: 0, key: onward.key, deviation: 0 });
  const fOut = g.findings(onward);
  assert.equal(fOut.passThrough.sender[0]?.counterparty, 'A');
  assert.equal(fOut.passThrough.sender[0]?.account, 'B');
  assert.deepEqual(fOut.passThrough.receiver, []);
});

test('pass-through near cases: another amount, the money going back to where it came from, or too far apart', () => {
  const g = graphOf([e('A', 'B', 12_345, 0), e('B', 'C', 12_500, 1), e('B', 'A', 12_345, 2), e('B', 'D', 12_345, 95)]);
  const f = g.findings(e('A', 'B', 12_345, 0, 'probe'));
  // 12,500 is 1.3% away (outside the 0.5% band), B→A returns to the sender, B→D is 95 days later (window 90).
  assert.deepEqual(f.passThrough.receiver, []);
  // Inside the band but not exact: reported with its deviation, for the rule to judge.
  const h = graphOf([e('A', 'B', 10_000, 0), e('B', 'C', 10_030, 1)]);
  const m = h.findings(e('A', 'B', 10_000, 0, 'p2')).passThrough.receiver[0];
  assert.ok(m && Math.abs(m.deviation - 0.003) < 1e-9);
});

test('fan-in: the receiver\'s distinct senders and which of them burst within one day', () => {
  const edges = [
    e('S1', 'H', 3.1, 0), e('S1', 'H', 3.2, 0), e('S1', 'H', 3.3, 0.1),
    e('S2', 'H', 4.1, 20), e('O1', 'H', 300, 25), e('O2', 'H', 280, 26),
    e('S2', 'H', 4.2, 40),
  ];
  const g = graphOf(edges);
  const last = e('S2', 'H', 4.3, 40.2);
  const f = g.findings(last);
  assert.ok(f.fanIn);
  assert.equal(f.fanIn.senders, 4);
  assert.deepEqual(f.fanIn.bursts, [{ account: 'S1', count: 3 }, { account: 'S2', count: 2 }]);
  // A first transfer of a pair does not ask the fan-in question at all.
  assert.equal(g.findings(e('O3', 'H', 250, 41)).fanIn, undefined);
  // Outside the 90-day window S1's burst no longer counts.
  g.add(last);
  const later = g.findings(e('S2', 'H', 4.4, 95));
  assert.deepEqual(later.fanIn?.bursts.map((b) => b.account), ['S2']);
});

test('bad input: an unusable amount is kept for bursts but not matched, a bad time is refused, bad options throw', () => {
  const g = new TransferGraph();
  assert.equal(g.add(e('A', 'B', Number.NaN, 0)), true);
  assert.equal(g.add(e('A', 'B', -5, 0.1)), true);
  const f = g.findings(e('A', 'B', Number.NaN, 0.2));
  assert.equal(f.pairBurst.count, 3);
  assert.deepEqual(f.cycles, []);
  assert.deepEqual(f.passThrough.receiver, []);
  assert.equal(g.add({ from: 'A', to: 'B', amount: 1, at: Number.NaN, key: 'nan-time' }), false);
  assert.throws(() => new TransferGraph({ maxHops: 2 }), RangeError);
  assert.throws(() => new TransferGraph({ horizonDays: -1 }), RangeError);
});

test('transfer keys: the n-th out leg and the n-th in leg of one signature share a key; identical repeats stay apart', () => {
  const keys = new TransferKeys();
  const leg = (side: 'out' | 'in') => ({ from: 'A', to: 'B', amount: 3.76, at: T0, side });
  const out1 = keys.key(leg('out'));
  const out2 = keys.key(leg('out'));
  assert.notEqual(out1, out2);
  assert.equal(keys.key(leg('in')), out1);
  assert.equal(keys.key(leg('in')), out2);
  assert.notEqual(keys.key({ ...leg('out'), amount: 3.77 }), out1);
  // Signatures older than the horizon are forgotten.
  keys.key({ from: 'X', to: 'Y', amount: 1, at: T0 + 181 * DAY, side: 'out' });
  assert.equal(keys.size, 1);
});

test('throughput diagnostic: 200k-edge synthetic replay, add + findings per edge (printed, not asserted)', () => {
  // AMLSim-like shape: 20,000 accounts, ~6 transfers each way, amounts log-spread, 1% repeat pairs, 200 days.
  let seed = 7; // mulberry32
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const edges: TransferEdge[] = [];
  for (let i = 0; i < 200_000; i++) {
    const from = `a${Math.floor(rand() * 20_000)}`;
    let to = `a${Math.floor(rand() * 20_000)}`;
    if (to === from) to = `b${from}`;
    const amount = Math.round(Math.exp(4 + rand() * 2) * 100) / 100;
    const at = T0 + Math.floor((i / 200_000) * 200) * DAY;
    edges.push({ from, to, amount, at, key: `t${i}` });
    if (rand() < 0.01) edges.push({ from, to, amount, at, key: `t${i}r` });
  }
  const g = new TransferGraph();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let cycles = 0;
  for (const x of edges) {
    if (g.findings(x).cycles.length) cycles++;
    g.add(x);
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`# graph throughput: ${edges.length} edges in ${ms.toFixed(0)} ms wall (${Math.round(edges.length / (ms / 1000))} edges/s), ${cpuMs.toFixed(0)} ms cpu (${Math.round(edges.length / (cpuMs / 1000))} edges/s); ${g.size} edges kept, ${g.accounts} accounts, ${cycles} cycles`);
  assert.ok(g.size > 0 && g.size <= edges.length);
});
