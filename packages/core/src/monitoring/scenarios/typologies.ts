/**
 * @module monitoring/scenarios/typologies
 * The evasion typologies of issue 7 as labelled customers mixed into the ordinary population.
 * Each instance draws its amounts, counts, timing and variant from the ranges in
 * `TYPOLOGY_RANGES`, so that a rule that catches one shape only is seen to miss the others.
 * Every typology customer also has ordinary cover activity (logins, top-ups, trades) where a
 * real one would. The label names the rules of which at least one must alert on the customer
 * (`expectedRules`, catalogue of research/monitoring.md §3.2); `withChainData` names rules that
 * would fire only with chain attribution the scenarios do not carry.
 */
import type { Customer, Party } from '../../customers/schema.ts';
import { Actor, type Device, type GenContext, DAY, HOUR, MINUTE, MOSCOW_HOURS, RETAIL_HOURS, atJstHour, freshAddress, newDevice } from './actor.ts';
import type { Asset } from './assets.ts';
import type { IpRegion } from './ips.ts';
import { type OrdinaryProfile, type OwnWallets, type Persona, companyRecord, japanPersona, loginAs, minerActivity, personRecord, simulateOrdinary, walletRecords } from './ordinary.ts';
import { FOREIGN_VASPS, type ForeignNationality, birthDate, dateBefore, foreignName, hubCompany, japaneseName } from './people.ts';
import type { Random } from './random.ts';

