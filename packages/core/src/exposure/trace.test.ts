/**
 * Exposure tracing on small graphs whose answers are computed by hand in the comments: merges,
 * splits, change outputs, a missing spent output, cycles in account transfers, stopping at an
 * attributed service, coinbase origins, both methods and both directions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Chain } from '../addresses/types.ts';
import type { AccountTransfer, UtxoTransaction } from '../chain/model.ts';
import { isSekishoError } from '../errors.ts';
import { memoryAccountSource, memoryUtxoSource } from './memory.ts';
import { traceExposure } from './trace.ts';
import type { Attribution, Attributor, PoolAttribution } from './types.ts';

const BTC = 100_000_000n;

function utxo(txid: string, inputs: [string, number][], outputs: [string | undefined, bigint][], extra: Partial<UtxoTransaction> = {}): UtxoTransaction {
  return {
    chain: 'bitcoin',
    txid,
    blockHeight: 1,
    blockHash: 'h',
    index: 1,
    time: 1_600_000_000,
    coinbase: false,
    inputs: inputs.map(([prevTxid, prevVout]) => ({ prevTxid, prevVout, scriptSig: '', sequence: 0 })),
    outputs: outputs.map(([address, value], vout) => ({ vout, value, script: '', type: 'p2pkh' as const, ...(address ? { address } : {}) })),
    ...extra,
  };
}

function attributor(table: Record<string, Partial<Attribution>>): Attributor {
  return (_chain: Chain, address: string) => {
    const a = table[address];
    if (!a) return [];
    return [{ actor: a.actor ?? address, label: a.label ?? address, categories: a.categories ?? [], jurisdictions: a.jurisdictions ?? [], sanctioned: a.sanctioned ?? false, source: a.source ?? 'test', via: 'address' }];
  };
}

const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

// ---------------------------------------------------------------- a UTXO graph
//
//   T0  (not stored inputs)      -> s1 10            s1 = sanctioned (SANC)
//   TU  (not stored inputs)      -> u1 30
//   TX  (spends S2:0, s2 sanctioned, 50) -> b1 40    b1 = exchange EXCH (its own inputs must not be followed)
//   S2  -> s2 50
//   T1  spends T0:0 (10), TU:0 (30)   -> a1 20, a2 19       (fee 1)
//   T2  spends T1:0 (20), TX:0 (40)   -> D 55, c 4          (fee 1)
//   T3  spends T1:1 (19)              -> D 19
//
// Backwards from T2's output to D (haircut): inputs 20 (a1) + 40 (b1) = 60.
//   b1: 40/60 = 2/3 EXCH, DIRECT (hop 1), stop.
//   a1: 1/3 -> T1's inputs. TU is not in the store, so TU:0's value is unknown: it is taken as
//   what T1's outputs need beyond the known input (39 - 10 = 29, the fee taken as zero).
//   s1: 1/3 · 10/39 = 10/117 SANC INDIRECT (hop 2); the other 1/3 · 29/39 = 29/117 is untraced.
//   unattributed 0.
const graph = [
  utxo('S2', [], [['s2', 50n * BTC]]),
  utxo('T0', [['ZZ', 0]], [['s1', 10n * BTC]]),
  utxo('TX', [['S2', 0]], [['b1', 40n * BTC]]),
  utxo('T1', [['T0', 0], ['TU', 0]], [['a1', 20n * BTC], ['a2', 19n * BTC]]),
  utxo('T2', [['T1', 0], ['TX', 0]], [['D', 55n * BTC], ['c', 4n * BTC]]),
  utxo('T3', [['T1', 1]], [['D', 19n * BTC]]),
];
const roles = attributor({
  s1: { actor: 'SANC', label: 'Sanctioned Ltd', categories: ['sanctioned'], sanctioned: true, jurisdictions: ['RU'] },
  s2: { actor: 'SANC2', label: 'Other Sanctioned', categories: ['sanctioned'], sanctioned: true },
  b1: { actor: 'EXCH', label: 'Some Exchange', categories: ['exchange'] },
});
const deps = { utxo: memoryUtxoSource(graph), attribute: roles };

test('haircut backwards through a merge: shares by input value, stop at the exchange, missing input untraced', async () => {
  const e = await traceExposure({ kind: 'tx', chain: 'bitcoin', txid: 'T2', address: 'D' }, { direction: 'in' }, deps);
  assert.equal(e.found, true);
  assert.equal(e.amount, (55n * BTC).toString());
  const exch = e.findings.find((f) => f.actor === 'EXCH')!;
  near(exch.share, 2 / 3, 'exchange share');
  assert.equal(exch.kind, 'DIRECT');
  assert.equal(exch.hops, 1);
  assert.deepEqual(exch.path.map((s) => s.tx), ['TX']);
  const sanc = e.findings.find((f) => f.actor === 'SANC')!;
  near(sanc.share, 10 / 117, 'sanctioned share');
  assert.equal(sanc.kind, 'INDIRECT');
  assert.equal(sanc.hops, 2);
  assert.deepEqual(sanc.path.map((s) => `${s.tx}:${s.vout}:${s.address}`), ['T1:0:a1', 'T0:0:s1']);
  // 55 BTC · 10/117, to the satoshi (share kept to 1e-9).
  assert.equal(e.findings.find((f) => f.actor === 'SANC')!.amount, ((55n * BTC * 85_470_085n) / 1_000_000_000n).toString());
  // The exchange answers for its own funds: s2 behind it is not reached.
  assert.equal(e.findings.some((f) => f.actor === 'SANC2'), false);
  near(e.untraced, 29 / 117, 'untraced');
  near(e.unattributed, 0, 'unattributed');
  const cat = e.byCategory.find((c) => c.category === 'sanctioned')!;
  near(cat.share, 10 / 117, 'category share');
  assert.equal(cat.actor, 'SANC');
  assert.deepEqual(cat.path, sanc.path);
  // The sanctioned finding sorts first.
  assert.equal(e.findings[0]!.actor, 'SANC');
});

test('poison backwards: every touched actor counts whole', async () => {
  const e = await traceExposure({ kind: 'tx', chain: 'bitcoin', txid: 'T2', address: 'D' }, { direction: 'in', method: 'poison' }, deps);
  assert.equal(e.findings.find((f) => f.actor === 'SANC')!.share, 1);
  assert.equal(e.findings.find((f) => f.actor === 'SANC')!.amount, (55n * BTC).toString());
  assert.equal(e.findings.find((f) => f.actor === 'EXCH')!.share, 1);
  assert.equal(e.findings.some((f) => f.actor === 'SANC2'), false);
});

test('an address subject weighs its receipts by value: D received 55 (T2) and 19 (T3)', async () => {
  // T2's 55: SANC 10/117. T3's 19 came from T1:1 (a2) -> T1's inputs: SANC 10/39, untraced 29/39.
  // SANC = (55·10/117 + 19·10/39) / 74.
  const e = await traceExposure({ kind: 'address', chain: 'bitcoin', address: 'D' }, { direction: 'in' }, deps);
  near(e.findings.find((f) => f.actor === 'SANC')!.share, ((55 * 10) / 117 + (19 * 10) / 39) / 74, 'sanctioned share');
  near(e.findings.find((f) => f.actor === 'EXCH')!.share, (55 * 2) / 3 / 74, 'exchange share');
  assert.equal(e.findings.find((f) => f.actor === 'SANC')!.hops, 2);
  assert.equal(e.amount, (74n * BTC).toString());
});

test('hops limit what is followed: one hop sees the exchange only, the rest unattributed', async () => {
  const e = await traceExposure({ kind: 'tx', chain: 'bitcoin', txid: 'T2', address: 'D' }, { direction: 'in', hops: 1 }, deps);
  assert.deepEqual(e.findings.map((f) => f.actor), ['EXCH']);
  near(e.unattributed, 1 / 3, 'unattributed at the hop limit');
});

test('haircut forwards through a split with change: the fee carries no taint', async () => {
  // s1's 10 BTC (T0:0) is spent in T1 -> a1 20/39, a2 19/39. a1 -> T2 -> D 55/59, c 4/59.
  // a2 -> T3 -> D 19/19. D is attributed as a deposit of EXCH2 (hop 2 via T2 and via T3).
  const forward = attributor({ D: { actor: 'EXCH2', label: 'Deposit service', categories: ['exchange'] } });
  const e = await traceExposure({ kind: 'address', chain: 'bitcoin', address: 's1' }, { direction: 'out' }, { utxo: memoryUtxoSource(graph), attribute: forward });
  const f = e.findings.find((x) => x.actor === 'EXCH2')!;
  near(f.share, (20 / 39) * (55 / 59) + 19 / 39, 'share reaching D');
  assert.equal(f.hops, 2);
  // c's share stays unspent: unattributed.
  near(e.unattributed, (20 / 39) * (4 / 59), 'unspent change');
  // The example path is the one carrying more: via a2 (19/39 > 20/39·55/59).
  assert.deepEqual(f.path.map((s) => `${s.tx}:${s.vout}`), ['T1:1', 'T3:0']);
});

test('the address asked about is itself listed: OWNERSHIP, share 1', async () => {
  const e = await traceExposure({ kind: 'address', chain: 'bitcoin', address: 's1' }, { direction: 'in' }, deps);
  assert.equal(e.findings.length, 1);
  assert.equal(e.findings[0]!.kind, 'OWNERSHIP');
  assert.equal(e.findings[0]!.share, 1);
  assert.equal(e.findings[0]!.hops, 0);
});

test('a subject not in the store is reported not found, never clean', async () => {
  const e = await traceExposure({ kind: 'tx', chain: 'bitcoin', txid: 'nope' }, { direction: 'in' }, deps);
  assert.equal(e.found, false);
  assert.equal(e.findings.length, 0);
});

test('coinbase origin: the pool by its tag, hops counted to the coinbase output, flagged when Russia-based', async () => {
  //   CB (coinbase, tag "/EMCD/") -> p1 6.25
  //   M1 spends CB:0 -> m1 6.25        (m1 unattributed)
  //   M2 spends M1:0 and Q:0 (q1 3.75, not coinbase, inputs not stored) -> dep 10
  const txs = [
    utxo('CB', [], [['p1', 625_000_000n]], { coinbase: true, coinbaseTag: '\u0003abc/EMCD/xyz', inputs: [{ scriptSig: '03', sequence: 0 }] }),
    utxo('Q', [['QQ', 0]], [['q1', 375_000_000n]]),
    utxo('M1', [['CB', 0]], [['m1', 625_000_000n]]),
    utxo('M2', [['M1', 0], ['Q', 0]], [['dep', 1_000_000_000n]]),
  ];
  const pool = (_c: Chain, tx: { coinbaseTag?: string }): PoolAttribution | undefined =>
    tx.coinbaseTag?.includes('/EMCD/') ? { pool: 'EMCDPool', actor: 'emcdpool', jurisdictions: ['RU'], sanctioned: false, by: 'coinbase-tag', evidence: '/EMCD/' } : undefined;
  const e = await traceExposure({ kind: 'tx', chain: 'bitcoin', txid: 'M2' }, { direction: 'in' }, { utxo: memoryUtxoSource(txs), attribute: attributor({}), pool });
  assert.equal(e.mining.length, 1);
  const m = e.mining[0]!;
  assert.equal(m.pool, 'EMCDPool');
  near(m.share, 0.625, 'mining share');
  // dep <- M1:0 (hop 1, m1) <- CB:0 (hop 2, p1, a coinbase output).
  assert.equal(m.hops, 2);
  assert.equal(m.flagged, true);
  assert.deepEqual(m.path.map((s) => s.tx), ['M1', 'CB', 'CB']);
  // Two hops stop at M1:0's funding: the coinbase output is at hop 2 and still named.
  const two = await traceExposure({ kind: 'tx', chain: 'bitcoin', txid: 'M2' }, { direction: 'in', hops: 2 }, { utxo: memoryUtxoSource(txs), attribute: attributor({}), pool });
  assert.equal(two.mining[0]?.pool, 'EMCDPool');
  const one = await traceExposure({ kind: 'tx', chain: 'bitcoin', txid: 'M2' }, { direction: 'in', hops: 1 }, { utxo: memoryUtxoSource(txs), attribute: attributor({}), pool });
  assert.equal(one.mining.length, 0);
  // An unknown pool is still a mining origin, not flagged.
  const unknown = await traceExposure({ kind: 'tx', chain: 'bitcoin', txid: 'M2' }, { direction: 'in' }, { utxo: memoryUtxoSource(txs), attribute: attributor({}) });
  assert.equal(unknown.mining[0]!.pool, 'unattributed coinbase');
  assert.equal(unknown.mining[0]!.flagged, false);
});

// ---------------------------------------------------------------- an account graph with a cycle
//
//   t1  G -> X 100  (time 1)      G = sanctioned
//   t2  U -> X 300  (time 2)      U has no inflows
//   t3  X -> Y 200  (time 3)
//   t4  Y -> X  50  (time 4)      the cycle X -> Y -> X
//   t5  X -> C 100  (time 5)      the deposit traced
//   t6  G -> X 999  (time 6)      after the deposit: never counts backwards
//
// Backwards from t5 (haircut): hop 1 X (bound t5): inflows before t5 = G 100, U 300, Y 50 (450).
//   hop 2: G 100/450 = 2/9 (stop); U 300/450 = 2/3 (no inflows: unattributed); Y 1/9 (bound t4).
//   hop 3: Y's inflows before t4 = X 200 -> X 1/9 (bound t3).
//   hop 4: X's inflows before t3 = G 100, U 300 -> G 1/36, U 1/12 (at the hop limit: unattributed).
//   G = 2/9 + 1/36 = 1/4; unattributed = 2/3 + 1/12 = 3/4.
function transfer(txHash: string, from: string, to: string, value: bigint, time: number, extra: Partial<AccountTransfer> = {}): AccountTransfer {
  return { chain: 'ethereum', txHash, blockHeight: time, time, logIndex: -1, from, to, value, asset: 'native', ok: true, ...extra };
}
const transfers = [
  transfer('t1', 'G', 'X', 100n, 1),
  transfer('t2', 'U', 'X', 300n, 2),
  transfer('t3', 'X', 'Y', 200n, 3),
  transfer('t4', 'Y', 'X', 50n, 4),
  transfer('t5', 'X', 'C', 100n, 5),
  transfer('t6', 'G', 'X', 999n, 6),
  transfer('t7', 'G', 'X', 5000n, 4, { ok: false }),
];
const accountRoles = attributor({ G: { actor: 'GARANTEX', label: 'Garantex', categories: ['sanctioned', 'exchange'], sanctioned: true, jurisdictions: ['RU'] } });

test('haircut backwards on an account graph with a cycle, bounded by time; failed transfers move nothing', async () => {
  const e = await traceExposure({ kind: 'tx', chain: 'ethereum', txid: 't5', address: 'C' }, { direction: 'in' }, { account: memoryAccountSource(transfers), attribute: accountRoles });
  const g = e.findings.find((f) => f.actor === 'GARANTEX')!;
  near(g.share, 1 / 4, 'Garantex share');
  assert.equal(g.hops, 2);
  assert.equal(g.kind, 'INDIRECT');
  assert.equal(g.amount, '25');
  assert.deepEqual(g.path.map((s) => `${s.tx}:${s.address}`), ['t5:X', 't1:G']);
  near(e.unattributed, 3 / 4, 'unattributed');
  near(e.untraced, 0, 'untraced');
});

test('poison on the account graph: touched once is touched', async () => {
  const e = await traceExposure({ kind: 'tx', chain: 'ethereum', txid: 't5', address: 'C' }, { direction: 'in', method: 'poison' }, { account: memoryAccountSource(transfers), attribute: accountRoles });
  assert.equal(e.findings[0]!.actor, 'GARANTEX');
  assert.equal(e.findings[0]!.share, 1);
  assert.equal(e.findings[0]!.amount, '100');
});

test('forwards on the account graph: where G\'s funds went', async () => {
  // G -> X (t1 100, t6 999; t7 failed). Forwards from G: hop 1 X with bound t1 (the earliest).
  // X's outflows after t1: Y 200 (t3), C 100 (t5) -> C attributed: share of the 1099 that G sent... via X only.
  const forward = attributor({ C: { actor: 'CUSTOMER-EXCHANGE', label: 'Our deposit', categories: ['exchange'] } });
  const e = await traceExposure({ kind: 'address', chain: 'ethereum', address: 'G' }, { direction: 'out' }, { account: memoryAccountSource(transfers), attribute: forward });
  // All of G's 1099 goes to X (hop 1); X's outflows after t1: Y 200, C 100 -> C 1/3 at hop 2.
  // Y (2/3, bound t3): outflows after t3: X 50 (t4) -> X (bound t4): outflows after t4: C 100 -> C 2/3 at hop 4.
  near(e.findings[0]!.share, 1, 'all of it reaches C');
  assert.equal(e.findings[0]!.hops, 2);
});

test('the walk is deterministic and bounded: same answer twice; maxNodes cuts and reports untraced', async () => {
  const source = memoryAccountSource(transfers);
  const a = await traceExposure({ kind: 'tx', chain: 'ethereum', txid: 't5', address: 'C' }, { direction: 'in' }, { account: source, attribute: accountRoles });
  const b = await traceExposure({ kind: 'tx', chain: 'ethereum', txid: 't5', address: 'C' }, { direction: 'in' }, { account: source, attribute: accountRoles });
  assert.deepEqual(a, b);
  const cut = await traceExposure({ kind: 'tx', chain: 'ethereum', txid: 't5', address: 'C' }, { direction: 'in', maxNodes: 1 }, { account: source, attribute: accountRoles });
  near(cut.findings[0]!.share, 2 / 9, 'only the first expansion');
  // X was the one expansion allowed; U (2/3) and Y (1/9) are cut, not called clean.
  near(cut.untraced, 7 / 9, 'cut by maxNodes');
  // fanLimit 1 reads only U (the largest) at hop 1; the rest of X's inflow is untraced.
  const fan = await traceExposure({ kind: 'tx', chain: 'ethereum', txid: 't5', address: 'C' }, { direction: 'in', fanLimit: 1 }, { account: source, attribute: accountRoles });
  near(fan.untraced, 150 / 450, 'fan limit');
});

test('bad questions get SEK_TRACE_QUERY', async () => {
  const d = { account: memoryAccountSource(transfers), attribute: accountRoles };
  for (const [subject, options] of [
    [{ kind: 'tx', chain: 'ethereum', txid: 't5' }, { direction: 'in', hops: 0 }],
    [{ kind: 'tx', chain: 'ethereum', txid: 't5' }, { direction: 'in', hops: 11 }],
    [{ kind: 'tx', chain: 'ethereum', txid: 't5' }, { direction: 'sideways' }],
    [{ kind: 'tx', chain: 'ethereum', txid: 't5' }, { direction: 'in', method: 'fifo' }],
    [{ kind: 'tx', chain: 'monero', txid: 't5' }, { direction: 'in' }],
    [{ kind: 'tx', chain: 'bitcoin', txid: 't5' }, { direction: 'in' }],
  ] as const) {
    await assert.rejects(traceExposure(subject as never, options as never, d), (e) => isSekishoError(e, 'SEK_TRACE_QUERY'));
  }
});
