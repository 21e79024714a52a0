/**
 * @module exposure/trace
 * Follows funds from a subject (an address or a transaction) backwards (`in`: where did they come
 * from) or forwards (`out`: where did they go) for up to N hops, and says which share reached
 * which attributed actor, through which path.
 *
 * The walk is level by level. A node is a UTXO output (txid:vout) or, on account chains, an
 * address bounded by the transfer that links it (its funds before that transfer for `in`, after
 * it for `out`). At each hop every node's share is split over its neighbours:
 *   - haircut (proportional, BlockSci `haircut_tainted_outputs`): backwards, an output's value came
 *     from its transaction's inputs in proportion to their values; forwards, an output's value went
 *     to its spender's outputs in proportion to theirs (the fee carries no taint); on account chains,
 *     in proportion to the summed transfers with each counterparty in the window;
 *   - poison (BlockSci `poison_tainted_outputs`): any touch counts whole; the share of a touched
 *     actor is 1, and each node is expanded once.
 * A neighbour that is attributed (listed, tagged, or in a tagged cluster) stops the walk on that
 * path, as KYT does at an identified service: it answers for its own funds. A coinbase reached
 * backwards is a mining origin (new coins), attributed to its pool. What reaches nothing
 * attributed within the hops is `unattributed`; what the limits cut (minShare, maxNodes,
 * fanLimit, a spent output not in the store) is `untraced`, never reported as clean.
 * The result is deterministic: nodes are expanded in key order and ties break on text.
 */
import type { Chain } from '../addresses/types.ts';
import { CoreErrors } from '../errors.ts';
import {
  DEFAULT_HOPS,
  MAX_HOPS,
  type AccountSource,
  type Attribution,
  type Attributor,
  type CategoryTotal,
  type Exposure,
  type ExposureFinding,
  type ExposureSubject,
  type MiningOrigin,
  type PathStep,
  type PoolAttribution,
  type TraceMethod,
  type TraceOptions,
  type TracedUtxoTx,
  type TransferPosition,
  type UtxoSource,
} from './types.ts';

const UTXO_CHAINS: ReadonlySet<Chain> = new Set<Chain>(['bitcoin', 'litecoin', 'bitcoin-cash', 'bitcoin-sv', 'bitcoin-gold', 'dogecoin', 'dash', 'zcash', 'verge']);
const ACCOUNT_CHAINS: ReadonlySet<Chain> = new Set<Chain>(['ethereum', 'ethereum-classic', 'bsc', 'arbitrum', 'polygon', 'tron']);

/** How a chain moves value: outputs spent by inputs, or transfers between accounts. */
export function chainModel(chain: Chain): 'utxo' | 'account' | undefined {
  return UTXO_CHAINS.has(chain) ? 'utxo' : ACCOUNT_CHAINS.has(chain) ? 'account' : undefined;
}

export interface TraceDeps {
  utxo?: UtxoSource;
  account?: AccountSource;
  attribute: Attributor;
  /** The pool a coinbase transaction pays for. */
  pool?: (chain: Chain, tx: TracedUtxoTx) => PoolAttribution | undefined;
  /** Jurisdictions whose pools are flagged as a mining origin (default RU). */
  flaggedJurisdictions?: readonly string[];
}

type UtxoNode = { type: 'utxo'; txid: string; vout: number; address?: string };
type AccountNode = { type: 'account'; address: string; bound: TransferPosition };
type TraceNode = UtxoNode | AccountNode;

interface Candidate {
  node: TraceNode;
  share: number;
  path: PathStep[];
}

const SCALE = 1_000_000_000n;
const MINING_CATEGORIES = new Set(['miner', 'mining', 'mining_pool', 'mining-pool']);

function nodeKey(node: TraceNode): string {
  return node.type === 'utxo' ? `${node.txid}:${node.vout}` : `${node.address}@${node.bound.time}:${node.bound.blockHeight}:${node.bound.txHash}:${node.bound.logIndex}`;
}

function nodeAddress(node: TraceNode): string | undefined {
  return node.address;
}

function pathText(path: PathStep[]): string {
  return path.map((s) => `${s.tx}:${s.vout ?? ''}:${s.address ?? ''}`).join('>');
}

/** The share of an amount, exact to nine decimals of the share. */
function portion(amount: bigint, share: number): string {
  if (share >= 1) return amount.toString();
  if (share <= 0) return '0';
  return ((amount * BigInt(Math.round(share * Number(SCALE)))) / SCALE).toString();
}