export const SCENARIO_NAMES = [
  'singapore-shell',
  'structuring',
  'pass-through-foreign',
  'relay-account',
  'crimea-logins',
  'mining-russian-pool',
  'shared-identifier-ring',
  'moscow-logins',
  'unhosted-wallet',
  'fefta-art55',
  'offboarded-return',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ScenarioLabel {
  customerId: string;
  scenario: ScenarioName | 'ordinary';
  /** Rule ids of which at least one must alert on this customer (empty for ordinary customers). */
  expectedRules: string[];
  /** The typology instance the customer belongs to (a ring has several customers), e.g. `shared-identifier-ring#2`. */
  instance?: string;
  /** Rules that would also fire if the server held chain attribution for the addresses used. */
  withChainData?: string[];
  /** What is special about the customer (a variant, a benign look-alike, a policy hit to expect). */
  note?: string;
  /** An ordinary customer's usage profile (dormant, casual, saver, trader, whale, company, subsidiary, miner), for analysing false positives. */
  profile?: string;
}

/** The rules of which at least one must alert, per typology (research/monitoring.md §3.2). */
export const EXPECTED_RULES: Record<ScenarioName, string[]> = {
  'singapore-shell': ['hub-shell-russian-links', 'declared-footprint-mismatch', 'russia-belarus-access'],
  structuring: ['structuring'],
  'pass-through-foreign': ['pass-through'],
  'relay-account': ['relay-account', 'fan-in', 'fan-out', 'velocity'],
  'crimea-logins': ['geo-block'],
  'mining-russian-pool': ['mining-access-geography'],
  'shared-identifier-ring': ['shared-identifier-link'],
  'moscow-logins': ['russia-belarus-access'],
  'unhosted-wallet': ['unhosted-wallet'],
  'fefta-art55': ['fefta-art55-report'],
  'offboarded-return': ['shared-identifier-link'],
};

/**
 * The ranges each instance draws from (documented here so that a report or a test can cite them).
 * Amounts in JPY, durations in hours or days as named.
 */
export const TYPOLOGY_RANGES = {
  'singapore-shell': { jurisdictions: { SG: 55, AE: 20, HK: 15, TR: 10 }, incorporatedMonthsBefore: [1, 6], onboardedDay: [0, 20], ruLoginShare: [0.3, 0.85], loginsPerWeek: [3, 8], moscowTimeZone: 0.7, russianBrowser: 0.7, nomineeDirector: 0.4, ruMailOrPhone: 0.35, depositsPerWeek: [1, 3], depositMedian: [2_000_000, 15_000_000] },
  structuring: { thresholds: { 2_000_000: 70, 30_000_000: 30 }, share: [0.85, 0.99], count: [3, 6], spanHours: { 3: [4, 24], 4: [12, 72], 5: [24, 120], 6: [48, 168] }, episodes: [1, 2], directions: { 'fiat-in': 55, 'crypto-in': 15, 'fiat-out': 15, 'crypto-out': 15 } },
  'pass-through-foreign': { inflowTotal: [600_000, 20_000_000], inflows: [1, 3], thirdPartyInflow: 0.3, hoursToFirstWithdrawal: [1, 40], outShare: [0.8, 1], episodes: [1, 4], vaspCountries: ['SC', 'VG', 'AE', 'KY', 'SG', 'HK', 'TR'] },
  'relay-account': { senders: [20, 80], recipients: [15, 60], inflowsPerDay: [3, 10], inflowMedian: [60_000, 400_000], forwardHours: [0.3, 10], fee: [0.005, 0.03], phaseDays: [8, 21], legal: 0.85, fiatShare: [0, 0.6] },
  'crimea-logins': { stayDays: [5, 30], crimeaShare: [0.6, 1], sevastopol: 0.3, simferopolTimeZone: 0.4, moscowTimeZone: 0.2, russianBrowser: 0.4 },
  'mining-russian-pool': { rigInRussiaShare: [0.5, 1], dashboardFromRussia: 0.5, dailyBtc: [0.002, 0.02], legal: 0.3 },
  'shared-identifier-ring': { members: [2, 5], via: { device: 35, 'withdrawal-address': 35, both: 30 } },
  'moscow-logins': { ruShare: [0.2, 1], moscowTimeZone: 0.5, russianBrowser: 0.3, fromDay: [0, 30] },
  'unhosted-wallet': { sends: [1, 4], amount: [300_000, 8_000_000] },
  'fefta-art55': { amount: [31_000_000, 150_000_000], variants: { 'withdrawal-to-foreign-vasp': 50, 'deposit-from-foreign-vasp': 25, 'fiat-from-foreign-bank': 25 } },
  'offboarded-return': { exitDay: [2, 20], returnDays: [3, 25], via: { ip: 25, device: 25, phone: 25, 'withdrawal-address': 25 }, deposits: [1, 3], deposit: [300_000, 5_000_000] },
} as const;

type Range = readonly [number, number];
const inRange = (rng: Random, [a, b]: Range) => rng.range(a, b);
const intIn = (rng: Random, [a, b]: Range) => rng.int(a, b);

/** A customer of any kind the typologies build on: actor, persona and own wallets. */
interface Built {
  actor: Actor;
  persona: Persona;
  wallets: OwnWallets;
  profile: OrdinaryProfile;
}

function ownWallets(g: GenContext, rng: Random, assets: readonly Asset[]): OwnWallets {
  const chains: Record<Asset, Parameters<typeof freshAddress>[2]> = { BTC: 'bitcoin', ETH: 'ethereum', XRP: 'xrp', SOL: 'solana', USDT: 'tron' };
  return { byAsset: new Map(assets.map((a) => [a, freshAddress(g, rng, chains[a])])) };
}

/** A Japanese resident (person or company) of long standing, with holdings and ordinary cover activity. */
function jpResident(
  g: GenContext,
  rng: Random,
  o: { legal?: boolean; nationality?: 'JP' | ForeignNationality; since?: number; profile?: OrdinaryProfile; occupation?: string; cover?: boolean; holdingsJpy?: number; customize?: (c: Customer) => Customer } = {},
): Built {
  const id = g.customerId(rng);
  const since = o.since ?? g.start - rng.logUniform(60, 2000) * DAY;
  const wallets = ownWallets(g, rng, ['BTC', 'ETH']);
  const record = o.legal ? companyRecord(g, rng, { id, since, wallets }) : personRecord(g, rng, { id, nationality: o.nationality ?? 'JP', since, wallets, riskRating: rng.chance(0.7) ? 'low' : 'medium', ...(o.occupation ? { occupation: o.occupation } : {}) });
  const customer = o.customize ? o.customize(record) : record;
  const actor = new Actor(g, rng, customer);
  actor.onboard(since);
  const persona = japanPersona(g, rng, { company: !!o.legal });
  const profile: OrdinaryProfile = o.profile ?? (o.legal ? 'company' : 'casual');
  const value = o.holdingsJpy ?? rng.logNormal(o.legal ? 5_000_000 : 300_000, 1);
  actor.jpy = Math.round(value * 0.2);
  actor.holdings.set('BTC', (value * 0.8) / g.market.price('BTC', g.start));
  const built = { actor, persona, wallets, profile };
  if (o.cover ?? true) simulateOrdinary(built, Math.max(g.start, since), g.end, { assets: ['BTC', 'ETH'] });
  return built;
}

const label = (b: Built | Actor, scenario: ScenarioName, instance: string, extra: Partial<ScenarioLabel> = {}): ScenarioLabel => ({
  customerId: b instanceof Actor ? b.id : b.actor.id,
  scenario,
  expectedRules: [...EXPECTED_RULES[scenario]],
  instance,
  ...extra,
});

/** A foreign legal person as a travel-rule party (beneficiary or originator). */
function foreignCompanyParty(rng: Random, country: string): Party {
  if (['SG', 'AE', 'HK', 'TR'].includes(country)) {
    const c = hubCompany(rng, undefined, country);
    return { type: 'legal', names: [{ name: c.name }], jurisdiction: country, registrationNumber: c.registrationNumber, addresses: [{ city: CITY[country] ?? 'Capital', country }] };
  }
  const stem = `${rng.pick(['Blue', 'North', 'Summit', 'Meridian', 'Coral', 'Atlas', 'Zenith', 'Cobalt'])} ${rng.pick(['Ventures', 'Holdings', 'Partners', 'Group', 'Capital', 'Trading'])}`;
  return { type: 'legal', names: [{ name: `${stem} Ltd.` }], jurisdiction: country, registrationNumber: rng.digits(9), addresses: [{ city: CITY[country] ?? 'Capital', country }] };
}

const CITY: Record<string, string> = { SG: 'Singapore', AE: 'Dubai', HK: 'Hong Kong', TR: 'Istanbul', SC: 'Victoria', VG: 'Road Town', KY: 'George Town', US: 'New York', GB: 'London', KG: 'Bishkek', GE: 'Tbilisi', RU: 'Moscow' };
const ZONES: Record<string, string> = { SG: 'Asia/Singapore', AE: 'Asia/Dubai', HK: 'Asia/Hong_Kong', TR: 'Europe/Istanbul' };

/** A Russian person (owner, director, ring hub) with residence `residence`. */
function russianPerson(rng: Random, at: number, residence: string = 'RU'): Extract<Party, { type: 'person' }> {
  const n = foreignName(rng, 'RU');
  return {
    type: 'person',
    names: [{ name: n.name, latin: n.latin }],
    birthDate: birthDate(rng, at, 28, 65),
    nationalities: ['RU'],
    residence,
    addresses: [residence === 'RU' ? { lines: [`ul. ${rng.pick(['Tverskaya', 'Arbat', 'Myasnitskaya', 'Pokrovka', 'Bolshaya Ordynka'])} ${rng.int(1, 40)}`], city: 'Moscow', postcode: `1${rng.int(0, 2)}${rng.digits(4)}`, country: 'RU' } : { city: CITY[residence] ?? 'Dubai', country: residence }],
  };
}

/** Sessions at `rate` per week over [from, to), each handed to `login`. */
function sessions(g: GenContext, rng: Random, from: number, to: number, perWeek: number, hours: readonly number[], login: (t: number) => void): number[] {
  const out: number[] = [];
  const n = rng.poisson((perWeek * (to - from)) / (7 * DAY));
  const d0 = Math.max(0, Math.floor((from - g.start) / DAY));
  const d1 = Math.min(g.days - 1, Math.floor((to - 1 - g.start) / DAY));
  if (d1 < d0) return out;
  for (let i = 0; i < n; i++) {
    const t = atJstHour(g, rng, rng.int(d0, d1), hours);
    if (t >= from && t < to) out.push(t);
  }
  out.sort((a, b) => a - b);
  for (const t of out) login(t);
  return out;
}

// ---------------------------------------------------------------------------------------------

/**
 * A company incorporated weeks before in a transshipment hub (SG, AE, HK, TR), owned and often
 * directed by Russians, operated from Russia part of the time (Moscow IPs, time zone, Russian
 * browser), moving USDT between foreign VASPs: FinCEN FIN-2022-Alert001 and -Alert003.
 */
function singaporeShell(g: GenContext, rng: Random, instance: string): ScenarioLabel[] {
  const R = TYPOLOGY_RANGES['singapore-shell'];
  const jurisdiction = rng.weighted(Object.entries(R.jurisdictions));
  const onboarded = g.start + inRange(rng, R.onboardedDay) * DAY + rng.range(0, DAY);
  const incorporated = dateBefore(onboarded, inRange(rng, R.incorporatedMonthsBefore) * 30.4);
  const company = hubCompany(rng, g.unique, jurisdiction);
  const owners = rng.chance(0.5) ? [russianPerson(rng, onboarded)] : [russianPerson(rng, onboarded), russianPerson(rng, onboarded, rng.pick(['RU', 'AE', jurisdiction]))];
  const shares = owners.length === 1 ? [100] : [rng.pick([51, 60, 70]), 0];
  if (owners.length === 2) shares[1] = 100 - shares[0]!;
  const nominee = rng.chance(R.nomineeDirector);
  // A nominee director: a local of Chinese descent in Singapore or Hong Kong, a British expatriate in Dubai or Istanbul.
  const localNationality = jurisdiction === 'SG' || jurisdiction === 'HK' ? jurisdiction : 'GB';
  const local = foreignName(rng, localNationality === 'GB' ? 'GB' : 'CN');
  const director: Party = nominee ? { type: 'person', names: [{ name: local.name, latin: local.latin }], nationalities: [localNationality], residence: jurisdiction } : owners[0]!;
  const ruContact = rng.chance(R.ruMailOrPhone);
  const phones: Record<string, string> = { SG: `+65 6${rng.digits(3)} ${rng.digits(4)}`, AE: `+971 4 ${rng.digits(3)} ${rng.digits(4)}`, HK: `+852 ${rng.digits(4)} ${rng.digits(4)}`, TR: `+90 212 ${rng.digits(3)} ${rng.digits(2)} ${rng.digits(2)}` };
  const id = g.customerId(rng);
  const customer: Customer = {
    id,
    type: 'legal',
    names: [{ name: company.name, kind: 'primary' }],
    registrationNumber: company.registrationNumber,
    jurisdiction,
    incorporationDate: incorporated,
    legalForm: company.legalForm,
    addresses: [{ lines: [`${rng.int(1, 200)} ${rng.pick(['Business Bay', 'Raffles Place', 'Queensway', 'Büyükdere Cd.', 'Cecil Street'])}`], city: CITY[jurisdiction]!, country: jurisdiction }],
    phone: ruContact && rng.chance(0.5) ? g.unique.take('phone', () => `+7 9${rng.digits(2)} ${rng.digits(3)}-${rng.digits(2)}-${rng.digits(2)}`) : g.unique.take('phone', () => phones[jurisdiction]!),
    email: ruContact ? g.unique.take('email', () => `${company.name.split(' ')[0]!.toLowerCase()}.${rng.int(1, 999)}@${rng.pick(['mail.ru', 'yandex.ru', 'bk.ru'])}`) : g.unique.take('email', () => `office${rng.int(1, 999)}@${company.name.split(' ')[0]!.toLowerCase()}-${rng.hex(2)}.com`),
    owners: owners.map((p, i) => ({ share: shares[i]!, party: p })),
    directors: [{ role: 'director', party: director }],
    riskRating: 'medium',
  };
  const actor = new Actor(g, rng, customer);
  actor.onboard(onboarded);
  const devices: Device[] = [newDevice(rng, g.unique, 'windows'), ...(rng.chance(0.6) ? [newDevice(rng, g.unique, 'android')] : [])];
  const hubIps = [g.ips.take(jurisdiction as IpRegion)];
  const ruIps = [g.ips.take('RU'), ...(rng.chance(0.5) ? [g.ips.take('RU')] : [])];
  const ruShare = inRange(rng, R.ruLoginShare);
  const moscowTz = rng.chance(R.moscowTimeZone);
  const ruBrowser = rng.chance(R.russianBrowser);
  const session = (t: number) => {
    const fromRu = rng.chance(ruShare);
    actor.login(t, {
      ip: rng.pick(fromRu ? ruIps : hubIps),
      device: rng.pick(devices),
      browserLanguage: fromRu && ruBrowser ? 'ru-RU,ru;q=0.9,en;q=0.8' : rng.chance(0.3) ? 'ru-RU' : 'en-US',
      timeZone: fromRu && moscowTz ? 'Europe/Moscow' : ZONES[jurisdiction]!,
    });
  };
  const first = onboarded + rng.range(10, 120) * MINUTE;
  session(first);
  sessions(g, rng, first + HOUR, g.end, inRange(rng, R.loginsPerWeek), MOSCOW_HOURS, session);
  // Money: USDT and BTC in from foreign VASPs and wallets, out to foreign VASPs within days, with
  // a handful of counterparties (the clients and suppliers it serves) used again and again.
  const payers = Array.from({ length: rng.int(2, 5) }, () => {
    const country = rng.pick(['AE', 'TR', 'HK', 'KG', 'GE']);
    return { country, party: foreignCompanyParty(rng, country) };
  });
  const payees = Array.from({ length: rng.int(2, 6) }, () => {
    const country = rng.pick(['AE', 'TR', 'HK', 'KG', 'GE', 'SG']);
    return { country, party: foreignCompanyParty(rng, country), address: { USDT: freshAddress(g, rng, 'tron'), BTC: freshAddress(g, rng, 'bitcoin') } };
  });
  const depositMedian = inRange(rng, R.depositMedian);
  const perWeek = inRange(rng, R.depositsPerWeek);
  const n = Math.max(2, rng.poisson((perWeek * (g.end - first)) / (7 * DAY)));
  for (let i = 0; i < n; i++) {
    const t = first + rng.range(0.05, 0.95) * (g.end - first - 2 * DAY);
    const asset: Asset = rng.chance(0.75) ? 'USDT' : 'BTC';
    const value = rng.logNormal(depositMedian, 0.5);
    const payer = rng.pick(payers);
    const vasp = FOREIGN_VASPS[payer.country]!;
    if (rng.chance(0.7)) actor.deposit(t, asset, value / g.market.price(asset, t), { source: freshAddress(g, rng, asset === 'USDT' ? 'tron' : 'bitcoin'), originator: payer.party, originatorVasp: vasp });
    else actor.deposit(t, asset, value / g.market.price(asset, t), { source: freshAddress(g, rng, asset === 'USDT' ? 'tron' : 'bitcoin') });
    const tw = t + rng.range(2, 72) * HOUR;
    if (tw >= g.end) continue;
    session(tw - rng.int(2, 20) * MINUTE);
    const payee = rng.pick(payees);
    actor.withdraw(tw, asset, actor.held(asset) * rng.range(0.85, 1), { destination: payee.address[asset as 'USDT' | 'BTC'], beneficiary: payee.party, beneficiaryVasp: FOREIGN_VASPS[payee.country]! });
  }
  return [label(actor, 'singapore-shell', instance, { note: `${jurisdiction} company incorporated ${incorporated}, ${owners.length} Russian owner(s)${nominee ? ', local nominee director' : ''}, ${Math.round(ruShare * 100)}% of logins from RU${moscowTz ? ' with Europe/Moscow' : ''}` })];
}

/**
 * Transfers split just under a threshold (JPY 2M APTCP verification line, JPY 30M FEFTA Art. 55
 * line): 3-6 in a day to a week, each 85-99% of it.
 */
function structuring(g: GenContext, rng: Random, instance: string): ScenarioLabel[] {
  const R = TYPOLOGY_RANGES.structuring;
  const theta = Number(rng.weighted(Object.entries(R.thresholds)));
  const b = jpResident(g, rng, { legal: rng.chance(0.15), holdingsJpy: theta * rng.range(0.5, 2) });
  const episodes = intIn(rng, R.episodes);
  const shapes: string[] = [];
  for (let e = 0; e < episodes; e++) {
    const k = intIn(rng, R.count);
    const [lo, hi] = R.spanHours[k as 3 | 4 | 5 | 6];
    const span = rng.range(lo, hi) * HOUR;
    const begin = g.start + rng.range(e / episodes, (e + 1) / episodes) * (g.end - g.start - span - 2 * DAY) + DAY;
    const direction = rng.weighted(Object.entries(R.directions));
    const times = Array.from({ length: k }, (_, i) => begin + (i === 0 ? 0 : i === k - 1 ? span : rng.range(0, span))).sort((x, y) => x - y);
    const amounts = times.map(() => Math.round((theta * inRange(rng, R.share)) / 10_000) * 10_000);
    shapes.push(`${k} ${direction} of ${amounts.map((a) => `${Math.round((a / theta) * 100)}%`).join('/')} of JPY ${theta.toLocaleString('en-US')} over ${Math.round(span / HOUR)} h`);
    const a = b.actor;
    if (direction === 'fiat-out' || direction === 'crypto-out') {
      // The money to split comes in first, a few days before, in one piece.
      const total = amounts.reduce((s, x) => s + x, 0);
      const tin = Math.max(g.start + HOUR, begin - rng.range(2, 6) * DAY);
      a.fiatIn(tin, total * 1.02);
      if (direction === 'crypto-out') a.buy(tin + rng.range(1, 10) * HOUR, 'BTC', total * 1.01);
    }
    times.forEach((t, i) => {
      const yen = amounts[i]!;
      loginAs(a, b.persona, t - rng.int(1, 15) * MINUTE);
      if (direction === 'fiat-in') a.fiatIn(t, yen);
      else if (direction === 'fiat-out') a.fiatOut(t, yen);
      else if (direction === 'crypto-in') a.deposit(t, 'BTC', yen / g.market.price('BTC', t), { source: b.wallets.byAsset.get('BTC')!, selfHosted: true });
      else a.withdraw(t, 'BTC', yen / g.market.price('BTC', t), { destination: b.wallets.byAsset.get('BTC')!, selfHosted: true, beneficiary: a.party });
    });
  }
  return [label(b, 'structuring', instance, { note: shapes.join('; ') })];
}

/** Yen in, within hours crypto out to a foreign VASP (80-100%), little trading: a hop, not an investment. */
function passThroughForeign(g: GenContext, rng: Random, instance: string): ScenarioLabel[] {
  const R = TYPOLOGY_RANGES['pass-through-foreign'];
  const b = jpResident(g, rng, { legal: rng.chance(0.3), profile: 'dormant' });
  const a = b.actor;
  const episodes = intIn(rng, R.episodes);
  const notes: string[] = [];
  for (let e = 0; e < episodes; e++) {
    const total = rng.logUniform(R.inflowTotal[0], R.inflowTotal[1]);
    const begin = g.start + rng.range(e / episodes, (e + 1) / episodes) * (g.end - g.start - 3 * DAY) + 2 * HOUR;
    const inflows = intIn(rng, R.inflows);
    const thirdParty = rng.chance(R.thirdPartyInflow);
    let t = begin;
    for (let i = 0; i < inflows; i++) {
      const part = Math.round(total / inflows / 1000) * 1000;
      if (thirdParty) {
        const n = japaneseName(rng);
        a.fiatIn(t, part, { bank: { name: '三井住友銀行', bic: 'SMBCJPJT', country: 'JP' }, accountNumber: `${rng.digits(3)}-${rng.digits(7)}`, counterparty: { type: 'person', names: [{ name: n.name, latin: n.latin }], residence: 'JP' } });
      } else a.fiatIn(t, part);
      t += rng.range(0.2, 4) * HOUR;
    }
    // The first withdrawal follows the last inflow by at least an hour.
    const firstOut = Math.max(begin + inRange(rng, R.hoursToFirstWithdrawal) * HOUR, t + HOUR);
    const asset: Asset = rng.weighted([['USDT', 5], ['BTC', 4], ['ETH', 1]]);
    const tb = Math.min(firstOut - 20 * MINUTE, t + rng.range(0.1, 3) * HOUR);
    loginAs(a, b.persona, tb - 3 * MINUTE);
    a.buy(tb, asset, Math.min(a.jpy, total) * rng.range(0.97, 1));
    const country = rng.pick(R.vaspCountries);
    const vasp = FOREIGN_VASPS[country]!;
    const share = inRange(rng, R.outShare);
    const outs = rng.chance(0.7) ? 1 : 2;
    const units = a.held(asset) * share;
    const beneficiary = rng.chance(0.5) ? foreignCompanyParty(rng, country) : { type: 'person' as const, names: [{ name: foreignName(rng, rng.pick(['RU', 'CN', 'US'] as const)).name }], residence: country };
    const destination = freshAddress(g, rng, asset === 'USDT' ? 'tron' : asset === 'BTC' ? 'bitcoin' : 'ethereum');
    for (let i = 0; i < outs; i++) {
      const tw = firstOut + i * rng.range(0.5, 5) * HOUR;
      if (tw >= g.end) break;
      loginAs(a, b.persona, tw - rng.int(1, 10) * MINUTE);
      a.withdraw(tw, asset, units / outs, { destination, beneficiary, beneficiaryVasp: vasp });
    }
    notes.push(`JPY ${Math.round(total).toLocaleString('en-US')} in ${inflows} transfer(s)${thirdParty ? ' from a third party' : ''}, ${Math.round(share * 100)}% out as ${asset} to a VASP in ${country} after ${Math.round((firstOut - begin) / HOUR)} h`);
  }
  return [label(b, 'pass-through-foreign', instance, { note: `${notes.join('; ')}; exact-pass-through needs the transfer graph to hold external counterparties (it links customers only)` })];
}

/**
 * A (mostly corporate) account that receives many small transfers from many senders round the
 * clock and forwards them within hours to many destinations: an undisclosed payment service.
 */
function relayAccount(g: GenContext, rng: Random, instance: string): ScenarioLabel[] {
  const R = TYPOLOGY_RANGES['relay-account'];
  const legal = rng.chance(R.legal);
  const b = jpResident(g, rng, { legal, profile: 'dormant' });
  const a = b.actor;
  const phaseDays = Math.min(g.days - 1, inRange(rng, R.phaseDays));
  const phaseStart = g.start + rng.range(0, Math.max(0, g.days - phaseDays - 1)) * DAY;
  const phaseEnd = phaseStart + phaseDays * DAY;
  const senders = intIn(rng, R.senders);
  const recipients = intIn(rng, R.recipients);
  const fiatShare = inRange(rng, R.fiatShare);
  const perDay = inRange(rng, R.inflowsPerDay);
  const median = inRange(rng, R.inflowMedian);
  const fee = inRange(rng, R.fee);
  const senderPool = Array.from({ length: senders }, (_, i) => {
    if (rng.chance(fiatShare)) {
      const n = japaneseName(rng);
      return { kind: 'fiat' as const, key: i, side: { bank: { name: rng.pick(['楽天銀行', 'PayPay銀行', 'ゆうちょ銀行', '住信SBIネット銀行']), country: 'JP' }, accountNumber: `${rng.digits(3)}-${rng.digits(7)}`, counterparty: { type: 'person' as const, names: [{ name: n.name, latin: n.latin }], residence: 'JP' } } };
    }
    return { kind: 'crypto' as const, key: i, address: freshAddress(g, rng, 'tron') };
  });
  const recipientPool = Array.from({ length: recipients }, () => freshAddress(g, rng, 'tron'));
  const bot = newDevice(rng, g.unique, 'bot');
  const botIp = b.persona.ips[0]!;
  const inflows = rng.poisson(perDay * phaseDays);
  const times = Array.from({ length: inflows }, () => phaseStart + rng.range(0, phaseEnd - phaseStart)).sort((x, y) => x - y);
  // Inflows and their forwards, in time order (a forward waits in a queue).
  const queue: { at: number; yen: number }[] = [];
  let lastLogin = -Infinity;
  const apiLogin = (t: number) => {
    if (t - lastLogin < 6 * HOUR) return;
    lastLogin = t;
    a.login(t - 2 * MINUTE, { ip: botIp, device: bot, channel: 'api' });
  };
  const flushUntil = (t: number) => {
    queue.sort((x, y) => x.at - y.at);
    while (queue.length && queue[0]!.at <= t) {
      const f = queue.shift()!;
      if (f.at >= g.end) continue;
      apiLogin(f.at);
      const units = Math.min(a.held('USDT'), (f.yen * (1 - fee)) / g.market.price('USDT', f.at));
      if (units > 0) a.withdraw(f.at, 'USDT', units, { destination: rng.pick(recipientPool) });
    }
  };
  for (const t of times) {
    flushUntil(t);
    const s = rng.pick(senderPool);
    const yen = Math.max(5_000, Math.round(rng.logNormal(median, 0.7) / 1000) * 1000);
    if (s.kind === 'fiat') {
      a.fiatIn(t, yen, s.side);
      // Yen is turned into USDT at once to be forwarded.
      a.buy(t + rng.int(1, 10) * MINUTE, 'USDT', yen);
    } else {
      a.deposit(t, 'USDT', yen / g.market.price('USDT', t), { source: s.address });
    }
    queue.push({ at: t + inRange(rng, R.forwardHours) * HOUR, yen });
  }
  flushUntil(Infinity);
  return [label(b, 'relay-account', instance, { note: `${legal ? 'company' : 'person'}; ${inflows} inflows from ${senders} senders (${Math.round(fiatShare * 100)}% fiat) over ${Math.round(phaseDays)} days, median JPY ${Math.round(median).toLocaleString('en-US')}, forwarded to ${recipients} recipients, fee ${(fee * 100).toFixed(1)}%` })];
}

/** A customer declaring Japan whose logins come from Crimea (UA-43) or Sevastopol (UA-40) for a stay. */
function crimeaLogins(g: GenContext, rng: Random, instance: string): ScenarioLabel[] {
  const R = TYPOLOGY_RANGES['crimea-logins'];
  const b = jpResident(g, rng, { nationality: rng.weighted<'JP' | 'UA'>([['JP', 3], ['UA', 1]]) });
  const a = b.actor;
  const region: IpRegion = rng.chance(R.sevastopol) ? 'UA-40' : 'UA-43';
  const stay = Math.min(g.days - 2, inRange(rng, R.stayDays));
  const from = g.start + rng.range(0, g.days - stay - 1) * DAY;
  const to = from + stay * DAY;
  const ips = [g.ips.take(region), ...(rng.chance(0.4) ? [g.ips.take(region)] : [])];
  const share = inRange(rng, R.crimeaShare);
  const tz = rng.weighted([['Europe/Simferopol', R.simferopolTimeZone], ['Europe/Moscow', R.moscowTimeZone], ['Asia/Tokyo', 1 - R.simferopolTimeZone - R.moscowTimeZone]]);
  const lang = rng.chance(R.russianBrowser) ? 'ru-RU' : b.persona.browserLanguage;
  const login = (t: number) => {
    if (rng.chance(share)) a.login(t, { ip: rng.pick(ips), device: rng.pick(b.persona.devices), browserLanguage: lang, timeZone: tz });
    else loginAs(a, b.persona, t);
  };
  const times = sessions(g, rng, from, to, rng.range(2, 7), MOSCOW_HOURS, login);
  if (!times.length) {
    const t = from + rng.range(0, to - from);
    a.login(t, { ip: ips[0]!, device: b.persona.devices[0]!, browserLanguage: lang, timeZone: tz });
    times.push(t);
  }
  // Some money moves while there: a withdrawal to the customer's wallet, or a sale.
  if (rng.chance(0.6)) {
    const t = rng.pick(times) + rng.int(2, 20) * MINUTE;
    if (a.held('BTC') > 0 && t < g.end) a.withdraw(t, 'BTC', a.held('BTC') * rng.range(0.2, 0.8), { destination: b.wallets.byAsset.get('BTC')!, selfHosted: true, beneficiary: a.party });
  }
  return [label(b, 'crimea-logins', instance, { note: `${Math.round(stay)} days in ${region}, ${Math.round(share * 100)}% of logins from there, time zone ${tz}` })];
}

/** A miner whose rigs connect by stratum from Russia and who is paid by a Russia-based pool. */
function miningRussianPool(g: GenContext, rng: Random, instance: string): ScenarioLabel[] {
  const R = TYPOLOGY_RANGES['mining-russian-pool'];
  const legal = rng.chance(R.legal);
  // A mining company is named as one (マイニング, "Mining"); a person declares mining as occupation.
  const miningName = (c: Customer): Customer => {
    if (c.type !== 'legal') return c;
    const n = c.names[0]!;
    return { ...c, names: [{ ...n, name: n.name.replace(/(商事|テクノロジー|ホールディングス|トレーディング|不動産|物産|システムズ|キャピタル)$/, 'マイニング'), ...(n.latin ? { latin: n.latin.replace(/ [A-Za-z]+( K\.K\.| G\.K\.)$/, ' Mining$1') } : {}) }] };
  };
  const b = jpResident(g, rng, { legal, occupation: '暗号資産マイニング', profile: 'dormant', customize: miningName });
  const share = inRange(rng, R.rigInRussiaShare);
  const daily = inRange(rng, R.dailyBtc);
  minerActivity(g, rng, b, 'RU', g.start, { dashboardRegion: rng.chance(R.dashboardFromRussia) ? 'RU' : 'JP', dailyBtc: daily, regionShare: share });
  return [
    label(b, 'mining-russian-pool', instance, {
      withChainData: ['mining-payout-origin'],
      note: `${legal ? 'mining company' : 'individual miner'}, ${Math.round(share * 100)}% of stratum connections from RU, ~${daily.toFixed(4)} BTC a day from one pool payout address (mining-payout-origin fires once the chain store attributes that address to a Russia-based pool)`,
    }),
  ];
}

/**
 * Several "different" customers sharing a device and/or a withdrawal address with a
 * Russia-linked customer: proxies opening accounts for someone the exchange would refuse.
 */
function sharedIdentifierRing(g: GenContext, rng: Random, instance: string): ScenarioLabel[] {
  const R = TYPOLOGY_RANGES['shared-identifier-ring'];
  const via = rng.weighted(Object.entries(R.via));
  const hubId = g.customerId(rng);
  const hubSince = g.start - rng.logUniform(400, 2000) * DAY;
  const hubPerson = russianPerson(rng, hubSince);
  const hubWallets = ownWallets(g, rng, ['BTC', 'USDT']);
  const hubRecord: Customer = {
    id: hubId,
    ...hubPerson,
    documents: [{ type: 'passport', number: g.unique.take('document', () => `7${rng.digits(8)}`), country: 'RU' }],
    phone: g.unique.take('phone', () => `+7 9${rng.digits(2)} ${rng.digits(3)}-${rng.digits(2)}-${rng.digits(2)}`),
    email: g.unique.take('email', () => `${hubPerson.names[0]!.latin!.split(' ')[0]!.toLowerCase()}${rng.int(1, 999)}@mail.ru`),
    wallets: walletRecords(hubWallets),
    riskRating: 'high',
  };
  const hub = new Actor(g, rng, hubRecord);
  hub.onboard(hubSince);
  hub.holdings.set('USDT', rng.logNormal(2_000_000, 0.5) / g.market.price('USDT', g.start));
  const device = newDevice(rng, g.unique, 'windows');
  const hubIp = g.ips.take('JP');
  const shared = hubWallets.byAsset.get('USDT')!;
  const hubLogin = (t: number) => hub.login(t, { ip: hubIp, device, browserLanguage: 'ru-RU', timeZone: 'Asia/Tokyo' });
  const firstHub = g.start + rng.range(0.1, 2) * DAY;
  hubLogin(firstHub);
  sessions(g, rng, firstHub + HOUR, g.end, rng.range(1, 3), RETAIL_HOURS, hubLogin);
  const labels: ScenarioLabel[] = [];
  const members = intIn(rng, R.members);
  for (let m = 0; m < members; m++) {
    const since = firstHub + rng.range(0.5, Math.max(1, g.days * 0.6)) * DAY;
    const b = jpResident(g, rng, { since, cover: false, holdingsJpy: 0 });
    b.actor.holdings.clear();
    b.actor.jpy = 0;
    const a = b.actor;
    const useDevice = via !== 'withdrawal-address';
    const useAddress = via !== 'device';
    // The member's first login: on the shared device (from the hub's connection now and then).
    const login = (t: number) => a.login(t, { ip: rng.chance(0.3) ? hubIp : b.persona.ips[0]!, device: useDevice && rng.chance(0.7) ? device : b.persona.devices[0]!, browserLanguage: 'ja-JP', timeZone: 'Asia/Tokyo' });
    const t0 = since + rng.range(5, 60) * MINUTE;
    if (useDevice) a.login(t0, { ip: b.persona.ips[0]!, device, browserLanguage: 'ja-JP', timeZone: 'Asia/Tokyo' });
    else login(t0);
    const rounds = rng.int(1, 4);
    for (let r = 0; r < rounds; r++) {
      const t = t0 + rng.range(0.2, 1) * ((g.end - t0) / rounds) * (r + rng.range(0.2, 0.9));
      if (t + 2 * DAY >= g.end) break;
      const yen = Math.round(rng.logUniform(200_000, 3_000_000) / 1000) * 1000;
      a.fiatIn(t, yen);
      login(t + rng.range(1, 20) * HOUR);
      const tb = t + rng.range(1, 24) * HOUR;
      a.buy(tb, 'USDT', yen * 0.99);
      const tw = tb + rng.range(1, 72) * HOUR;
      login(tw - 5 * MINUTE);
      const destination = useAddress ? shared : freshAddress(g, rng, 'tron');
      a.withdraw(tw, 'USDT', a.held('USDT'), { destination, selfHosted: true, beneficiary: a.party });
    }
    labels.push(label(b, 'shared-identifier-ring', instance, { note: `front of customer ${hubId} (Russia-linked), shares its ${via === 'both' ? 'device and withdrawal address' : via}` }));
  }
  // The hub moves what the fronts sent it on.
  const out = g.start + rng.range(0.5, 0.95) * (g.end - g.start);
  hubLogin(out - 10 * MINUTE);
  hub.withdraw(out, 'USDT', hub.held('USDT') * rng.range(0.3, 0.9), { destination: freshAddress(g, rng, 'tron'), beneficiaryVasp: FOREIGN_VASPS.KG!, beneficiary: hub.party });
  labels.unshift(label(hub, 'shared-identifier-ring', instance, { expectedRules: ['shared-identifier-link', 'russian-person-policy'], note: `Russia-linked hub of ${members} front(s), linked by ${via}` }));
  return labels;
}

/** A customer declaring Japan who logs in from Moscow (the issue's "logins from Moscow on an account that declares Tokyo"). */
function moscowLogins(g: GenContext, rng: Random, instance: string): ScenarioLabel[] {
  const R = TYPOLOGY_RANGES['moscow-logins'];
  const b = jpResident(g, rng, {});
  const a = b.actor;
  const from = g.start + Math.min(g.days - 5, inRange(rng, R.fromDay)) * DAY;
  const share = inRange(rng, R.ruShare);
  const ruIp = g.ips.take('RU');
  const tz = rng.chance(R.moscowTimeZone) ? 'Europe/Moscow' : 'Asia/Tokyo';
  const lang = rng.chance(R.russianBrowser) ? 'ru-RU' : b.persona.browserLanguage;
  let ruLogins = 0;
  const login = (t: number) => {
    if (rng.chance(share)) {
      ruLogins++;
      a.login(t, { ip: ruIp, device: rng.pick(b.persona.devices), browserLanguage: lang, timeZone: tz });
    } else loginAs(a, b.persona, t);
  };
  const times = sessions(g, rng, from, g.end, rng.range(2, 6), MOSCOW_HOURS, login);
  if (!ruLogins) {
    const t = from + rng.range(0, g.end - from - HOUR);
    a.login(t, { ip: ruIp, device: b.persona.devices[0]!, browserLanguage: lang, timeZone: tz });
    times.push(t);
  }
  if (rng.chance(0.7) && a.held('BTC') > 0) {
    const t = rng.pick(times) + rng.int(2, 30) * MINUTE;
    if (t < g.end) a.withdraw(t, 'BTC', a.held('BTC') * rng.range(0.3, 0.9), { destination: b.wallets.byAsset.get('BTC')!, selfHosted: true, beneficiary: a.party });
  }
  return [label(b, 'moscow-logins', instance, { note: `${Math.round(share * 100)}% of logins from RU from day ${Math.round((from - g.start) / DAY)}, time zone ${tz}, browser ${lang}` })];
}

/** Large sends to new self-hosted addresses the customer never declared. */
function unhostedWallet(g: GenContext, rng: Random, instance: string): ScenarioLabel[] {
  const R = TYPOLOGY_RANGES['unhosted-wallet'];
  const b = jpResident(g, rng, {});
  const a = b.actor;
  const sends = intIn(rng, R.sends);
  for (let i = 0; i < sends; i++) {
    const t = g.start + rng.range((i + 0.2) / sends, (i + 0.9) / sends) * (g.end - g.start);
    const yen = rng.logUniform(R.amount[0], R.amount[1]);
    const tin = t - rng.range(3, 10) * DAY;
    if (tin > g.start) a.fiatIn(tin, yen * 1.02);
    else a.jpy += yen * 1.02;
    a.buy(Math.max(g.start, tin) + rng.range(1, 20) * HOUR, 'BTC', yen * 1.01);
    loginAs(a, b.persona, t - rng.int(2, 15) * MINUTE);
    a.withdraw(t, 'BTC', yen / g.market.price('BTC', t), { destination: freshAddress(g, rng, 'bitcoin'), selfHosted: true });
  }
  return [label(b, 'unhosted-wallet', instance, { note: `${sends} send(s) of JPY ${R.amount[0].toLocaleString('en-US')}-${R.amount[1].toLocaleString('en-US')} to new undeclared self-hosted addresses` })];
}

/** A resident paying or paid by a non-resident above JPY 30M: a FEFTA Art. 55 report is due. */
function feftaArt55(g: GenContext, rng: Random, instance: string): ScenarioLabel[] {
  const R = TYPOLOGY_RANGES['fefta-art55'];
  const b = jpResident(g, rng, { legal: rng.chance(0.6), profile: 'company' });
  const a = b.actor;
  const variant = rng.weighted(Object.entries(R.variants));
  const yen = rng.logUniform(R.amount[0], R.amount[1]);
  const t = g.start + rng.range(0.2, 0.9) * (g.end - g.start);
  const country = rng.pick(['US', 'GB', 'SG', 'HK']);
  loginAs(a, b.persona, t - rng.int(5, 30) * MINUTE);
  if (variant === 'withdrawal-to-foreign-vasp') {
    const tin = t - rng.range(5, 15) * DAY;
    a.fiatIn(Math.max(g.start, tin), yen * 1.01);
    a.buy(Math.max(g.start, tin) + rng.range(1, 30) * HOUR, 'BTC', yen * 1.005);
    a.withdraw(t, 'BTC', yen / g.market.price('BTC', t), { destination: freshAddress(g, rng, 'bitcoin'), beneficiary: foreignCompanyParty(rng, country), beneficiaryVasp: FOREIGN_VASPS[country]! });
  } else if (variant === 'deposit-from-foreign-vasp') {
    a.deposit(t, 'BTC', yen / g.market.price('BTC', t), { source: freshAddress(g, rng, 'bitcoin'), originator: foreignCompanyParty(rng, country), originatorVasp: FOREIGN_VASPS[country]! });
  } else {
    a.fiatIn(t, yen, { bank: { name: country === 'US' ? 'Hudson Trust Bank' : 'Harbour Commercial Bank', country }, accountNumber: rng.digits(10), counterparty: foreignCompanyParty(rng, country) });
  }
  return [label(b, 'fefta-art55', instance, { note: `${variant}: JPY ${Math.round(yen).toLocaleString('en-US')} with a party in ${country}` })];
}

/**
 * An exited customer comes back through another person. The exchange offboarded a Russian
 * resident under its Russia policy (customer.updated with `offboarded`); days or weeks later a
 * new account under a Japanese name logs in from the same home connection or device, registers
 * the same phone, or withdraws to the exited customer's wallet, and moves money through. Rule 29
 * flags the new account for the link to an offboarded customer whatever the identifier, a shared
 * IP alone included (which links a Russia-linked customer that is still served to nobody).
 */
function offboardedReturn(g: GenContext, rng: Random, instance: string): ScenarioLabel[] {
  const R = TYPOLOGY_RANGES['offboarded-return'];
  const via = rng.weighted(Object.entries(R.via));
  const oldSince = g.start - rng.logUniform(200, 1500) * DAY;
  const person = russianPerson(rng, oldSince, 'JP');
  const oldWallets = ownWallets(g, rng, ['BTC', 'USDT']);
  const oldRecord: Customer = {
    id: g.customerId(rng),
    ...person,
    addresses: [{ city: 'Tokyo', region: 'Tokyo', postcode: `1${rng.digits(2)}-${rng.digits(4)}`, country: 'JP' }],
    documents: [{ type: 'residence-card', number: g.unique.take('document', () => `RC${rng.digits(10)}`), country: 'JP' }],
    phone: g.unique.take('phone', () => `+81 90-${rng.digits(4)}-${rng.digits(4)}`),
    email: g.unique.take('email', () => `${person.names[0]!.latin!.split(' ')[0]!.toLowerCase()}${rng.int(1, 999)}@gmail.com`),
    wallets: walletRecords(oldWallets),
    riskRating: 'high',
  };
  const old = new Actor(g, rng, oldRecord);
  old.onboard(oldSince);
  const home = g.ips.take('JP');
  const device = newDevice(rng, g.unique, 'windows');
  // Within the stream, with room after it for the return (the shortest stream is 7 days).
  const exitAt = g.start + Math.min(intIn(rng, R.exitDay), Math.floor(g.days * 0.3)) * DAY + rng.range(2, 8) * HOUR;
  for (let t = g.start + rng.range(0.2, 1) * DAY; t < exitAt - HOUR; t += rng.range(1, 4) * DAY) old.login(t, { ip: home, device, browserLanguage: 'ru-RU', timeZone: 'Asia/Tokyo' });
  const reason = 'Russia policy: the exchange no longer serves Russian nationals';
  old.update(exitAt, { ...oldRecord, offboarded: { date: new Date(exitAt).toISOString().slice(0, 10), reason } });

  const since = exitAt + Math.max(0.5 * DAY, Math.min(intIn(rng, R.returnDays) * DAY, g.end - 2 * DAY - exitAt));
  const b = jpResident(g, rng, { since, cover: false, holdingsJpy: 0, ...(via === 'phone' ? { customize: (c: Customer) => ({ ...c, phone: oldRecord.phone! }) } : {}) });
  const a = b.actor;
  a.holdings.clear();
  a.jpy = 0;
  const login = (t: number) => a.login(t, { ip: via === 'ip' ? home : b.persona.ips[0]!, device: via === 'device' ? device : b.persona.devices[0]!, browserLanguage: 'ja-JP', timeZone: 'Asia/Tokyo' });
  let t = since + rng.range(10, 90) * MINUTE;
  login(t);
  // At least one round (top-up, USDT bought and sent on) within a day of the first login; more while the stream lasts.
  const deposits = intIn(rng, R.deposits);
  for (let d = 0; d < deposits && (d === 0 || t + 3 * DAY < g.end); d++) {
    t += (d === 0 ? rng.range(2, 12) : rng.range(24, 72)) * HOUR;
    const yen = Math.round(inRange(rng, R.deposit) / 1000) * 1000;
    a.fiatIn(t, yen);
    const tb = t + rng.range(1, 3) * HOUR;
    login(tb - 10 * MINUTE);
    a.buy(tb, 'USDT', yen * 0.99);
    const tw = tb + rng.range(1, 6) * HOUR;
    login(tw - 5 * MINUTE);
    const destination = via === 'withdrawal-address' ? oldWallets.byAsset.get('USDT')! : freshAddress(g, rng, 'tron');
    a.withdraw(tw, 'USDT', a.held('USDT'), { destination, selfHosted: true, beneficiary: a.party });
    t = tw;
  }
  return [
    label(b, 'offboarded-return', instance, { note: `returns ${Math.round((since - exitAt) / DAY)} days after customer ${old.id} was offboarded, sharing its ${via}` }),
    label(old, 'offboarded-return', instance, { expectedRules: ['shared-identifier-link', 'russian-person-policy'], note: `offboarded on day ${Math.round((exitAt - g.start) / DAY)} (${reason})` }),
  ];
}

/** Every typology: builds one instance and returns the labels of its customers. */
export const TYPOLOGIES: Record<ScenarioName, (g: GenContext, rng: Random, instance: string) => ScenarioLabel[]> = {
  'singapore-shell': singaporeShell,
  structuring,
  'pass-through-foreign': passThroughForeign,
  'relay-account': relayAccount,
  'crimea-logins': crimeaLogins,
  'mining-russian-pool': miningRussianPool,
  'shared-identifier-ring': sharedIdentifierRing,
  'moscow-logins': moscowLogins,
  'unhosted-wallet': unhostedWallet,
  'fefta-art55': feftaArt55,
  'offboarded-return': offboardedReturn,
};

