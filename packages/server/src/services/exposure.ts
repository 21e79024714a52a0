/**
 * @module services/exposure
 * On-chain exposure over the store (issue 6): builds the attribution the tracer stops at — list
 * wallets (sanctioned), attribution tags with their actors, and the clusters those addresses
 * belong to — and the pool index for coinbase origins, then runs core's tracer on the store's
 * chain data. Used by `sekisho trace`, `GET /v1/chain/exposure` and the event pipeline.
 *
 * An address is looked up by its canonical form (EVM hex and bech32 lower-cased, Base58 as
 * written), which is how the chain parsers store it. A listed key counts on every chain its form
 * is valid on: OFAC files one EVM key under ETH, ARB and BSC, and the holder of a Bitcoin key
 * holds the same key on its forks.
 */
import {
  attributeCoinbase,
  buildPoolIndex,
  CHAINS,
  DEFAULT_HOPS,
  isChain,
  traceExposure,
  validate,
  type Attribution,
  type Attributor,
  type Chain,
  type DirectAttributor,
  type Exposure,
  type ExposureSubject,
  type PoolIndex,
  type TagHit,
  type TagIndex,
  type TraceOptions,
  type WalletIndex,
} from '@sekisho/core';
import { CoreErrors } from '@sekisho/core/errors';
import type { Logger } from 'pino';
import { createTraceSources } from '../chain/trace-source.ts';
import type { Store } from '../storage/db.ts';
import type { TagStore } from '../storage/tag-store.ts';
import type { ScreeningService } from './screening.ts';

/** What clustering tells the tracer: the cluster an address is in, and its attributed members. */
export interface ClusterAttribution {
  /** Attributions a cluster carries through its members (empty when it has none or no cluster). */
  (chain: Chain, address: string, direct: (chain: Chain, address: string) => Attribution[]): Promise<Attribution[]>;
}

export interface ExposureServiceDeps {
  store: Store;
  screening: Pick<ScreeningService, 'attribution'>;
  tags: TagStore;
  clusters?: ClusterAttribution;
  logger: Logger;
}

/** The key the store and the indexes share for an address. */
export function addressKey(address: string): string {
  const a = address.trim();
  if (/^0x[0-9a-fA-F]{40}$/.test(a)) return a.toLowerCase();
  if (/^(bc|tb|bcrt|ltc|tltc)1[0-9a-zA-Z]+$/.test(a)) return a.toLowerCase();
  return a;
}

/** Whether a tag says its address is sanctioned: by category, or by citing OFAC as its source. */
function tagSanctioned(hit: TagHit): boolean {
  if (hit.categories.some((c) => c === 'sanction' || c === 'sanctioned')) return true;
  return hit.source !== undefined && /(^|\/\/|\.)treasury\.gov\/(ofac|policy-issues\/financial-sanctions)|sanctionssearch\.ofac\.treas\.gov/i.test(hit.source);
}

function labelSlug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** List wallets and tags of one address, straight from the indexes. */
export function directAttributions(wallets: WalletIndex, tags: TagIndex | undefined, address: string): Attribution[] {
  const key = addressKey(address);
  const out: Attribution[] = [];
  for (const hit of wallets.lookupCanonical(key)) {
    out.push({ actor: hit.entityId, label: hit.caption, categories: ['sanctioned'], jurisdictions: [], sanctioned: true, source: `list:${hit.source} v${hit.version}`, via: 'address' });
  }
  for (const hit of tags?.byKey.get(key) ?? []) {
    const sanctioned = tagSanctioned(hit);
    out.push({
      actor: hit.actor ?? `label:${labelSlug(hit.label)}`,
      label: hit.actorLabel ?? hit.label,
      categories: sanctioned && !hit.categories.includes('sanctioned') ? [...hit.categories, 'sanctioned'] : hit.categories,
      jurisdictions: hit.jurisdictions,
      sanctioned,
      source: `tag:${hit.tagSource} v${hit.tagVersion}`,
      via: 'address',
    });
  }
  return out;
}

/**
 * Token contracts by ticker for the assets exchanges most take in (issuers' published contracts:
 * Tether's and Circle's lists of supported chains). Anything else is given by its contract.
 */
