/**
 * Test support: addresses of given regions found in the installed geolocation database by walking
 * its search tree (MaxMind DB format spec, "Search Tree Section"), so tests follow whatever
 * monthly release is installed instead of hard-coding IPs that move between releases.
 */
import { readFileSync } from 'node:fs';
import { Reader } from 'maxmind';
import { defaultGeoDatabases, parseIp } from '../src/monitoring/geo.ts';

/** The packaged DB-IP record shape (ip-location-db). */
export interface DbipRecord { country_code?: string; state1?: string; city?: string }

/**
 * For each predicate, the first address whose record satisfies it, found by walking the MMDB
 * search tree once (MaxMind DB format spec, "Search Tree Section"): the samples follow whatever
 * database version is installed instead of hard-coding IPs that move between monthly releases.
 * Each record is decoded once; the walk stops when every predicate has its address.
 */
export function findIps(buf: Buffer, preds: Record<string, (r: DbipRecord) => boolean>): Record<string, string | undefined> {
  const all = collectIps(buf, preds, 1);
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v[0]]));
}

/** Like findIps, up to `limit` addresses (of distinct records) per predicate, in one walk. */
export function collectIps(buf: Buffer, preds: Record<string, (r: DbipRecord) => boolean>, limit: number): Record<string, string[]> {
  const reader = new Reader<Record<string, unknown>>(buf) as unknown as { metadata: Reader<Record<string, unknown>>['metadata']; resolveDataPointer(p: number): DbipRecord };
  const { nodeCount, recordSize, ipVersion } = reader.metadata;
  const nodeBytes = recordSize / 4;
  const left = recordSize === 24 ? (o: number) => buf.readUIntBE(o, 3) : recordSize === 28 ? (o: number) => ((buf[o + 3]! & 0xf0) << 20) | buf.readUIntBE(o, 3) : (o: number) => buf.readUInt32BE(o);
  const right = recordSize === 24 ? (o: number) => buf.readUIntBE(o + 3, 3) : recordSize === 28 ? (o: number) => ((buf[o + 3]! & 0x0f) << 24) | buf.readUIntBE(o + 4, 3) : (o: number) => buf.readUInt32BE(o + 4);
  const bits = ipVersion === 6 ? 128 : 32;
  const found: Record<string, string[]> = Object.fromEntries(Object.keys(preds).map((k) => [k, []]));
  let open = Object.keys(preds);
  const seen = new Set<number>();
  // Addresses: a number for IPv4 (fast), a bigint for IPv6.
  const text = (ip: number | bigint) =>
    typeof ip === 'number'
      ? `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`
      : parseIp(Array.from({ length: 8 }, (_, i) => ((ip >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':'))!.text;
  const stack: [number, number, number | bigint][] = [[0, 0, bits === 32 ? 0 : 0n]];
  while (stack.length && open.length) {
    const [node, depth, prefix] = stack.pop()!;
    for (const bit of [1, 0]) {
      const pointer = bit ? right(node * nodeBytes) : left(node * nodeBytes);
      const next = typeof prefix === 'number' ? (prefix | (bit << (31 - depth))) >>> 0 : prefix | (BigInt(bit) << BigInt(127 - depth));
      if (pointer < nodeCount) { stack.push([pointer, depth + 1, next]); continue; }
      if (pointer === nodeCount || seen.has(pointer)) continue; // no data, or a record already tested
      seen.add(pointer);
      const record = reader.resolveDataPointer(pointer);
      const hits = open.filter((k) => preds[k]!(record));
      if (hits.length === 0) continue;
      // The second address of the network (the first may be its network address).
      const ip = depth + 1 < bits ? (typeof next === 'number' ? next + 1 : next + 1n) : next;
      for (const k of hits) found[k]!.push(text(ip));
      open = open.filter((k) => found[k]!.length < limit);
    }
  }
  return found;
}


/** The first IPv4 address of each region in the packaged DB-IP city database (keys: JP, RU, BY, UA-43, UA-40, … or any country code). */
export function packagedSampleIps(regions: readonly string[]): Record<string, string | undefined> {
  const state: Record<string, string> = { 'UA-43': 'Crimea', 'UA-40': 'Sebastopol City', 'UA-14': 'Donetsk', 'UA-09': 'Luhansk' };
  const preds: Record<string, (r: DbipRecord) => boolean> = {};
  for (const region of regions) {
    preds[region] = state[region]
      ? (r) => r.state1 === state[region]
      : region === 'RU'
        ? (r) => r.country_code === 'RU' && r.state1 === 'Moscow'
        : (r) => r.country_code === region;
  }
  return findIps(readFileSync(defaultGeoDatabases().cityDb[0]!), preds);
}

/**
 * Up to `networks` networks per region from the packaged DB-IP city database, each given as its
 * second address; `hosts(region, count)` spreads `count` addresses over them (host numbers 1..,
 * all inside each found network's first /24). Regions: country codes, RU meaning Moscow, and the
 * occupied Ukrainian regions by ISO 3166-2 code. Made for the scenario generator's `ipsFor`.
 */
/**
 * Addresses per region from the packaged DB-IP city database for the scenario generator's
 * `ipsFor`: up to `networks` networks (distinct records) per region in one walk, and `count`
 * addresses spread over them (host numbers 1, 2, … of each network's /24). Regions: country
 * codes (RU without the occupied Ukrainian regions it files), and UA-43, UA-40, UA-14, UA-09.
 */
export function packagedIpPool(regions: readonly string[], networks = 40): (region: string, count: number) => string[] {
  const state: Record<string, string> = { 'UA-43': 'Crimea', 'UA-40': 'Sebastopol City', 'UA-14': 'Donetsk', 'UA-09': 'Luhansk' };
  const occupied = new Set(Object.values(state));
  const preds: Record<string, (r: DbipRecord) => boolean> = {};
  for (const region of regions) {
    preds[region] = state[region] ? (r) => r.state1 === state[region] : (r) => r.country_code === region && !occupied.has(r.state1 ?? '');
  }
  const buf = readFileSync(defaultGeoDatabases().cityDb[0]!);
  const pool = collectIps(buf, preds, networks);
  const reader = new Reader<Record<string, unknown>>(buf);
  return (region, count) => {
    const nets = pool[region] ?? [];
    const out: string[] = [];
    // Neighbours in the same /24 are used only where the database places them in the region too.
    for (let i = 0; nets.length && out.length < count && i < nets.length * 254; i++) {
      const ip = nets[i % nets.length]!.replace(/\.\d+$/, `.${1 + Math.floor(i / nets.length)}`);
      const record = reader.get(ip) as DbipRecord | null;
      if (record && preds[region]!(record)) out.push(ip);
    }
    return out;
  };
}
