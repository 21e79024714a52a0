/**
 * @module addresses/wallet-index
 * The wallet index: every wallet on the active list versions, keyed by its canonical form on
 * each chain its ticker and form allow, so a lower-cased EVM address or an upper-cased bech32
 * address finds the entry OFAC published in another case (yente compares strings and misses
 * them). Wallets that were on an earlier version of a source and are not on the active one are
 * kept apart as formerly listed, with the version that dropped them: a lookback must know what
 * was listed when a transfer happened (Tornado Cash was delisted in March 2025).
 */
import type { Entity } from '../model/entity.ts';
import { chainsForTicker } from './tickers.ts';
import type { Chain } from './types.ts';
import { validate, type Validation } from './validate.ts';

export interface WalletHit {
  entityId: string;
  caption: string;
  schema: string;
  source: string;
  version: number;
  programs: string[];
  listingDate?: string;
  /** The ticker and the address exactly as published. */
  currency: string;
  published: string;
  /** Whether the published address is valid for the chain it was matched on. */
  chain?: Chain;
}

export interface FormerHit {
  entityId: string;
  source: string;
  currency: string;
  published: string;
  /** The last version that listed it, and the version that no longer did. */
  lastListedIn: number;
  droppedIn: number;
}

/** One wallet row of any version of a source (the store's list_wallet). */
export interface WalletHistoryRow {
  source: string;
  version: number;
  entityId: string;
  currency: string;
  address: string;
}

export interface WalletScreening {
  validation: Validation;
  hits: WalletHit[];
  formerly: FormerHit[];
}

/**
 * The comparison keys of a published wallet: its canonical form on every chain its ticker
 * allows and its form fits; when it fits none (malformed in the list's own data), the trimmed
 * string, lower-cased when it is hex, so that an exact lookup still finds it.
 */
export function walletKeys(currency: string, address: string): { keys: string[]; chains: Chain[] } {
  const chains = chainsForTicker(currency);
  const keys = new Set<string>();
  const valid: Chain[] = [];
  for (const chain of chains ?? [undefined]) {
    for (const match of validate(address, chain).matches) {
      keys.add(match.canonical);
      valid.push(match.chain);
    }
  }
  const raw = address.trim();
  keys.add(/^0x[0-9a-f]+$/i.test(raw) ? raw.toLowerCase() : raw);
  return { keys: [...keys], chains: valid };
}

const NO_HITS: WalletHit[] = [];

export class WalletIndex {
  readonly active = new Map<string, WalletHit[]>();
  readonly former = new Map<string, FormerHit[]>();
  size = 0;

  /** Hits for an address already in canonical form (the withdrawal path stores it so): one map read. */
  lookupCanonical(canonical: string): WalletHit[] {
    return this.active.get(canonical) ?? NO_HITS;
  }

  lookup(address: string, chain?: Chain): WalletScreening {
    const validation = validate(address, chain);
    const keys = new Set(validation.matches.map((m) => m.canonical));
    const raw = typeof address === 'string' ? address.trim() : '';
    if (raw) keys.add(/^0x[0-9a-f]+$/i.test(raw) ? raw.toLowerCase() : raw);
    const hits: WalletHit[] = [];
    const formerly: FormerHit[] = [];
    const seen = new Set<string>();
    for (const key of keys) {
      for (const hit of this.active.get(key) ?? []) {
        const id = `${hit.source}|${hit.entityId}|${hit.currency}|${hit.published}`;
        if (seen.has(id)) continue;
        seen.add(id);
        hits.push(hit);
      }
      for (const hit of this.former.get(key) ?? []) {
        const id = `former|${hit.source}|${hit.entityId}|${hit.published}`;
        if (seen.has(id)) continue;
        seen.add(id);
        formerly.push(hit);
      }
    }
    return { validation, hits, formerly };
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Builds the wallet index from the active entities and, for formerly listed wallets, the wallet
 * rows of every version of each source (`history`) with each source's active version.
 */
export function buildWalletIndex(
  active: Iterable<{ entity: Entity; source: string; version: number }>,
  history: WalletHistoryRow[] = [],
  activeVersions: Map<string, number> = new Map(),
): WalletIndex {
  const index = new WalletIndex();
  const activeKeys = new Set<string>();
  for (const { entity, source, version } of active) {
    for (const w of entity.wallets) {
      const { keys, chains } = walletKeys(w.currency, w.address);
      const hit: WalletHit = {
        entityId: entity.id,
        caption: entity.names.find((n) => n.kind === 'primary')?.full ?? entity.names[0]?.full ?? entity.id,
        schema: entity.schema,
        source,
        version,
        programs: entity.properties.program ?? [],
        listingDate: entity.properties.listingDate?.[0],
        currency: w.currency,
        published: w.address,
      };
      if (chains[0]) hit.chain = chains[0];
      for (const key of keys) {
        push(index.active, key, hit);
        activeKeys.add(`${source}|${key}`);
      }
      index.size++;
    }
  }
  // Formerly listed: on some version of the source, not on its active one.
  const bySource = new Map<string, WalletHistoryRow[]>();
  for (const row of history) push(bySource as Map<string, WalletHistoryRow[]>, row.source, row);
  for (const [source, rows] of bySource) {
    const current = activeVersions.get(source);
    if (current === undefined) continue;
    const versions = [...new Set(rows.map((r) => r.version))].sort((a, b) => a - b);
    const last = new Map<string, WalletHistoryRow & { keys: string[] }>();
    for (const row of rows) {
      if (row.version === current) continue;
      const { keys } = walletKeys(row.currency, row.address);
      const id = `${row.entityId}|${keys[0]}`;
      const seen = last.get(id);
      if (!seen || seen.version < row.version) last.set(id, { ...row, keys });
    }
    for (const row of last.values()) {
      if (row.keys.some((k) => activeKeys.has(`${source}|${k}`))) continue;
      const droppedIn = versions.find((v) => v > row.version) ?? current;
      const hit: FormerHit = { entityId: row.entityId, source, currency: row.currency, published: row.address, lastListedIn: row.version, droppedIn };
      for (const key of row.keys) push(index.former, key, hit);
    }
  }
  return index;
}
