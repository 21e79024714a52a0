/**
 * @module chain/cluster/coinjoin
 * Recognises CoinJoin-shaped transactions, whose inputs belong to many people and must never be
 * linked by the multi-input heuristic (research/chain-analytics.md §2.1). The rules follow the
 * published structural descriptions GraphSense implements (graphsense-lib,
 * db/asynchronous/services/heuristics_service.py, after Stockinger et al., "Pinpointing and
 * Measuring Wasabi and Samourai CoinJoins in the Bitcoin Ecosystem", 2021) and the protocols'
 * own documents (Samourai Whirlpool pools; Wasabi's ZeroLink 0.1 BTC denomination and WabiSabi's
 * standard denominations; JoinMarket's equal-amount outputs with one change per taker/maker).
 *
 * Notation: O = outputs that pay an address (OP_RETURN and non-standard outputs left out),
 * I = inputs, A = distinct known input addresses, U = inputs whose spent output is unknown.
 * Where a rule bounds participants from above by input addresses it uses |A| + |U| (each unknown
 * input may be another person), and where it bounds them from below it uses |A|: with partial
 * data a CoinJoin is more likely taken for one than missed. A false CoinJoin costs only a merge
 * not made; a missed one merges strangers.
 *
 * 1. Whirlpool mix: 5 ≤ |I| ≤ 8 (5 × 5, surge cycles to 8), |O| = |I| and no other output, every
 *    output exactly one pool denomination d ∈ {100,000; 1,000,000; 5,000,000; 50,000,000} sat,
 *    output addresses distinct, known input addresses distinct, and every known input value in
 *    [d, d + 110,000] (a remix brings d, a new entrant d plus its mining fee share).
 * 2. Wasabi 2.0 (WabiSabi): |I| ≥ 20, no known input address holds more than 10 % of the inputs,
 *    every output ≥ 5,000 sat, output addresses distinct, the values occurring at least twice
 *    (the denominations) are at least 3 distinct values, outputs at a denomination are at least
 *    (|O| − 1) / 2, and at least one output is not at a denomination (fee or change).
 * 3. Wasabi 1.x (ZeroLink): |I| ≥ 10, no known input address holds more than 10 % of the inputs;
 *    for mixing level i ≥ 0 the outputs within 2^i × (0.1 BTC ± 0.005 BTC) are counted, levels
 *    with at least two outputs are kept; n = the largest level count ≥ 3; the outputs at the kept
 *    levels are at least (|O| − 1) / 2 (one coordinator fee output); n ≤ |A| + |U| and
 *    |A| ≤ 7 n (at most 7 inputs a participant); output addresses distinct.
 * 4. JoinMarket: d = the most frequent output value above 2,730 sat (ties: the larger value),
 *    n = its count; n ≥ 3, n ≥ |O| / 2, n ≤ |A| + |U|, output addresses distinct, at least one
 *    output ≠ d (the change outputs), and for |I| ≥ 50 also |I| / n ≤ 20 and |O| / n ≥ 1.7
 *    (real makers bring few inputs and take one change each; exchange batch payouts do not).
 * The first rule that holds, in this order, names the kind.
 */
import type { ClusterTx, CoinJoinShape } from './types.ts';

const WHIRLPOOL_DENOMINATIONS = [100_000n, 1_000_000n, 5_000_000n, 50_000_000n];
const WHIRLPOOL_MAX_ENTRY_FEE = 110_000n;
const WASABI1_DENOMINATION = 10_000_000n;
const WASABI1_TOLERANCE = 500_000n;
const WASABI2_MIN_OUTPUT = 5_000n;
const JOINMARKET_DUST = 2_730n;
const MAX_TOP_INPUT_SHARE = 0.1;

interface Shape {
  inputs: number;
  /** Known input addresses, with how many inputs each spends. */
  inputAddresses: Map<string, number>;
  unknownInputs: number;
  outputs: { address: string; value: bigint }[];
  /** Outputs without an address (OP_RETURN, non-standard). */
  otherOutputs: number;
  distinctOutputAddresses: boolean;
  inputValues: bigint[];
}

function shapeOf(tx: ClusterTx): Shape {
  const inputAddresses = new Map<string, number>();
  let unknownInputs = 0;
  const inputValues: bigint[] = [];
  for (const input of tx.inputs) {
    if (input.address === undefined) unknownInputs++;
    else inputAddresses.set(input.address, (inputAddresses.get(input.address) ?? 0) + 1);
    if (input.value !== undefined) inputValues.push(input.value);
  }
  const outputs = tx.outputs.filter((o): o is { address: string; value: bigint } => o.address !== undefined);
  return {
    inputs: tx.inputs.length,
    inputAddresses,
    unknownInputs,
    outputs,
    otherOutputs: tx.outputs.length - outputs.length,
    distinctOutputAddresses: new Set(outputs.map((o) => o.address)).size === outputs.length,
    inputValues,
  };
}

