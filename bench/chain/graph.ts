/**
 * A synthetic account-model transfer graph for the chain benchmarks (issue 6), written straight
 * into a Sekisho store's `account_transfer` table (migration 0004). It is generated data, not a
 * chain: the addresses, hashes and values are made up from a seed, and the same options always
 * give the same graph (mulberry32 PRNG, hash-derived hex).
 *
 * The shape follows what an Ethereum-like chain looks like to a tracer:
 *   - time: blocks at increasing height, 12 s apart, 100–200 transfers each; a native transfer
 *     has its own transaction and log index -1 (as `ethereum-etl` gives it), a token (USDT)
 *     transfer carries the block's next log index, as ERC-20 logs do;
 *   - services (tagged, the tracer stops at them): 60 exchanges of Zipf-distributed size
 *     (1–4 hot wallets each), a Garantex-like sanctioned exchange (3 hot wallets), 25 other
 *     sanctioned wallets (ransomware, listed market wallets), 3 mixers, 6 markets; together
 *     ~40 % of the transfers touch one, so their degrees reach hundreds of thousands;
 *   - users (untagged, the tracer walks through them): `addresses` of them, 45 % of user ends
 *     drawn from a power law over all users (a few heavy accounts with thousands of transfers,
 *     active throughout), 55 % from a window of 8 % of the users that slides with time (most
 *     accounts live a while and make a handful of transfers);
 *   - flows: user→user 59.8 %, exchange withdrawals and deposits 16 % each, exchange→exchange 2 %,
 *     the sanctioned exchange 1 % each way, other sanctioned wallets 0.3 % each way, mixers
 *     1.2 % each way, markets 0.8 % in and 0.4 % out; so sanctioned funds reach users directly
 *     and then spread through unattributed hops;
 *   - values: log-normal (ETH median 0.3, σ 1.8 in log space; USDT median 200, σ 1.7), 35 % of
 *     transfers in USDT; exchange flows twice as large.
 * Writing streams block by block through a prepared statement in transactions of ~50,000 rows;
 * memory stays bounded (no transfer is kept after it is written). The two address indexes of
 * migration 0004 are dropped for the load and rebuilt after it with the same definitions.
 */
import type { Store } from '../../packages/server/src/storage/db.ts';

export interface GraphOptions {
  /** Transfers to write (default 10,000,000). */
  transfers?: number;
  /** User (untagged) addresses (default 1,500,000). */
  addresses?: number;
  seed?: number;
  /** Progress callback, called every ~1 M transfers. */
  progress?: (written: number) => void;
}

export interface ServiceAddress {
  address: string;
  actor: string;
  label: string;
  category: 'exchange' | 'sanctioned' | 'mixing_service' | 'market';
  sanctioned: boolean;
}

export interface GraphSummary {
  transfers: number;
  /** Distinct addresses that appear in at least one transfer (users and services). */
  addresses: number;
  services: number;
  blocks: number;
  firstTime: number;
  lastTime: number;
  ms: number;
  /** Of which rebuilding the two address indexes. */
  indexMs: number;
  /** Transfers per user address that appears (either side): median, 99th percentile, largest. */
  userDegree: { median: number; p99: number; max: number };
  /** Transfers of the busiest service wallet. */
  hubDegree: number;
}

export const CHAIN = 'ethereum';
/** Tether's USDT contract on Ethereum: the token asset key the store uses. */
export const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7';
const GENESIS = 1_700_000_000;

/** mulberry32: a small seeded generator without the short cycles of a float LCG. */
export function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit mix (murmur3 finaliser): a bijection of its input, so word 0 of distinct inputs differs. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex(i: number, salt: number, words: number): string {
  let out = '';
  for (let k = 0; k < words; k++) {
    const w = mix((Math.imul(i, 0x9e3779b1) + Math.imul(k + 1, 0x27d4eb2f) + salt) | 0);
    out += BYTE_HEX[w >>> 24]! + BYTE_HEX[(w >>> 16) & 255]! + BYTE_HEX[(w >>> 8) & 255]! + BYTE_HEX[w & 255]!;
  }
  return out;
}

/** The address of user `i` (lower-case hex, as the store keeps EVM addresses). */
export function userAddress(i: number, seed: number): string {
  return `0x${hex(i, seed * 7 + 1, 5)}`;
}

function serviceAddress(i: number, seed: number): string {
  return `0x${hex(i, seed * 7 + 2, 5)}`;
}

function txHash(i: number, seed: number): string {
  return `0x${hex(i, seed * 7 + 3, 8)}`;
}

