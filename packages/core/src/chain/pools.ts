/**
 * @module chain/pools
 * Coinbase attribution (issue 6): which mining pool a coinbase transaction pays for, from the
 * public mining-pool lists (bitcoin-data/mining-pools, mempool/mining-pools,
 * btccom/Blockchain-Known-Pools, read by tags/parsers.ts) and from payout-address tags of
 * category mining_pool / miner (GraphSense miners.yaml, Sekisho tag CSV). Pure.
 *
 * How a coinbase is matched, and why:
 * 1. Payout address first. Every output address of the coinbase (largest value first, then
 *    output order) is looked up among the pools' payout addresses; the first that is known
 *    names the pool. This is the order of 0xB10C's rust-bitcoin-pool-identification (the
 *    maintainer of bitcoin-data/mining-pools: "the coinbase output address is checked first, as
 *    it is harder to fake than the coinbase tag") and of mempool.space's $findBlockMiner,
 *    which tries a pool's addresses before its tags. For fund tracing it is also the right
 *    answer when the two disagree: the address is who received the coins.
 * 2. Coinbase tag otherwise. The coinbase data (the input's scriptSig) is decoded as UTF-8,
 *    invalid bytes replaced (as the Rust crate's `from_utf8_lossy`), so tags outside ASCII
 *    match: F2Pool's "七彩神仙鱼" and "🐟". Matching is a case-sensitive substring test (the
 *    lists' tags are plain strings: "/$Mined by 7pool.com/" is no regular expression), and the
 *    stored `coinbaseTag` text is searched too, for transactions read back from the store,
 *    which keeps no scriptSig. Of the tags that occur, the longest (in UTF-8 bytes) wins, so
 *    "/EMCD/" beats EclipseMC's "EMC"; ties go to the tag that sorts first.
 * When lists disagree (the same tag or address named for two pools, e.g. "/BTC.com/" for
 * BTC.com and CloverPool), the pool more lists name wins, then the actor id that sorts first:
 * the answer never depends on the order the lists were loaded in.
 *
 * Pool identity is the actor id: the pool name's slug (poolSlug, as the lists' parser makes it)
 * or the tag's own actor. Jurisdictions are joined from every actor record with that id (a
 * GraphSense actor pack gives f2pool CN) and from tags of that actor that state jurisdictions
 * (an analyst's CSV row "…,emcdpool,mining_pool,RU"). A pool is sanctioned when its actor or a
 * tag of it carries the category `sanction`/`sanctioned`, or when the optional Attributor
 * (list wallets, synchronous) calls one of the coinbase's output addresses sanctioned.
 */
import type { Chain } from '../addresses/types.ts';
import type { DirectAttributor, PoolAttribution } from './attribution.ts';
import { poolSlug } from '../tags/parsers.ts';
import type { Actor, CoinbaseTag, Tag } from '../tags/types.ts';

/** The tag data the index is built from: any TagSet, or the tag store's active tags. */
export interface PoolData {
  tags?: readonly Tag[];
  actors?: readonly Actor[];
  coinbaseTags?: readonly CoinbaseTag[];
}

/** The part of a coinbase transaction attribution reads (UtxoTransaction and TracedUtxoTx fit). */
export interface CoinbaseLike {
  coinbase: boolean;
  coinbaseTag?: string;
  /** The coinbase input's data (scriptSig hex) when at hand; the store keeps only `coinbaseTag`. */
  inputs: readonly { prevTxid?: string; scriptSig?: string }[];
  outputs: readonly { vout?: number; value?: bigint; address?: string }[];
}

interface PoolRef {
  pool: string;
  actor: string;
}

export interface PoolIndex {
  /** Coinbase tags, longest first (UTF-8 bytes), then by tag. */
  readonly tags: readonly (PoolRef & { tag: string; bytes: number })[];
  /** Payout address (bech32 lower-cased) → pool. */
  readonly payout: ReadonlyMap<string, PoolRef>;
  readonly actors: ReadonlyMap<string, { jurisdictions: readonly string[]; sanctioned: boolean }>;
}

export interface PoolIndexOptions {
  /** Currency of the payout-address tags to use (the lists publish BTC). Default 'BTC'. */
  currency?: string;
}

/** Tag categories that make an address a pool's (or miner's) payout address. */
const MINING_CATEGORIES = new Set(['mining_pool', 'miner', 'mining_service']);
const SANCTION_CATEGORIES = new Set(['sanction', 'sanctioned']);
const utf8 = new TextEncoder();

/** Bech32 is case-insensitive and written lower-case; Base58 is case-sensitive. */
function addressKey(address: string): string {
  return /^(bc|tb|ltc|bcrt)1/i.test(address) ? address.toLowerCase() : address;
}

/** Picks, among the pools several sources name for one key, the one most name (then by actor id). */
function vote(candidates: PoolRef[]): PoolRef {
  const count = new Map<string, { n: number; names: Map<string, number> }>();
  for (const c of candidates) {
    const entry = count.get(c.actor) ?? { n: 0, names: new Map<string, number>() };
    entry.n++;
    entry.names.set(c.pool, (entry.names.get(c.pool) ?? 0) + 1);
    count.set(c.actor, entry);
  }
  const [actor, entry] = [...count].sort(([a, x], [b, y]) => y.n - x.n || (a < b ? -1 : a > b ? 1 : 0))[0]!;
  const pool = [...entry.names].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0]![0];
  return { actor, pool };
}

/**
 * Builds the lookup attribution uses from one or more tag sets (load the three mining-pool
 * lists, actor packs and custom CSV tags, and pass them all).
 *
 * @example
 * const index = buildPoolIndex([await parseTagFiles('mining-pools', files), actorPack]);
 * attributeCoinbase(block.transactions[0], index); // { pool: 'F2Pool', by: 'payout-address', ... }
 */
