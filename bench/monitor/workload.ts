/**
 * The workload of bench:monitor (issue 7): a seeded population of customers (persons, and
 * companies with owners and directors, each with a registered self-hosted wallet, contact data
 * and a home country), their logins from IPs the packaged DB-IP data places in that country, and
 * a stream of `withdrawal.requested` events with log-normal yen values to the customer's own
 * registered wallet, to accounts at other VASPs (beneficiary and VASP named; an IVMS101 payload
 * on about 20 % of all withdrawals) and to unhosted wallets of others.
 *
 * Event times (occurredAt) run on a simulated clock, not the wall clock: the monitoring windows
 * (1 h … 30 d) must see a month of a 2,000-customer exchange, not 60,000 withdrawals squeezed
 * into 20 seconds (which would set off the velocity and structuring rules for every busy
 * customer). Logins and two earlier withdrawals per customer fall in the first 9 days after
 * onboarding; the measured stream starts at day 10 and advances STREAM_STEP_MS per event.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { validate } from '../../packages/core/src/index.ts';
import { repoRoot } from '../report.ts';

export const shared = (p: string) => resolve(repoRoot, '../shared', p);

/** mulberry32: a small seeded generator (reproducible runs), as in api.bench.ts. */
export function seeded(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
/** Simulated time between two stream events: 60,000 events span about 21 days. */
export const STREAM_STEP_MS = 30_000;

export interface Person {
  given: string;
  family: string;
}

export interface Population {
  customers: Record<string, unknown>[];
  /** Home country per customer (where its logins come from). */
  home: string[];
  /** The registered self-hosted wallet per customer. */
  wallets: string[];
  /** The display name per customer (the beneficiary of a withdrawal to oneself). */
  names: string[];
  types: ('person' | 'legal')[];
  /** Customer i's home address and national id (for its IVMS101 originator). */
  postcodes: string[];
  birthDates: (string | undefined)[];
}

// Beneficiary and customer names: the yente non-listed people, as in api.bench.ts.
const people = ['negatives_global_1k.csv', 'negatives_us_1k.csv']
  .flatMap((f) => (parse(readFileSync(shared(`screening-data/yente/${f}`)), { columns: true }) as Record<string, string>[]).map((r) => r.full_name!))
  .filter((n) => n && /^[\p{Script=Latin}\s.'-]+$/u.test(n));
export const GIVEN = people.map((n) => n.split(/\s+/)[0]!);
export const FAMILY = people.map((n) => n.split(/\s+/).pop()!);
export const NAME_COUNT = people.length;

// 1 in LISTED_EVERY withdrawals goes to a wallet on the OFAC list (it must block).
const listedWallets = (parse(readFileSync(shared('chain-analytics/ofac_sdn_crypto_addresses_2025-11-19.csv')), { columns: true }) as Record<string, string>[])
  .filter((r) => r.asset === 'ETH' && validate(r.address!, 'ethereum').valid)
  .map((r) => r.address!);
export const LISTED_EVERY = 200;

/** ISO 17442 LEI with valid check digits (ISO 7064 MOD 97-10) from an 18-character prefix. */
export function lei(prefix: string): string {
  const digits = (s: string) => [...s].map((c) => (/[0-9]/.test(c) ? c : String(c.charCodeAt(0) - 55))).join('');
  let rest = 0;
  for (const d of digits(`${prefix}00`)) rest = (rest * 10 + Number(d)) % 97;
  return `${prefix}${String(98 - rest).padStart(2, '0')}`;
}

/** Other VASPs customers withdraw to: travel-rule jurisdictions, one outside (TH), one on the FATF grey list (VN). */
export const VASPS = [
  { name: 'Merlion Digital Pte Ltd', country: 'SG', lei: lei('549300MERLIONDIGI1') },
  { name: 'Han River Exchange Co Ltd', country: 'KR' },
  { name: 'Pacific Coin Markets Inc', country: 'US', lei: lei('549300PACIFICCOIN2') },
  { name: 'Thames Digital Assets Ltd', country: 'GB' },
  { name: 'Kowloon Crypto Ltd', country: 'HK' },
  { name: 'Sakura Coin KK', country: 'JP', lei: lei('353800SAKURACOIN03') },
  { name: 'Fuji Bit Trade KK', country: 'JP' },
  { name: 'Alpine Token AG', country: 'CH' },
  { name: 'Rhein Krypto GmbH', country: 'DE' },
  { name: 'Chao Phraya Digital Co Ltd', country: 'TH' },
  { name: 'Mekong Digital JSC', country: 'VN' },
] as const;
const VASP_WEIGHTS = [14, 10, 14, 6, 8, 22, 14, 3, 4, 3, 2];

const SEKISHO_VASP = { name: 'Sekisho Exchange KK', lei: lei('5493001KJTIIGC8Y1R') };

const JP_CITIES = [
  { city: 'Chiyoda-ku', region: 'Tokyo', postcode: '100-0001' },
  { city: 'Shibuya-ku', region: 'Tokyo', postcode: '150-0002' },
  { city: 'Kita-ku', region: 'Osaka', postcode: '530-0001' },
  { city: 'Naka-ku', region: 'Kanagawa', postcode: '231-0001' },
  { city: 'Chuo-ku', region: 'Fukuoka', postcode: '810-0001' },
  { city: 'Naka-ku', region: 'Aichi', postcode: '460-0001' },
  { city: 'Chuo-ku', region: 'Hokkaido', postcode: '060-0001' },
];

/** Nationalities of the exchange's person customers, all resident in Japan (1 % Russian: the policy rules see them). */
const NATIONALITIES: [string, number][] = [
  ['JP', 88],
  ['CN', 3],
  ['KR', 2],
  ['US', 2],
  ['VN', 2],
  ['GB', 1],
  ['IN', 1],
  ['RU', 1],
];
/** Where companies are incorporated. */
const JURISDICTIONS: [string, number][] = [
  ['JP', 85],
  ['SG', 7],
  ['HK', 5],
  ['US', 3],
];

const LANGUAGE: Record<string, string> = { JP: 'ja-JP', CN: 'zh-CN', KR: 'ko-KR', US: 'en-US', VN: 'vi-VN', GB: 'en-GB', IN: 'en-IN', RU: 'ru-RU', SG: 'en-SG', HK: 'zh-HK' };

export function weighted<T>(random: () => number, table: [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = random() * total;
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1]![0];
}

const hex = (random: () => number, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
const digits = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

/** Builds the customers (persons 85 %, companies 15 % with 1-3 owners and a director). */
export function population(count: number, seed = 7): Population {
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const out: Population = { customers: [], home: [], wallets: [], names: [], types: [], postcodes: [], birthDates: [] };
  const personParty = (nationality: string) => ({
    type: 'person' as const,
    names: [{ name: `${pick(GIVEN)} ${pick(FAMILY)}` }],
    birthDate: `19${50 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}`,
    nationalities: [nationality],
  });
  for (let c = 0; c < count; c++) {
    const id = `cust-${c}`;
    const wallet = `0x${hex(random, 40)}`;
    const place = pick(JP_CITIES);
    const contact = { phone: `+81 90-${digits(random, 4)}-${digits(random, 4)}`, email: `user${c}@${pick(['gmail.com', 'yahoo.co.jp', 'docomo.ne.jp', 'outlook.jp', 'icloud.com'])}` };
    if (random() < 0.85) {
      const nationality = weighted(random, NATIONALITIES);
      const name = `${pick(GIVEN)} ${pick(FAMILY)}`;
      const birthDate = `19${50 + (c % 50)}-0${1 + (c % 9)}-1${c % 10}`;
      out.customers.push({
        id,
        type: 'person',
        names: [{ name }],
        birthDate,
        nationalities: [nationality],
        residence: 'JP',
        addresses: [{ lines: [`${1 + (c % 9)}-${1 + (c % 30)}-${1 + (c % 20)}`], city: place.city, region: place.region, postcode: place.postcode, country: 'JP' }],
        documents: [{ type: nationality === 'JP' ? 'my-number' : 'residence-card', number: `D${digits(random, 11)}`, country: 'JP' }],
        ...contact,
        wallets: [{ address: wallet, chain: 'ethereum' }],
        riskRating: nationality === 'JP' ? 'low' : 'medium',
      });
      out.home.push(nationality === 'JP' || random() < 0.7 ? 'JP' : nationality);
      out.names.push(name);
      out.types.push('person');
      out.birthDates.push(birthDate);
    } else {
      const jurisdiction = weighted(random, JURISDICTIONS);
      const name = `${pick(FAMILY)} ${pick(['Trading', 'Capital', 'Holdings', 'Digital', 'Partners'])} ${jurisdiction === 'JP' ? 'KK' : jurisdiction === 'US' ? 'LLC' : 'Pte Ltd'}`;
      const ownerCount = 1 + Math.floor(random() * 3);
      const shares = ownerCount === 1 ? [100] : ownerCount === 2 ? [60, 40] : [50, 30, 20];
      const ownerNationality = () => (jurisdiction === 'JP' ? weighted(random, NATIONALITIES) : weighted(random, [[jurisdiction, 6], ['JP', 3], ['CN', 1]]));
      out.customers.push({
        id,
        type: 'legal',
        names: [{ name }],
        registrationNumber: digits(random, 13),
        jurisdiction,
        incorporationDate: `20${String(Math.floor(random() * 24)).padStart(2, '0')}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}`,
        legalForm: jurisdiction === 'JP' ? '株式会社' : 'company',
        addresses: [{ lines: [`${1 + (c % 9)}-${1 + (c % 30)}-${1 + (c % 20)}`], city: place.city, region: place.region, postcode: place.postcode, country: 'JP' }],
        ...contact,
        owners: shares.map((share) => ({ share, party: personParty(ownerNationality()) })),
        directors: [{ role: '代表取締役', party: personParty(ownerNationality()) }],
        wallets: [{ address: wallet, chain: 'ethereum' }],
        riskRating: jurisdiction === 'JP' ? 'medium' : 'high',
      });
      out.home.push('JP');
      out.names.push(name);
      out.types.push('legal');
      out.birthDates.push(undefined);
    }
    out.wallets.push(wallet);
    out.postcodes.push(place.postcode);
  }
  return out;
}

/**
 * Pools of IPv4 addresses per country, drawn from a geolocator (the packaged DB-IP data):
 * residential pools leave out addresses on hosting, VPN and Tor lists (uniform sampling of the
 * address space over-represents data centres, where customers do not live); `VPN` collects
 * such addresses of any country for the few logins made through them.
 */
export function ipPools(locate: (ip: string) => { country?: string; hosting?: boolean; vpn?: boolean; tor?: boolean }, wanted: Record<string, number>, seed = 11): Record<string, string[]> {
  const random = seeded(seed);
  const pools: Record<string, string[]> = Object.fromEntries(Object.keys(wanted).map((c) => [c, []]));
  for (let tries = 0; tries < 5_000_000; tries++) {
    const x = Math.floor(random() * 2 ** 32);
    const ip = `${x >>> 24}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}`;
    const g = locate(ip);
    const key = g.hosting || g.vpn || g.tor ? 'VPN' : g.country;
    if (key && pools[key] && pools[key]!.length < wanted[key]!) pools[key]!.push(ip);
    if (Object.entries(wanted).every(([k, n]) => pools[k]!.length >= n)) break;
  }
  return pools;
}

/** Travel destinations of a few logins. */
const TRAVEL = ['US', 'KR', 'SG', 'TW', 'GB', 'DE', 'FR', 'AU'];
export const POOL_SIZES: Record<string, number> = { JP: 3000, CN: 150, KR: 150, US: 150, VN: 100, GB: 100, IN: 100, RU: 60, SG: 100, HK: 100, TW: 100, DE: 100, FR: 100, AU: 100, VPN: 100 };
/** Share of logins through a hosting or VPN network (a privacy-minded customer, a cloud desktop). */
const VPN_SHARE = 0.02;

/** Each customer's logins (1-5, from 1-2 devices; 5 % while travelling, 2 % through a hosting or VPN network), in the first week after onboarding. */
export function logins(pop: Population, pools: Record<string, string[]>, onboardedAt: number, seed = 13): Record<string, unknown>[][] {
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const rounds: Record<string, unknown>[][] = [];
  pop.customers.forEach((customer, c) => {
    const home = pop.home[c]!;
    const homeIps = [pick(pools[home] ?? pools.JP!), pick(pools[home] ?? pools.JP!)];
    const devices = [`dev-${c}-a`, ...(random() < 0.4 ? [`dev-${c}-b`] : [])];
    const n = 1 + Math.floor(random() * 5);
    for (let k = 0; k < n; k++) {
      const u = random();
      const ip = u < VPN_SHARE ? pick(pools.VPN!) : u < VPN_SHARE + 0.05 ? pick(pools[pick(TRAVEL)]!) : pick(homeIps);
      const lang = customer.type === 'person' ? (LANGUAGE[((customer.nationalities as string[]) ?? ['JP'])[0]!] ?? 'en-US') : 'ja-JP';
      (rounds[k] ??= []).push({
        id: `login-${c}-${k}`,
        type: 'login',
        customerId: customer.id,
        occurredAt: new Date(onboardedAt + DAY + k * DAY + Math.floor(random() * DAY * 0.9)).toISOString(),
        data: { ip, deviceId: pick(devices), userAgent: 'Mozilla/5.0 (bench)', browserLanguage: random() < 0.8 ? lang : 'en-US', timeZone: 'Asia/Tokyo', success: true, channel: random() < 0.6 ? 'app' : 'web' },
      });
    }
  });
  return rounds;
}

/**
 * The withdrawal stream. `next(i, at)` gives the i-th withdrawal at time `at` (ms). Customers are
 * drawn with a mild skew (c = N·u^1.5: the busiest customer makes 0.6 % of the withdrawals).
 */
export function withdrawals(pop: Population, seed = 17) {
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const vaspTable = VASPS.map((v, i) => [v, VASP_WEIGHTS[i]!] as [(typeof VASPS)[number], number]);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  /** Yen value: log-normal, median ¥50,000, σ 1.3 (p99 about ¥1 million), at least ¥1,000. */
  const yenValue = () => Math.max(1000, Math.round(50_000 * Math.exp(1.3 * normal())));
  const ETH_JPY = 450_000;
  // A customer's account at another VASP has a fixed deposit address (hashed from customer and VASP).
  const vaspAddress = (c: number, v: number) => `0x${hex(seeded(c * 131 + v * 7919 + 1), 40)}`;

  function ivms101(c: number, destination: string, vasp: (typeof VASPS)[number], beneficiary: { type: 'person'; names: { name: string }[] }) {
    const customer = pop.customers[c]! as { type: string; id: string; jurisdiction?: string; registrationNumber?: string };
    const originatorPerson =
      customer.type === 'person'
        ? {
            naturalPerson: {
              name: { nameIdentifier: [{ primaryIdentifier: pop.names[c]!.split(' ').pop(), secondaryIdentifier: pop.names[c]!.split(' ').slice(0, -1).join(' '), nameIdentifierType: 'LEGL' }] },
              geographicAddress: [{ addressType: 'HOME', streetName: 'Chome', buildingNumber: '1-1', postcode: pop.postcodes[c], townName: 'Tokyo', country: 'JP' }],
              customerIdentification: customer.id,
              dateAndPlaceOfBirth: { dateOfBirth: pop.birthDates[c], placeOfBirth: 'Tokyo' },
              countryOfResidence: 'JP',
            },
          }
        : {
            legalPerson: {
              name: { nameIdentifier: [{ legalPersonName: pop.names[c], legalPersonNameIdentifierType: 'LEGL' }] },
              geographicAddress: [{ addressType: 'GEOG', streetName: 'Chome', buildingNumber: '1-1', postcode: pop.postcodes[c], townName: 'Tokyo', country: 'JP' }],
              customerIdentification: customer.id,
              nationalIdentification: { nationalIdentifier: customer.registrationNumber, nationalIdentifierType: 'RAID', registrationAuthority: 'RA000412' },
              countryOfRegistration: customer.jurisdiction,
            },
          };
    const [given, ...rest] = beneficiary.names[0]!.name.split(' ');
    return {
      originator: { originatorPersons: [originatorPerson], accountNumber: [customer.id] },
      beneficiary: {
        beneficiaryPersons: [{ naturalPerson: { name: { nameIdentifier: [{ primaryIdentifier: rest.join(' ') || given, secondaryIdentifier: given, nameIdentifierType: 'LEGL' }] } } }],
        accountNumber: [destination],
      },
      originatingVASP: {
        originatingVASP: {
          legalPerson: {
            name: { nameIdentifier: [{ legalPersonName: SEKISHO_VASP.name, legalPersonNameIdentifierType: 'LEGL' }] },
            nationalIdentification: { nationalIdentifier: SEKISHO_VASP.lei, nationalIdentifierType: 'LEIX' },
            countryOfRegistration: 'JP',
          },
        },
      },
      beneficiaryVASP: {
        beneficiaryVASP: {
          legalPerson: {
            name: { nameIdentifier: [{ legalPersonName: vasp.name, legalPersonNameIdentifierType: 'LEGL' }] },
            ...('lei' in vasp ? { nationalIdentification: { nationalIdentifier: vasp.lei, nationalIdentifierType: 'LEIX' } } : {}),
            countryOfRegistration: vasp.country,
          },
        },
      },
    };
  }

  const kinds = { self: 0, vasp: 0, ivms101: 0, unhosted: 0, listed: 0 };
  return {
    kinds,
    /** The i-th withdrawal at `at` (ms since 1970), of customer `fixed` or of one drawn. */
    next(i: number, at: number, idPrefix: string, fixed?: number): Record<string, unknown> {
      const c = fixed ?? Math.min(pop.customers.length - 1, Math.floor(pop.customers.length * random() ** 1.5));
      const customer = pop.customers[c]! as { id: string; type: 'person' | 'legal' };
      const jpy = yenValue();
      const base = { id: `${idPrefix}-${i}`, type: 'withdrawal.requested', customerId: customer.id, occurredAt: new Date(at).toISOString() };
      const amount = { chain: 'ethereum', asset: 'ETH', amount: (jpy / ETH_JPY).toFixed(6), amountJpy: jpy };
      const self = { type: customer.type, names: [{ name: pop.names[c]! }] };
      if (i % LISTED_EVERY === LISTED_EVERY - 1) {
        kinds.listed++;
        return { ...base, data: { ...amount, destinationAddress: pick(listedWallets), selfHosted: true, beneficiary: { type: 'person', names: [{ name: `${pick(GIVEN)} ${pick(FAMILY)}` }] } } };
      }
      const u = random();
      if (u < 0.35) {
        // To the customer's own registered self-hosted wallet.
        kinds.self++;
        return { ...base, data: { ...amount, destinationAddress: pop.wallets[c]!, selfHosted: true, beneficiary: self } };
      }
      if (u < 0.87) {
        // To an account at another VASP: the customer's own half the time.
        kinds.vasp++;
        const v = weighted(random, vaspTable);
        const vi = VASPS.indexOf(v);
        const toSelf = random() < 0.5;
        const destination = toSelf ? vaspAddress(c, vi) : `0x${hex(random, 40)}`;
        const beneficiary = toSelf && customer.type === 'person' ? (self as { type: 'person'; names: { name: string }[] }) : { type: 'person' as const, names: [{ name: `${pick(GIVEN)} ${pick(FAMILY)}` }] };
        // IVMS101 on 20 % of all withdrawals: 0.2 / 0.52 of those to a VASP.
        const payload = random() < 0.2 / 0.52;
        if (payload) kinds.ivms101++;
        return {
          ...base,
          data: { ...amount, destinationAddress: destination, beneficiary, beneficiaryVasp: { name: v.name, country: v.country, ...('lei' in v ? { lei: v.lei } : {}) }, ...(payload ? { ivms101: ivms101(c, destination, v, beneficiary) } : {}) },
        };
      }
      // To someone else's unhosted wallet.
      kinds.unhosted++;
      return { ...base, data: { ...amount, destinationAddress: `0x${hex(random, 40)}`, selfHosted: true, beneficiary: { type: 'person', names: [{ name: `${pick(GIVEN)} ${pick(FAMILY)}` }] } } };
    },
  };
}

export const TIMELINE = {
  /** Logins over days 1-6 after onboarding, earlier withdrawals on days 8-9, the stream from day 10. */
  history: (onboardedAt: number, k: number) => onboardedAt + 8 * DAY + k * DAY * 0.9,
  stream: (onboardedAt: number) => onboardedAt + 10 * DAY,
};