/** Whether `a` is a better example path than `b`: more share, then the smaller text. */
function betterPath(shareA: number, a: PathStep[], shareB: number, b: PathStep[]): boolean {
  if (shareA !== shareB) return shareA > shareB;
  return pathText(a) < pathText(b);
}

/** Runs one exposure trace. Throws SEK_TRACE_QUERY when the question cannot be asked. */
export async function traceExposure(subject: ExposureSubject, options: TraceOptions, deps: TraceDeps): Promise<Exposure> {
  const hops = options.hops ?? DEFAULT_HOPS;
  if (!Number.isInteger(hops) || hops < 1 || hops > MAX_HOPS) throw CoreErrors.TRACE_QUERY(`hops must be an integer from 1 to ${MAX_HOPS}, got ${hops}`);
  const method: TraceMethod = options.method ?? 'haircut';
  if (method !== 'haircut' && method !== 'poison') throw CoreErrors.TRACE_QUERY(`unknown method "${String(method)}" (haircut or poison)`);
  if (options.direction !== 'in' && options.direction !== 'out') throw CoreErrors.TRACE_QUERY(`unknown direction "${String(options.direction)}" (in or out)`);
  const model = chainModel(subject.chain);
  if (!model) throw CoreErrors.TRACE_QUERY(`chain "${subject.chain}" is not traced (UTXO chains: ${[...UTXO_CHAINS].join(', ')}; account chains: ${[...ACCOUNT_CHAINS].join(', ')})`);
  if (model === 'utxo' && !deps.utxo) throw CoreErrors.TRACE_QUERY(`no UTXO data source for ${subject.chain}`);
  if (model === 'account' && !deps.account) throw CoreErrors.TRACE_QUERY(`no account data source for ${subject.chain}`);
  const minShare = method === 'poison' ? 0 : (options.minShare ?? 1e-4);
  const maxNodes = options.maxNodes ?? 5_000;
  const fanLimit = options.fanLimit ?? 200;
  const flagged = new Set(deps.flaggedJurisdictions ?? ['RU']);
  const chain = subject.chain;
  const direction = options.direction;

  const findings = new Map<string, ExposureFinding>();
  const categories = new Map<string, { share: number; top: string; topShare: number; path: PathStep[] }>();
  const mining = new Map<string, MiningOrigin>();
  let unattributed = 0;
  let untraced = 0;
  let nodesExpanded = 0;
  const txCache = new Map<string, TracedUtxoTx | undefined>();
  /** Poison expands each node once; haircut may meet a node again at another hop with another share. */
  const expandedOnce = new Set<string>();
  /** The share the example path of each finding carried. */
  const pathShare = new Map<string, number>();
  let asset = subject.kind === 'address' ? (subject.asset ?? 'native') : 'native';
  /** A child's share: poison passes the whole touch on. */
  const part = (share: number, r: number): number => (method === 'poison' ? share : share * r);
  const startShare = (value: bigint, total: bigint, n: number): number => (method === 'poison' ? 1 : total > 0n ? ratio(value, total) : 1 / n);
  let amount = 0n;

  const loadTx = async (txid: string): Promise<TracedUtxoTx | undefined> => {
    if (txCache.has(txid)) return txCache.get(txid);
    const tx = await deps.utxo!.transaction(chain, txid);
    txCache.set(txid, tx);
    return tx;
  };

  // ---------------------------------------------------------------- the subject
  // OWNERSHIP: the address asked about is itself attributed (TRM's OWNERSHIP): that is the answer.
  // A transaction's address is the customer's own deposit or the destination, screened elsewhere.
  if (subject.kind === 'address') {
    const own = await deps.attribute(chain, subject.address);
    if (own.length > 0) {
      const found = await startOf();
      amount = found?.amount ?? 0n;
      untraced = 0;
      record(own, 0, 1, []);
      return finish();
    }
  }
  const start = await startOf();
  if (!start) {
    return { subject, direction, method, hops, amount: '0', asset, findings: [], byCategory: [], mining: [], unattributed: 0, untraced: 0, found: false, nodesExpanded: 0 };
  }
  amount = start.amount;

  function record(atts: Attribution[], hop: number, share: number, path: PathStep[]): void {
    const kind = hop === 0 ? 'OWNERSHIP' : hop === 1 ? 'DIRECT' : 'INDIRECT';
    const cats = new Set<string>();
    for (const a of atts) {
      for (const c of a.categories) cats.add(c);
      const existing = findings.get(a.actor);
      if (!existing) {
        findings.set(a.actor, { kind, actor: a.actor, label: a.label, categories: [...a.categories], jurisdictions: [...a.jurisdictions], sanctioned: a.sanctioned, sources: [a.source], hops: hop, share, amount: '0', path });
        pathShare.set(a.actor, share);
        continue;
      }
      if (betterPath(share, path, pathShare.get(a.actor) ?? 0, existing.path)) (existing.path = path), pathShare.set(a.actor, share);
      existing.hops = Math.min(existing.hops, hop);
      existing.kind = existing.hops === 0 ? 'OWNERSHIP' : existing.hops === 1 ? 'DIRECT' : 'INDIRECT';
      existing.share += share;
      for (const c of a.categories) if (!existing.categories.includes(c)) existing.categories.push(c);
      for (const j of a.jurisdictions) if (!existing.jurisdictions.includes(j)) existing.jurisdictions.push(j);
      if (!existing.sources.includes(a.source)) existing.sources.push(a.source);
      existing.sanctioned ||= a.sanctioned;
    }
    if (atts.some((a) => a.sanctioned)) cats.add('sanctioned');
    const top = atts.reduce((best, a) => (a.sanctioned && !best.sanctioned ? a : best), atts[0]!).actor;
    for (const c of cats) {
      const total = categories.get(c);
      if (!total) categories.set(c, { share, top, topShare: share, path });
      else {
        total.share += share;
        if (betterPath(share, path, total.topShare, total.path)) (total.top = top), (total.topShare = share), (total.path = path);
      }
    }
  }

  function recordMining(tx: TracedUtxoTx, hop: number, share: number, path: PathStep[]): void {
    const pool = deps.pool?.(chain, tx);
    const key = pool?.actor ?? '';
    const step: PathStep = { tx: tx.txid, time: tx.time };
    const fullPath = [...path, step];
    const existing = mining.get(key);
    if (!existing) {
      const sanctioned = pool?.sanctioned ?? false;
      const jurisdictions = pool?.jurisdictions ?? [];
      mining.set(key, {
        pool: pool?.pool ?? 'unattributed coinbase',
        actor: key,
        jurisdictions,
        sanctioned,
        flagged: sanctioned || jurisdictions.some((j) => flagged.has(j)),
        by: pool?.by ?? 'coinbase-tag',
        evidence: pool?.evidence ?? (tx.coinbaseTag ?? ''),
        hops: hop,
        share,
        amount: '0',
        path: fullPath,
      });
      return;
    }
    if (betterPath(share, fullPath, pathShare.get(`mining:${key}`) ?? existing.share, existing.path)) (existing.path = fullPath), pathShare.set(`mining:${key}`, share);
    existing.hops = Math.min(existing.hops, hop);
    existing.share += share;
  }

  // ---------------------------------------------------------------- the walk
  let frontier: Candidate[] = start.first;
  for (let hop = 1; hop <= hops && frontier.length > 0; hop++) {
    const next = new Map<string, Candidate>();
    for (const c of frontier) {
      const address = nodeAddress(c.node);
      const atts = address ? await deps.attribute(chain, address) : [];
      if (atts.length > 0) {
        record(atts, hop, c.share, c.path);
        // A pool's payout address paid from its coinbase: the funds are also newly mined.
        if (c.node.type === 'utxo' && direction === 'in' && atts.some((a) => a.categories.some((x) => MINING_CATEGORIES.has(x)))) {
          const tx = await loadTx(c.node.txid);
          if (tx?.coinbase) recordMining(tx, hop, c.share, c.path);
        }
        continue;
      }
      if (c.node.type === 'utxo' && direction === 'in') {
        // A coinbase output at this hop is a mining origin, even at the last hop.
        const tx = await loadTx(c.node.txid);
        if (tx?.coinbase) {
          recordMining(tx, hop, c.share, c.path);
          continue;
        }
      }
      if (hop === hops) {
        unattributed += c.share;
        continue;
      }
      if (c.share < minShare) {
        untraced += c.share;
        continue;
      }
      if (method === 'poison') {
        if (expandedOnce.has(nodeKey(c.node))) continue;
        expandedOnce.add(nodeKey(c.node));
      }
      if (nodesExpanded >= maxNodes) {
        untraced += c.share;
        continue;
      }
      nodesExpanded++;
      const children = await expand(c, hop);
      for (const child of children) {
        const key = nodeKey(child.node);
        const seen = next.get(key);
        if (!seen) next.set(key, child);
        else {
          if (method === 'haircut') {
            if (betterPath(child.share, child.path, seen.share, seen.path)) seen.path = child.path;
            seen.share += child.share;
          } else if (pathText(child.path) < pathText(seen.path)) seen.path = child.path;
        }
      }
    }
    frontier = [...next.keys()].sort().map((k) => next.get(k)!);
  }
  return finish();

  // ---------------------------------------------------------------- helpers (hoisted)

  function finish(): Exposure {
    const list = [...findings.values()].map((f) => ({ ...f, share: clampShare(f.share), amount: portion(amount, clampShare(f.share)) }));
    list.sort((a, b) => Number(b.sanctioned) - Number(a.sanctioned) || b.share - a.share || a.hops - b.hops || (a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0));
    const byCategory: CategoryTotal[] = [...categories.entries()]
      .map(([category, t]) => ({ category, share: clampShare(t.share), amount: portion(amount, clampShare(t.share)), actor: t.top, path: t.path }))
      .sort((a, b) => b.share - a.share || (a.category < b.category ? -1 : 1));
    const origins = [...mining.values()].map((m) => ({ ...m, share: clampShare(m.share), amount: portion(amount, clampShare(m.share)) }));
    origins.sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.share - a.share || (a.actor < b.actor ? -1 : 1));
    return {
      subject,
      direction,
      method,
      hops,
      amount: amount.toString(),
      asset,
      findings: list,
      byCategory,
      mining: origins,
      unattributed: clampShare(unattributed),
      untraced: clampShare(untraced),
      found: true,
      nodesExpanded,
    };
  }

  function clampShare(share: number): number {
    if (method === 'poison') return share > 0 ? 1 : 0;
    return Math.min(1, Math.max(0, Math.round(share * 1e12) / 1e12));
  }

  /** The subject's value, asset and the hop-1 candidates. */
  async function startOf(): Promise<{ amount: bigint; first: Candidate[] } | undefined> {
    if (model === 'utxo') return utxoStart();
    return accountStart();
  }

  async function utxoStart(): Promise<{ amount: bigint; first: Candidate[] } | undefined> {
    let outputs: { txid: string; vout: number; value: bigint; address?: string }[];
    if (subject.kind === 'tx') {
      const tx = await loadTx(subject.txid);
      if (!tx) return undefined;
      outputs = tx.outputs.filter((o) => subject.address === undefined || o.address === subject.address).map((o) => ({ txid: tx.txid, ...o }));
      if (direction === 'out') {
        // The transaction's recipients are the hop-1 counterparties.
        const total = outputs.reduce((s, o) => s + o.value, 0n);
        const first = outputs.map((o) => ({ node: { type: 'utxo', txid: o.txid, vout: o.vout, address: o.address } as TraceNode, share: startShare(o.value, total, outputs.length), path: [{ tx: o.txid, vout: o.vout, address: o.address, time: tx.time }] }));
        return { amount: total, first };
      }
    } else {
      const paid = await deps.utxo!.outputsTo(chain, subject.address, fanLimit * 10);
      if (paid.length === 0) return undefined;
      outputs = paid.map((o) => ({ ...o, address: subject.address }));
    }
    if (outputs.length === 0) return undefined;
    const total = outputs.reduce((s, o) => s + o.value, 0n);
    const first: Candidate[] = [];
    for (const o of outputs) {
      const share = startShare(o.value, total, outputs.length);
      const children = await expand({ node: { type: 'utxo', txid: o.txid, vout: o.vout, address: o.address }, share, path: [] }, 0);
      first.push(...children);
    }
    return { amount: total, first: merge(first) };
  }

  async function accountStart(): Promise<{ amount: bigint; first: Candidate[] } | undefined> {
    const source = deps.account!;
    if (subject.kind === 'tx') {
      const transfers = (await source.transfersOf(chain, subject.txid)).filter((t) => t.ok && (subject.address === undefined || sameAccount(t.to, subject.address)));
      if (transfers.length === 0) return undefined;
      // One asset per trace: the one carrying the most transfers to the subject, then by name.
      const assets = new Map<string, number>();
      for (const t of transfers) assets.set(t.asset, (assets.get(t.asset) ?? 0) + 1);
      asset = [...assets.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
      const mine = transfers.filter((t) => t.asset === asset);
      const total = mine.reduce((s, t) => s + t.value, 0n);
      const first = mine.map((t) => {
        const position: TransferPosition = { time: t.time, blockHeight: t.blockHeight, txHash: t.txHash, logIndex: t.logIndex };
        const address = direction === 'in' ? t.from : t.to;
        return { node: { type: 'account', address, bound: position } as TraceNode, share: startShare(t.value, total, mine.length), path: [{ tx: t.txHash, address, time: t.time }] };
      });
      return { amount: total, first: merge(first) };
    }
    const { total, counterparties } = await source.counterparties(chain, subject.address, asset, direction, undefined, fanLimit);
    if (total === 0n) return undefined;
    const first = counterparties.map((cp) => ({ node: { type: 'account', address: cp.address, bound: cp.example } as TraceNode, share: startShare(cp.value, total, counterparties.length), path: [{ tx: cp.example.txHash, address: cp.address, time: cp.example.time }] }));
    const read = counterparties.reduce((s, cp) => s + cp.value, 0n);
    if (read < total) untraced += ratio(total - read, total);
    return { amount: total, first: merge(first) };
  }

  /** The neighbours of a node one hop further, with their shares of the subject. */
  async function expand(c: Candidate, hop: number): Promise<Candidate[]> {
    const node = c.node;
    if (node.type === 'utxo') {
      if (direction === 'in') {
        const tx = await loadTx(node.txid);
        if (!tx) {
          untraced += c.share;
          return [];
        }
        if (tx.coinbase) {
          recordMining(tx, hop, c.share, c.path);
          return [];
        }
        const known = tx.inputs.filter((i) => i.value !== undefined && i.prevTxid !== undefined);
        const knownValue = known.reduce((s, i) => s + i.value!, 0n);
        // A spent output not in the store: its value is what the outputs need beyond the known inputs (fee taken as zero).
        const outValue = tx.outputs.reduce((s, o) => s + o.value, 0n);
        const missing = known.length < tx.inputs.length ? (outValue > knownValue ? outValue - knownValue : 0n) : 0n;
        const whole = knownValue + missing;
        if (whole === 0n) {
          untraced += c.share;
          return [];
        }
        if (missing > 0n) untraced += part(c.share, ratio(missing, whole));
        return known.map((i) => ({
          node: { type: 'utxo', txid: i.prevTxid!, vout: i.prevVout!, address: i.address } as TraceNode,
          share: part(c.share, ratio(i.value!, whole)),
          path: [...c.path, { tx: i.prevTxid!, vout: i.prevVout!, address: i.address, time: tx.time }],
        }));
      }
      const spender = await deps.utxo!.spender(chain, node.txid, node.vout);
      if (!spender) {
        unattributed += c.share;
        return [];
      }
      const tx = await loadTx(spender);
      if (!tx) {
        untraced += c.share;
        return [];
      }
      const outValue = tx.outputs.reduce((s, o) => s + o.value, 0n);
      if (outValue === 0n) {
        unattributed += c.share;
        return [];
      }
      return tx.outputs
        .filter((o) => o.value > 0n)
        .map((o) => ({ node: { type: 'utxo', txid: tx.txid, vout: o.vout, address: o.address } as TraceNode, share: part(c.share, ratio(o.value, outValue)), path: [...c.path, { tx: tx.txid, vout: o.vout, address: o.address, time: tx.time }] }));
    }
    const { total, counterparties } = await deps.account!.counterparties(chain, node.address, asset, direction, node.bound, fanLimit);
    if (total === 0n) {
      unattributed += c.share;
      return [];
    }
    const read = counterparties.reduce((s, cp) => s + cp.value, 0n);
    if (read < total) untraced += part(c.share, ratio(total - read, total));
    return counterparties.map((cp) => ({
      node: { type: 'account', address: cp.address, bound: cp.example } as TraceNode,
      share: part(c.share, ratio(cp.value, total)),
      path: [...c.path, { tx: cp.example.txHash, address: cp.address, time: cp.example.time }],
    }));
  }

  function merge(list: Candidate[]): Candidate[] {
    const byKey = new Map<string, Candidate>();
    for (const c of list) {
      const key = nodeKey(c.node);
      const seen = byKey.get(key);
      if (!seen) byKey.set(key, { ...c });
      else {
        if (betterPath(c.share, c.path, seen.share, seen.path)) seen.path = c.path;
        seen.share = method === 'poison' ? 1 : seen.share + c.share;
      }
    }
    return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
  }
}

function ratio(part: bigint, whole: bigint): number {
  if (whole === 0n) return 0;
  // Exact enough for shares: scale to 1e12 before the division leaves bigint.
  return Number((part * 1_000_000_000_000n) / whole) / 1e12;
}

/** EVM addresses compare case-insensitively; TRON base58 exactly. */
function sameAccount(a: string, b: string): boolean {
  return a.startsWith('0x') || a.startsWith('0X') ? a.toLowerCase() === b.toLowerCase() : a === b;
}