export function buildPoolIndex(data: PoolData | readonly PoolData[], options: PoolIndexOptions = {}): PoolIndex {
  const sets: readonly PoolData[] = Array.isArray(data) ? data : [data as PoolData];
  const currency = (options.currency ?? 'BTC').toUpperCase();
  const byTag = new Map<string, PoolRef[]>();
  const byAddress = new Map<string, PoolRef[]>();
  const jurisdictions = new Map<string, Set<string>>();
  const sanctioned = new Set<string>();
  const addJurisdictions = (actor: string, codes: readonly string[] | undefined) => {
    if (!codes?.length) return;
    const set = jurisdictions.get(actor) ?? new Set<string>();
    for (const code of codes) set.add(code.toUpperCase());
    jurisdictions.set(actor, set);
  };
  for (const set of sets) {
    for (const c of set.coinbaseTags ?? []) {
      if (c.tag === '') continue; // an empty tag would match every coinbase
      const list = byTag.get(c.tag) ?? [];
      list.push({ pool: c.pool, actor: c.actor });
      byTag.set(c.tag, list);
    }
    for (const actor of set.actors ?? []) {
      addJurisdictions(actor.id, actor.jurisdictions);
      if (actor.categories.some((c) => SANCTION_CATEGORIES.has(c.toLowerCase()))) sanctioned.add(actor.id);
    }
    for (const tag of set.tags ?? []) {
      const actor = tag.actor ?? poolSlug(tag.label);
      const category = tag.category?.toLowerCase();
      if (category && SANCTION_CATEGORIES.has(category)) sanctioned.add(actor);
      // Jurisdictions a tag states belong to its actor whatever the tag's category.
      if (tag.actor) addJurisdictions(tag.actor, tag.jurisdictions);
      if (!category || !MINING_CATEGORIES.has(category) || tag.currency.toUpperCase() !== currency) continue;
      const key = addressKey(tag.address.trim());
      const list = byAddress.get(key) ?? [];
      list.push({ pool: tag.label, actor });
      byAddress.set(key, list);
    }
  }
  const tags = [...byTag].map(([tag, refs]) => ({ tag, bytes: utf8.encode(tag).length, ...vote(refs) }));
  tags.sort((a, b) => b.bytes - a.bytes || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const payout = new Map([...byAddress].map(([address, refs]) => [address, vote(refs)] as const));
  const actors = new Map<string, { jurisdictions: string[]; sanctioned: boolean }>();
  for (const id of new Set([...jurisdictions.keys(), ...sanctioned])) {
    actors.set(id, { jurisdictions: [...(jurisdictions.get(id) ?? [])].sort(), sanctioned: sanctioned.has(id) });
  }
  return { tags, payout, actors };
}

/** The coinbase data as text: the scriptSig decoded as UTF-8 with invalid bytes replaced. */
export function coinbaseText(scriptSigHex: string): string {
  if (scriptSigHex.length % 2 !== 0 || /[^0-9a-f]/i.test(scriptSigHex)) return '';
  const bytes = new Uint8Array(scriptSigHex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(scriptSigHex.slice(2 * i, 2 * i + 2), 16);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * The pool a coinbase transaction pays for, or undefined when neither a payout address nor a
 * coinbase tag is known (and for a transaction that is not a coinbase: only a coinbase has a pool).
 * Deterministic: the same transaction and index give the same answer.
 *
 * @example
 * attributeCoinbase({ coinbase: true, coinbaseTag: '/EMCD/', inputs: [], outputs: [] }, index);
 * // { pool: 'EMCDPool', actor: 'emcdpool', by: 'coinbase-tag', evidence: '/EMCD/', ... }
 */
export function attributeCoinbase(tx: CoinbaseLike, index: PoolIndex, options: { chain?: Chain; attributor?: DirectAttributor } = {}): PoolAttribution | undefined {
  if (!tx.coinbase) return undefined;
  const chain = options.chain ?? 'bitcoin';
  const outputs = tx.outputs
    .map((o, i) => ({ address: o.address, value: o.value ?? 0n, vout: o.vout ?? i }))
    .filter((o): o is { address: string; value: bigint; vout: number } => Boolean(o.address))
    .sort((a, b) => (a.value > b.value ? -1 : a.value < b.value ? 1 : a.vout - b.vout));
  let match: (PoolRef & { by: PoolAttribution['by']; evidence: string }) | undefined;
  for (const o of outputs) {
    const ref = index.payout.get(addressKey(o.address));
    if (ref) {
      match = { ...ref, by: 'payout-address', evidence: o.address };
      break;
    }
  }
  if (!match) {
    const text = [tx.inputs[0]?.scriptSig ? coinbaseText(tx.inputs[0].scriptSig) : '', tx.coinbaseTag ?? ''].join('\n');
    const tag = text.trim() === '' ? undefined : index.tags.find((t) => text.includes(t.tag));
    if (tag) match = { pool: tag.pool, actor: tag.actor, by: 'coinbase-tag', evidence: tag.tag };
  }
  if (!match) return undefined;
  const actor = index.actors.get(match.actor);
  const listed = options.attributor ? outputs.some((o) => options.attributor!(chain, o.address).some((a) => a.sanctioned)) : false;
  return {
    pool: match.pool,
    actor: match.actor,
    jurisdictions: [...(actor?.jurisdictions ?? [])],
    sanctioned: Boolean(actor?.sanctioned) || listed,
    by: match.by,
    evidence: match.evidence,
  };
}
