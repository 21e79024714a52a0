/**
 * CoinJoin shapes, on transactions built by hand to the published structures (Samourai's
 * Whirlpool 5×5 mixes at its pool denominations; Wasabi 1.x's ~0.1 BTC ZeroLink rounds; WabiSabi
 * rounds with several standard denominations; JoinMarket's n equal outputs plus n changes), and
 * ordinary transactions that look partly like them and must not be taken for one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectCoinJoin } from './coinjoin.ts';
import type { ClusterTx } from './types.ts';

const addr = (prefix: string, i: number) => `${prefix}${i.toString().padStart(4, '0')}`;
const inputs = (n: number, value?: bigint, prefix = 'in') => Array.from({ length: n }, (_, i) => ({ address: addr(prefix, i), ...(value === undefined ? {} : { value }) }));
const outputs = (values: bigint[], prefix = 'out') => values.map((value, i) => ({ address: addr(prefix, i), value }));
const tx = (ins: ClusterTx['inputs'], outs: ClusterTx['outputs']): ClusterTx => ({ txid: 'ab'.repeat(32), coinbase: false, inputs: ins, outputs: outs });
const times = (n: number, v: bigint) => Array.from({ length: n }, () => v);

test('Whirlpool: 5 inputs, 5 outputs of exactly 0.01 BTC (the 1M pool), inputs d..d+fee', () => {
  const ins = [1_000_000n, 1_000_000n, 1_000_000n, 1_000_170n, 1_000_170n].map((value, i) => ({ address: addr('in', i), value }));
  assert.deepEqual(detectCoinJoin(tx(ins, outputs(times(5, 1_000_000n)))), { kind: 'whirlpool', denomination: 1_000_000n, equalOutputs: 5 });
  // Input values unknown (spent outputs not stored): the output side alone is enough.
  assert.equal(detectCoinJoin(tx(inputs(5), outputs(times(5, 1_000_000n))))?.kind, 'whirlpool');
  // Not a pool denomination, or one input far above it, or an output paid twice: not Whirlpool.
  assert.equal(detectCoinJoin(tx(inputs(5), outputs(times(5, 2_000_000n))))?.kind, undefined);
  assert.equal(detectCoinJoin(tx([...ins.slice(0, 4), { address: 'big', value: 9_000_000n }], outputs(times(5, 1_000_000n))))?.kind, undefined);
  assert.equal(detectCoinJoin(tx(inputs(5), [...outputs(times(4, 1_000_000n)), { address: addr('out', 0), value: 1_000_000n }])), undefined);
});

test('Wasabi 1.x: 30 distinct inputs, 12 outputs at ~0.1 BTC, changes and a coordinator fee', () => {
  const mixed = times(12, 10_017_690n);
  const change = [1_234_567n, 2_345_678n, 345_678n, 4_567_890n, 56_789n, 678_901n, 7_890_123n, 89_012n, 901_234n];
  const shape = detectCoinJoin(tx(inputs(30), outputs([...mixed, ...change, 3_001_800n])));
  assert.deepEqual(shape, { kind: 'wasabi-1', denomination: 10_000_000n, equalOutputs: 12 });
  // One wallet's consolidation (all inputs from 2 addresses) is not a ZeroLink round.
  const sweep = Array.from({ length: 30 }, (_, i) => ({ address: addr('in', i % 2) }));
  assert.equal(detectCoinJoin(tx(sweep, outputs([...mixed, ...change, 3_001_800n]))), undefined);
});

test('Wasabi 2.0: 40 inputs, outputs at several standard denominations, one change', () => {
  const denominations = [...times(6, 5_000_000n), ...times(5, 2_097_152n), ...times(4, 1_000_000n), ...times(3, 262_144n)];
  const shape = detectCoinJoin(tx(inputs(40), outputs([...denominations, 123_456n, 7_654_321n])));
  assert.deepEqual(shape, { kind: 'wasabi-2', denomination: 262_144n, equalOutputs: 18 });
  // A dust output disqualifies the WabiSabi rule (no output below 5,000 sat); JoinMarket's rule
  // then needs its equal outputs to be half the outputs, which 6 of 21 are not.
  assert.equal(detectCoinJoin(tx(inputs(40), outputs([...denominations, 123_456n, 1_000n, 7_654_321n]))), undefined);
});

test('JoinMarket: 4 makers and a taker, 5 equal outputs and 4 changes', () => {
  const shape = detectCoinJoin(tx(inputs(6), outputs([...times(5, 5_232_063n), 2_079_862n, 577_139n, 38_334_018n, 363_764n])));
  assert.deepEqual(shape, { kind: 'joinmarket', denomination: 5_232_063n, equalOutputs: 5 });
  // The equal outputs are a lower bound of the participants: 5 equal outputs from 2 input addresses is no JoinMarket round.
  const two = Array.from({ length: 6 }, (_, i) => ({ address: addr('in', i % 2) }));
  assert.equal(detectCoinJoin(tx(two, outputs([...times(5, 5_232_063n), 2_079_862n]))), undefined);
  // With 4 inputs unresolved, each may be another participant: still excluded.
  assert.equal(detectCoinJoin(tx([...two.slice(0, 2), {}, {}, {}, {}], outputs([...times(5, 5_232_063n), 2_079_862n])))?.kind, 'joinmarket');
});

test('ordinary transactions are not CoinJoins', () => {
  // A payment with change.
  assert.equal(detectCoinJoin(tx(inputs(2), outputs([150_000n, 48_200n]))), undefined);
  // Two equal outputs (a Stonewall-like or a split) are too few.
  assert.equal(detectCoinJoin(tx(inputs(3), outputs([500_000n, 500_000n, 12_345n]))), undefined);
  // An exchange batch payout: 200 inputs, 30 outputs of different values.
  assert.equal(detectCoinJoin(tx(inputs(200), outputs(Array.from({ length: 30 }, (_, i) => BigInt(100_000 + i * 7_919))))), undefined);
  // A split into equal parts with no change (all outputs equal): JoinMarket always has change.
  assert.equal(detectCoinJoin(tx(inputs(3), outputs(times(4, 1_000_000n)))), undefined);
  // A coinbase and a single-input transaction.
  assert.equal(detectCoinJoin({ ...tx(inputs(5), outputs(times(5, 1_000_000n))), coinbase: true }), undefined);
  assert.equal(detectCoinJoin(tx(inputs(1), outputs(times(5, 1_000_000n)))), undefined);
});