function topInputShare(s: Shape): number {
  let top = 0;
  for (const n of s.inputAddresses.values()) top = Math.max(top, n);
  return s.inputs === 0 ? 0 : top / s.inputs;
}

function valueCounts(outputs: readonly { value: bigint }[]): Map<bigint, number> {
  const counts = new Map<bigint, number>();
  for (const o of outputs) counts.set(o.value, (counts.get(o.value) ?? 0) + 1);
  return counts;
}

function whirlpool(s: Shape): CoinJoinShape | undefined {
  const n = s.inputs;
  if (n < 5 || n > 8 || s.outputs.length !== n || s.otherOutputs !== 0 || !s.distinctOutputAddresses) return undefined;
  if ([...s.inputAddresses.values()].some((c) => c > 1)) return undefined;
  const d = s.outputs[0]!.value;
  if (!WHIRLPOOL_DENOMINATIONS.includes(d) || s.outputs.some((o) => o.value !== d)) return undefined;
  if (s.inputValues.some((v) => v < d || v > d + WHIRLPOOL_MAX_ENTRY_FEE)) return undefined;
  return { kind: 'whirlpool', denomination: d, equalOutputs: n };
}

function wasabi2(s: Shape): CoinJoinShape | undefined {
  const o = s.outputs;
  if (s.inputs < 20 || o.length === 0 || topInputShare(s) > MAX_TOP_INPUT_SHARE || !s.distinctOutputAddresses) return undefined;
  if (o.some((x) => x.value < WASABI2_MIN_OUTPUT)) return undefined;
  const denominations = [...valueCounts(o)].filter(([, c]) => c >= 2).map(([v]) => v);
  if (denominations.length < 3) return undefined;
  const set = new Set(denominations);
  const atDenomination = o.filter((x) => set.has(x.value)).length;
  if (atDenomination < (o.length - 1) / 2 || atDenomination === o.length) return undefined;
  return { kind: 'wasabi-2', denomination: denominations.reduce((a, b) => (a < b ? a : b)), equalOutputs: atDenomination };
}

function wasabi1(s: Shape): CoinJoinShape | undefined {
  const o = s.outputs;
  if (s.inputs < 10 || o.length === 0 || topInputShare(s) > MAX_TOP_INPUT_SHARE || !s.distinctOutputAddresses) return undefined;
  const max = o.reduce((m, x) => (x.value > m ? x.value : m), 0n);
  let n = 0;
  let postmix = 0;
  for (let level = 1n; level * (WASABI1_DENOMINATION - WASABI1_TOLERANCE) <= max; level *= 2n) {
    const d = level * WASABI1_DENOMINATION;
    const tolerance = level * WASABI1_TOLERANCE;
    const count = o.filter((x) => x.value >= d - tolerance && x.value <= d + tolerance).length;
    if (count >= 2) {
      n = Math.max(n, count);
      postmix += count;
    }
  }
  if (n < 3 || postmix < (o.length - 1) / 2) return undefined;
  const known = s.inputAddresses.size;
  if (n > known + s.unknownInputs || known > 7 * n) return undefined;
  return { kind: 'wasabi-1', denomination: WASABI1_DENOMINATION, equalOutputs: postmix };
}

function joinmarket(s: Shape): CoinJoinShape | undefined {
  const o = s.outputs;
  if (o.length === 0 || s.inputs === 0 || !s.distinctOutputAddresses) return undefined;
  let d = -1n;
  let n = 0;
  for (const [value, count] of valueCounts(o.filter((x) => x.value > JOINMARKET_DUST))) {
    if (count > n || (count === n && value > d)) (d = value), (n = count);
  }
  if (n < 3 || n < o.length / 2 || n > s.inputAddresses.size + s.unknownInputs) return undefined;
  if (!o.some((x) => x.value !== d)) return undefined;
  if (s.inputs >= 50 && (s.inputs / n > 20 || o.length / n < 1.7)) return undefined;
  return { kind: 'joinmarket', denomination: d, equalOutputs: n };
}

/**
 * The CoinJoin shape of a transaction, or undefined when it has none (see the module comment
 * for the exact rules). A coinbase is never a CoinJoin.
 *
 * @example
 * detectCoinJoin(tx); // { kind: 'whirlpool', denomination: 1000000n, equalOutputs: 5 }
 */
export function detectCoinJoin(tx: ClusterTx): CoinJoinShape | undefined {
  if (tx.coinbase || tx.inputs.length < 2) return undefined;
  const s = shapeOf(tx);
  return whirlpool(s) ?? wasabi2(s) ?? wasabi1(s) ?? joinmarket(s);
}