interface ServiceGroup {
  wallets: string[];
  /** Cumulative weights for picking a wallet of the group (Zipf over exchanges). */
  cumulative: number[];
}

/** The tagged services of a graph (deterministic from the seed): what the bench attributes. */
export function graphServices(seed = 42): { all: ServiceAddress[]; exchanges: ServiceGroup; garantex: ServiceGroup; sanctioned: ServiceGroup; mixers: ServiceGroup; markets: ServiceGroup } {
  const random = prng(seed ^ 0x5e41);
  let n = 0;
  const all: ServiceAddress[] = [];
  const group = (count: number, walletsOf: (k: number) => number, weight: (k: number) => number, describe: (k: number) => Omit<ServiceAddress, 'address'>): ServiceGroup => {
    const wallets: string[] = [];
    const cumulative: number[] = [];
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const w = walletsOf(k);
      for (let j = 0; j < w; j++) {
        const address = serviceAddress(n++, seed);
        all.push({ address, ...describe(k) });
        wallets.push(address);
        sum += weight(k) / w;
        cumulative.push(sum);
      }
    }
    return { wallets, cumulative: cumulative.map((c) => c / sum) };
  };
  const exchanges = group(60, () => 1 + Math.floor(random() * 4), (k) => 1 / (k + 1) ** 1.1, (k) => ({ actor: `synthetic:exchange-${k + 1}`, label: `Exchange ${k + 1} (synthetic)`, category: 'exchange', sanctioned: false }));
  const garantex = group(1, () => 3, () => 1, () => ({ actor: 'synthetic:garantex-like', label: 'Garantex-like exchange (synthetic)', category: 'sanctioned', sanctioned: true }));
  const sanctioned = group(25, () => 1, (k) => 1 / (k + 1), (k) => ({ actor: `synthetic:listed-${k + 1}`, label: `Listed wallet ${k + 1} (synthetic)`, category: 'sanctioned', sanctioned: true }));
  const mixers = group(3, () => 2, (k) => 1 / (k + 1), (k) => ({ actor: `synthetic:mixer-${k + 1}`, label: `Mixer ${k + 1} (synthetic)`, category: 'mixing_service', sanctioned: false }));
  const markets = group(6, () => 1, (k) => 1 / (k + 1), (k) => ({ actor: `synthetic:market-${k + 1}`, label: `Market ${k + 1} (synthetic)`, category: 'market', sanctioned: false }));
  return { all, exchanges, garantex, sanctioned, mixers, markets };
}

function pickFrom(g: ServiceGroup, u: number): string {
  const c = g.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return g.wallets[lo]!;
}

/** Flow kinds with their cumulative probabilities (see the module comment). */
const FLOWS: [number, 'p2p' | 'exOut' | 'exIn' | 'exEx' | 'gOut' | 'gIn' | 'sOut' | 'sIn' | 'mOut' | 'mIn' | 'kOut' | 'kIn'][] = (() => {
  const parts: [number, (typeof FLOWS)[number][1]][] = [
    [0.16, 'exOut'], [0.16, 'exIn'], [0.02, 'exEx'], [0.01, 'gOut'], [0.01, 'gIn'], [0.003, 'sOut'], [0.003, 'sIn'], [0.012, 'mOut'], [0.012, 'mIn'], [0.004, 'kOut'], [0.008, 'kIn'],
  ];
  let sum = 0;
  const out: [number, (typeof FLOWS)[number][1]][] = [];
  for (const [p, k] of parts) out.push([(sum += p), k]);
  out.push([1, 'p2p']);
  return out;
})();

/**
 * Generates the graph into `store` (SQLite, freshly migrated, empty chain tables). Returns what
 * was written; the caller measures the file size.
 */