const TOKENS: Partial<Record<Chain, Record<string, string>>> = {
  ethereum: { USDT: '0xdac17f958d2ee523a2206206994597c13d831ec7', USDC: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48' },
  tron: { USDT: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', USDC: 'TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8' },
};
const NATIVE = new Set(['native', 'BTC', 'XBT', 'ETH', 'TRX', 'BNB', 'POL', 'MATIC', 'ETC', 'LTC', 'BCH', 'DOGE', 'DASH', 'ZEC']);

/** The asset key the store keeps transfers under: `native`, or the token contract. */
export function assetKey(chain: Chain, asset: string | undefined): string {
  if (asset === undefined || NATIVE.has(asset.trim().toUpperCase()) || asset.trim() === 'native') return 'native';
  const a = asset.trim();
  const known = TOKENS[chain]?.[a.toUpperCase()];
  if (known) return known;
  if (/^0x[0-9a-fA-F]{40}$/.test(a)) return a.toLowerCase();
  if (/^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(a)) return a;
  throw CoreErrors.TRACE_QUERY(`unknown asset "${a}" on ${chain}: give "native", USDT, USDC or the token's contract address`);
}

/** Chains preferred when an address is valid on several (an EVM key is valid on every EVM chain). */
const PREFERRED: Chain[] = ['bitcoin', 'ethereum', 'tron', 'litecoin', 'bitcoin-cash', 'dogecoin', 'dash', 'zcash', 'bsc', 'polygon', 'arbitrum', 'ethereum-classic'];

/**
 * The subject of a question as the CLI and the API ask it: an address or a transaction (or a
 * transaction and the address it paid), the chain given or inferred from the form (an address
 * valid on one chain, or the first of PREFERRED; a 0x transaction hash is Ethereum, 64 hex
 * digits Bitcoin — TRON transaction hashes look the same, so name `tron` for them).
 */
export function resolveSubject(q: { address?: string; tx?: string; chain?: string; asset?: string }): ExposureSubject {
  const address = q.address?.trim() || undefined;
  const tx = q.tx?.trim() || undefined;
  if (!address && !tx) throw CoreErrors.TRACE_QUERY('give an address or a transaction');
  if (q.chain !== undefined && !isChain(q.chain)) throw CoreErrors.TRACE_QUERY(`unknown chain "${q.chain}" (one of ${CHAINS.join(', ')})`);
  let chain = q.chain as Chain | undefined;
  if (address) {
    const validation = validate(address, chain);
    if (!validation.valid) throw CoreErrors.TRACE_QUERY(`"${address}" is not an address${chain ? ` of ${chain}` : ' of any chain Sekisho reads'}: ${validation.rejections[0]?.reason ?? 'unrecognised form'}`);
    chain ??= PREFERRED.find((c) => validation.matches.some((m) => m.chain === c)) ?? validation.matches[0]!.chain;
  }
  if (tx) {
    if (!/^(0x)?[0-9a-fA-F]{64}$/.test(tx)) throw CoreErrors.TRACE_QUERY(`"${tx}" is not a transaction hash (64 hex digits, 0x-prefixed on EVM chains)`);
    chain ??= tx.startsWith('0x') ? 'ethereum' : 'bitcoin';
    return { kind: 'tx', chain: chain!, txid: tx.toLowerCase(), ...(address ? { address: addressKey(address) } : {}) };
  }
  return { kind: 'address', chain: chain!, address: addressKey(address!), asset: assetKey(chain!, q.asset) };
}

export function createExposureService(deps: ExposureServiceDeps) {
  const sources = createTraceSources(deps.store);
  /**
   * Per index generation: the pool index and one attribution function. Keeping the function the
   * same across traces lets cluster attribution remember which members of a cluster are tagged
   * until the indexes are rebuilt (or the cluster grows).
   */
  let checkedAt = 0;
  /** Per chain: whether the store holds any of its data, and when that was looked at (re-checked every 5 s). */
  const held = new Map<Chain, { holds: boolean; at: number }>();

  async function holdsChain(chain: Chain): Promise<boolean> {
    const now = Date.now();
    const seen = held.get(chain);
    if (seen && (seen.holds || now - seen.at < 5000)) return seen.holds;
    const [tx, transfer] = await Promise.all([
      deps.store.db.selectFrom('utxo_tx').select('chain').where('chain', '=', chain).limit(1).executeTakeFirst(),
      deps.store.db.selectFrom('account_transfer').select('chain').where('chain', '=', chain).limit(1).executeTakeFirst(),
    ]);
    const holds = tx !== undefined || transfer !== undefined;
    held.set(chain, { holds, at: now });
    return holds;
  }
  let current: { generation: number; pools: PoolIndex; direct: DirectAttributor; tagGeneration: string } | undefined;

  async function context(): Promise<{ pools: PoolIndex; direct: DirectAttributor }> {
    const { wallets, tags, generation } = await deps.screening.attribution();
    // Tag sets loaded since (the pool lists feed coinbase attribution): looked at once a second at most.
    const now = Date.now();
    if (current?.generation === generation && now - checkedAt < 1000) return current;
    checkedAt = now;
    const tagGeneration = (await deps.tags.status()).map((v) => `${v.source}:${v.version}`).join(',');
    if (current?.generation === generation && current.tagGeneration === tagGeneration) return current;
    const [{ tags: tagRows, actors }, coinbaseTags] = await Promise.all([deps.tags.active(), deps.tags.coinbaseTags()]);
    const direct: DirectAttributor = (_chain, address) => directAttributions(wallets, tags, address);
    current = { generation, tagGeneration, pools: buildPoolIndex({ tags: tagRows, actors, coinbaseTags }), direct };
    return current;
  }

  return {
    /** Traces a subject. Throws SEK_TRACE_QUERY for a question that cannot be asked. */
    async trace(subject: ExposureSubject, options: TraceOptions): Promise<Exposure> {
      // A chain the store holds nothing of: the answer is known without a trace (the event path
      // of an exchange that ingests no chain data pays one cached check, not a trace).
      if (!(await holdsChain(subject.chain))) {
        const direction = options.direction;
        return { subject, direction, method: options.method ?? 'haircut', hops: options.hops ?? DEFAULT_HOPS, amount: '0', asset: subject.kind === 'address' ? (subject.asset ?? 'native') : 'native', findings: [], byCategory: [], mining: [], unattributed: 0, untraced: 0, found: false, nodesExpanded: 0 };
      }
      const { pools: index, direct } = await context();
      const attribute: Attributor = deps.clusters
        ? async (chain, address) => {
            const own = direct(chain, address);
            return own.length > 0 ? own : deps.clusters!(chain, address, direct);
          }
        : direct;
      const normalised: ExposureSubject =
        subject.kind === 'address'
          ? { ...subject, address: addressKey(subject.address) }
          : { ...subject, txid: /^(0x)?[0-9a-fA-F]+$/.test(subject.txid) ? subject.txid.toLowerCase() : subject.txid, ...(subject.address !== undefined ? { address: addressKey(subject.address) } : {}) };
      return traceExposure(normalised, options, {
        utxo: sources.utxo,
        account: sources.account,
        attribute,
        pool: (chain, tx) => attributeCoinbase(tx, index, { chain, attributor: direct }),
      });
    },
  };
}

export type ExposureService = ReturnType<typeof createExposureService>;