export function generateGraph(store: Store, options: GraphOptions = {}): GraphSummary {
  const db = store.sqlite;
  if (!db) throw new Error('the chain graph generator writes SQLite stores only');
  const total = options.transfers ?? 10_000_000;
  const users = options.addresses ?? 1_500_000;
  const seed = options.seed ?? 42;
  const random = prng(seed);
  const services = graphServices(seed);
  const t0 = performance.now();

  // A fresh temporary store: no journal and no fsync while loading (the file is thrown away on failure).
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2000000');
  db.exec('drop index if exists account_transfer_from; drop index if exists account_transfer_to;');
  const insert = db.prepare('insert into account_transfer (chain, tx_hash, log_index, block_height, time, from_address, to_address, value, asset, ok) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const block = db.prepare('insert into chain_block (chain, hash, height, parent_hash, time, tx_count) values (?, ?, ?, ?, ?, ?)');

  /** Each user's address, made on first use (bounded by the number of users, ~90 MB at 1.5 M). */
  const addressOf: (string | undefined)[] = new Array(users);
  const degree = new Uint32Array(users);
  const hubs = new Map<string, number>();
  const window = Math.max(1, Math.floor(users * 0.08));
  /** A user index: the power law over all users, or the window that slides with time. */
  const user = (progress: number): number => (random() < 0.45 ? Math.floor(users * random() ** 2.2) : Math.floor(progress * (users - window) + random() * window));
  /** An end of a transfer (a user index or a service wallet) as an address, counted. */
  const end = (e: number | string): string => {
    if (typeof e === 'string') {
      hubs.set(e, (hubs.get(e) ?? 0) + 1);
      return e;
    }
    degree[e]!++;
    return (addressOf[e] ??= userAddress(e, seed));
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  /** A log-normal amount in the asset's smallest unit, as decimal text. */
  const value = (token: boolean, scale: number): string => {
    if (token) return String(Math.max(1, Math.round(200 * scale * Math.exp(1.7 * normal()) * 1e6)));
    const micro = Math.max(1, Math.round(0.3 * scale * Math.exp(1.8 * normal()) * 1e6));
    return `${micro}000000000000`;
  };

  let written = 0;
  let height = 18_000_000;
  let blocks = 0;
  let txCounter = 0;
  let nextReport = 1_000_000;
  const firstTime = GENESIS;
  let time = GENESIS;
  const batch = db.transaction((until: number) => {
    while (written < until) {
      time = GENESIS + blocks * 12;
      const count = Math.min(until - written, 100 + Math.floor(random() * 101));
      let logIndex = 0;
      const progress = written / total;
      for (let k = 0; k < count; k++) {
        const u = random();
        let flow: (typeof FLOWS)[number][1] = 'p2p';
        for (const [p, f] of FLOWS) if (u < p) {
          flow = f;
          break;
        }
        let from: number | string;
        let to: number | string;
        let scale = 1;
        switch (flow) {
          case 'exOut': from = pickFrom(services.exchanges, random()); to = user(progress); scale = 2; break;
          case 'exIn': from = user(progress); to = pickFrom(services.exchanges, random()); scale = 2; break;
          case 'exEx': from = pickFrom(services.exchanges, random()); to = pickFrom(services.exchanges, random()); scale = 20; break;
          case 'gOut': from = pickFrom(services.garantex, random()); to = user(progress); scale = 2; break;
          case 'gIn': from = user(progress); to = pickFrom(services.garantex, random()); scale = 2; break;
          case 'sOut': from = pickFrom(services.sanctioned, random()); to = user(progress); break;
          case 'sIn': from = user(progress); to = pickFrom(services.sanctioned, random()); break;
          case 'mOut': from = pickFrom(services.mixers, random()); to = user(progress); break;
          case 'mIn': from = user(progress); to = pickFrom(services.mixers, random()); break;
          case 'kOut': from = pickFrom(services.markets, random()); to = user(progress); break;
          case 'kIn': from = user(progress); to = pickFrom(services.markets, random()); break;
          default: from = user(progress); to = user(progress);
        }
        while (from === to) to = typeof to === 'string' ? pickFrom(services.exchanges, random()) : user(progress);
        const token = random() < 0.35;
        insert.run(CHAIN, txHash(txCounter++, seed), token ? logIndex++ : -1, height, time, end(from), end(to), value(token, scale), token ? USDT : 'native', 1);
      }
      block.run(CHAIN, `0x${hex(height, seed * 7 + 4, 8)}`, height, `0x${hex(height - 1, seed * 7 + 4, 8)}`, time, count);
      written += count;
      height++;
      blocks++;
    }
  });
  while (written < total) {
    batch(Math.min(total, written + 50_000));
    if (written >= nextReport) {
      options.progress?.(written);
      nextReport += 1_000_000;
    }
  }
  const i0 = performance.now();
  // The indexes of migration 0004, as it defines them.
  db.exec('create index account_transfer_from on account_transfer (chain, from_address); create index account_transfer_to on account_transfer (chain, to_address);');
  const indexMs = performance.now() - i0;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const used = degree.filter((d) => d > 0).sort();
  const at = (p: number) => used[Math.min(used.length - 1, Math.floor(p * used.length))] ?? 0;
  return {
    transfers: written,
    addresses: used.length + hubs.size,
    services: hubs.size,
    blocks,
    firstTime,
    lastTime: time,
    ms: performance.now() - t0,
    indexMs,
    userDegree: { median: at(0.5), p99: at(0.99), max: used[used.length - 1] ?? 0 },
    hubDegree: Math.max(0, ...hubs.values()),
  };
}
