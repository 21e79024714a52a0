/**
 * @module monitoring/rules/indicators
 * The data tables and pure feature functions behind the geography and network rules
 * (research/monitoring.md rules 9-13, 29-35): which jurisdictions and regions are comprehensively
 * sanctioned, which transshipment hubs FinCEN names, and what a phone number, a postcode, an
 * e-mail domain, a browser language or a time zone says about a tie to Russia, Belarus or an
 * occupied region of Ukraine. Every table says where it comes from and how sure we are of it:
 * several numbering and postcode ranges were set by occupation authorities and are documented
 * only in secondary sources (marked "unverified" below; they feed review rules, never a block
 * on their own unless rule 9 is told to).
 */
import type { Customer, Party } from '../../customers/schema.ts';
import { asciiFold } from '../../names/index.ts';
import type { GeoInfo } from '../types.ts';

// ---------------------------------------------------------------------------------------------
// Jurisdictions and regions

/**
 * Comprehensively sanctioned countries (OFAC; research/monitoring.md S12, S13). Syria is left
 * out: E.O. 14312 revoked the US Syria program with effect from 1 July 2025 (OFAC removed the
 * Syrian Sanctions Regulations, 31 CFR part 542, on 26 August 2025) and the EU lifted most
 * economic sanctions on Syria in May 2025. Add `SY` to rule 9's `countries` to restore it.
 */
export const COMPREHENSIVE_COUNTRIES: readonly string[] = ['CU', 'IR', 'KP'];

/**
 * Comprehensively sanctioned regions of Ukraine (ISO 3166-2): Crimea (E.O. 13685, 2014),
 * Sevastopol, and the so-called DNR and LNR (E.O. 14065, 2022). Region-level geolocation knows
 * the oblast, not the line of contact: OFAC FAQ 1009 says E.O. 14065 does not cover all of the
 * Donetsk and Luhansk oblasts, so a block on UA-14 or UA-09 also catches government-controlled
 * areas (an analyst releases those).
 */
export const COVERED_REGIONS: readonly string[] = ['UA-43', 'UA-40', 'UA-14', 'UA-09'];

/**
 * Regions the EU adds (research S13): the non-government-controlled areas of Zaporizhzhia and
 * Kherson. Council Decision (CFSP) 2022/1908 and Council Regulation (EU) 2022/1903 of 6 October
 * 2022 extended Regulation (EU) 2022/263 from Donetsk and Luhansk to the non-government
 * controlled areas of the Donetsk, Kherson, Luhansk and Zaporizhzhia oblasts (EUR-Lex, OJ L 259I,
 * 6.10.2022). Same caveat: the oblast is wider than the restricted area.
 */
export const EU_EXTRA_REGIONS: readonly string[] = ['UA-23', 'UA-65'];

export const REGION_NAMES: Readonly<Record<string, string>> = {
  'UA-43': 'Crimea',
  'UA-40': 'Sevastopol',
  'UA-14': 'Donetsk oblast (so-called DNR)',
  'UA-09': 'Luhansk oblast (so-called LNR)',
  'UA-23': 'Zaporizhzhia oblast',
  'UA-65': 'Kherson oblast',
};

/** Countries the Russia-evasion rules watch (the same set as facts.ts RUSSIA_LINKED). */
export const RU_BY: readonly string[] = ['RU', 'BY'];

/**
 * Common transshipment points to Russia and Belarus: the eighteen of FinCEN/BIS
 * FIN-2022-Alert003 (28 June 2022; research S11; as reported by bm.ge, qazmonitor.com,
 * tashkenttimes.uz and asiaplustj.info, which agree; not checked against the PDF), and Hong Kong
 * and Macau, which the DOJ/OFAC/BIS Tri-Seal Compliance Note of 2 March 2023 names with China
 * (as reported by law-firm summaries; research rule 30 names Hong Kong too). Cyprus is not on
 * either list.
 */
export const TRANSSHIPMENT_HUBS: readonly string[] = ['AM', 'BR', 'CN', 'GE', 'IN', 'IL', 'KZ', 'KG', 'MX', 'NI', 'RS', 'SG', 'ZA', 'TW', 'TJ', 'TR', 'AE', 'UZ', 'HK', 'MO'];

/**
 * Countries where Russian is widely spoken (post-Soviet states, and Israel): a customer who
 * declares one of them (nationality or residence) explains a Russian-language browser or a
 * Russian mail provider. A policy table, editable through rule 12's parameters.
 */
export const RUSSIAN_SPEAKING: readonly string[] = ['RU', 'BY', 'KZ', 'KG', 'UA', 'UZ', 'TJ', 'TM', 'MD', 'AM', 'AZ', 'GE', 'LV', 'EE', 'LT', 'IL'];

/** EU member states, the EEA and Switzerland: Reg. 833/2014 Art. 5b exempts their nationals and residence-permit holders. */
export const EU_EEA_CH: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO', 'CH',
];

/** Describes a region code for a reason sentence: "UA-43 (Crimea)". */
export const regionLabel = (code: string): string => (REGION_NAMES[code] ? `${code} (${REGION_NAMES[code]})` : code);

// ---------------------------------------------------------------------------------------------
// Geolocation

/**
 * Region names some geolocation databases use when they file an occupied region under RU, or
 * give a name but no ISO code. Only region names are read for the oblasts (Rostov oblast has a
 * town called Donetsk); Crimean city names are unique enough to read from the city too.
 */
const REGION_NAME_PATTERNS: [RegExp, string][] = [
  [/sevastopol|sebastopol|севастопол/i, 'UA-40'],
  [/crimea|krym|крым|крим/i, 'UA-43'],
  [/donetsk|donec|донецк|донецьк/i, 'UA-14'],
  [/luhansk|lugansk|луганск|луганськ/i, 'UA-09'],
  [/zaporiz|zaporozh|запорож|запоріз/i, 'UA-23'],
  [/kherson|херсон/i, 'UA-65'],
];
const CRIMEAN_CITIES = /simferopol|симферопол|сімферопол|kerch|керч|yalta|ялта|yevpatori|evpatori|евпатори|feodosi|феодоси|alushta|алушт|dzhankoi|джанкой/i;

/**
 * The ISO 3166-2 region of a geolocated IP, if known: the database's code (`UA-43`, or `43`
 * with country UA), else one read from the region or city name when the database files the
 * place under RU or UA. Undefined when nothing says where the address is.
 * @example geoRegion({ ip: '1.2.3.4', country: 'RU', regionName: 'Republic of Crimea' }) // 'UA-43'
 */
export function geoRegion(geo: GeoInfo | undefined): string | undefined {
  if (!geo) return undefined;
  const country = geo.country?.trim().toUpperCase();
  const raw = geo.region?.trim().toUpperCase();
  let code = raw && /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(raw) ? raw : raw && country && /^[A-Z0-9]{1,3}$/.test(raw) ? `${country}-${raw}` : undefined;
  if (code && RU_ALIASES[code]) code = RU_ALIASES[code];
  if (code?.startsWith('UA-')) return code;
  // A Russian subdivision code, or none: the name may still say Crimea or an occupied oblast.
  if (country === undefined || country === 'RU' || country === 'UA') {
    if (geo.regionName) for (const [re, c] of REGION_NAME_PATTERNS) if (re.test(geo.regionName)) return c;
    if (geo.city) {
      if (/sevastopol|sebastopol|севастопол/i.test(geo.city)) return 'UA-40';
      if (CRIMEAN_CITIES.test(geo.city)) return 'UA-43';
    }
  }
  return code;
}

/** Codes some data sets give Crimea and Sevastopol as Russian subdivisions (not ISO 3166-2). */
const RU_ALIASES: Record<string, string> = { 'RU-CR': 'UA-43', 'RU-SEV': 'UA-40' };

/** Whether the geolocation says anything about the country (no `unknown`, a country given). */
export const geoKnown = (geo: GeoInfo | undefined): geo is GeoInfo & { country: string } => !!geo && !geo.unknown && !!geo.country;

/** The anonymisers a geolocated IP is flagged as. */
export function anonymisers(geo: GeoInfo | undefined): ('tor' | 'vpn' | 'hosting')[] {
  if (!geo) return [];
  return [...(geo.tor ? ['tor' as const] : []), ...(geo.vpn ? ['vpn' as const] : []), ...(geo.hosting ? ['hosting' as const] : [])];
}

// ---------------------------------------------------------------------------------------------
// KYC and session indicators

export type IndicatorKind = 'phone' | 'postcode' | 'email' | 'browser-language' | 'time-zone';

/**
 * One thing in a customer's data or session that points to Russia, Belarus or an occupied region.
 * `explainedBy`: declared countries that make it unremarkable. `basis` says which declarations
 * count: `identity` (who the customer is: nationality, residence, address) for a phone, a mail
 * provider or a language; `location` (where the customer is: residence, address) for a time zone.
 * An indicator of an occupied region is explained by nothing (no ISO 3166-1 code declares it).
 */
export interface Indicator {
  kind: IndicatorKind;
  /** What was seen, minimised: a phone's prefix, an e-mail's domain, never the whole value. */
  value: string;
  country: string;
  /** ISO 3166-2 regions it points to, when it points to an occupied region. */
  regions: string[];
  label: string;
  basis: 'identity' | 'location';
  explainedBy: readonly string[];
  /** False where the range comes from secondary sources only (see the tables). */
  verified: boolean;
}

/**
 * +7 ranges that are not plain Russia. Kazakhstan holds the 6xx and 7xx area codes of zone 7
 * (Russia-Kazakhstan agreement of 17 June 2006). Crimea moved to +7 978 (mobile) and +7 365
 * (landlines), Sevastopol to +7 869 (landlines), on 7 May 2015 (Wikipedia "Telephone numbers in
 * Russia"; Sevastopol's +7 8692 also reported by krymr.com). Unverified: +7 949 (DNR, Phoenix),
 * +7 959 (LNR, Lugacom) and +7 990 (occupied Zaporizhzhia and Kherson), the Russian ranges the
 * occupied regions moved to in 2022-2023 (a move to +7 is reported by ir-press.ru, novayagazeta.eu;
 * the exact codes are from memory of the Russian numbering plan).
 */
const PLUS7_REGIONS: { prefix: string; regions: string[]; label: string; verified: boolean }[] = [
  { prefix: '978', regions: ['UA-43', 'UA-40'], label: 'the Crimea and Sevastopol mobile range +7 978', verified: true },
  { prefix: '365', regions: ['UA-43'], label: 'the Crimean landline range +7 365', verified: true },
  { prefix: '869', regions: ['UA-40'], label: 'the Sevastopol landline range +7 869', verified: true },
  { prefix: '949', regions: ['UA-14'], label: 'the so-called DNR range +7 949 (Phoenix)', verified: false },
  { prefix: '959', regions: ['UA-09'], label: 'the so-called LNR range +7 959 (Lugacom)', verified: false },
  { prefix: '990', regions: ['UA-23', 'UA-65'], label: 'the occupied Zaporizhzhia/Kherson range +7 990', verified: false },
];

/**
 * +380 ranges the DNR and LNR operators used before their move to +7: Phoenix +380 71 and
 * Lugacom +380 72 (operators confirmed by dan-news.ru and most-dnepr.info; the codes
 * themselves are unverified).
 */
const PLUS380_REGIONS: { prefix: string; regions: string[]; label: string; verified: boolean }[] = [
  { prefix: '71', regions: ['UA-14'], label: 'the so-called DNR range +380 71 (Phoenix)', verified: false },
  { prefix: '72', regions: ['UA-09'], label: 'the so-called LNR range +380 72 (Lugacom)', verified: false },
];

/**
 * The international digits of a phone number: `+7 (978) 123-45-67` → `79781234567`. A number in
 * national format is read only when it is unambiguous: 8 followed by ten digits is the Russian
 * and Kazakh trunk format (8 978 … is +7 978 …). Other national numbers (090-1234-5678) say no
 * country and give undefined.
 */
export function internationalDigits(raw: string): string | undefined {
  const s = raw.trim();
  const digits = s.replace(/\D/g, '');
  if (s.startsWith('+')) return digits || undefined;
  if (s.startsWith('00')) return digits.slice(2) || undefined;
  if (/^8\d{10}$/.test(digits)) return `7${digits.slice(1)}`;
  return undefined;
}

/**
 * What a phone number says: Russia, Belarus or an occupied region (Kazakh +7 numbers say nothing).
 * @example phoneIndicator('+7 978 123 45 67')?.regions // ['UA-43', 'UA-40']
 */
export function phoneIndicator(raw: string | undefined): Indicator | undefined {
  if (!raw) return undefined;
  const d = internationalDigits(raw);
  if (!d) return undefined;
  if (d.startsWith('7') && d.length >= 4) {
    if (d[1] === '6' || d[1] === '7') return undefined; // Kazakhstan
    const nat = d.slice(1, 4);
    const covered = PLUS7_REGIONS.find((r) => r.prefix === nat);
    if (covered) return { kind: 'phone', value: `+7 ${nat}`, country: 'RU', regions: covered.regions, label: `phone number in ${covered.label}`, basis: 'identity', explainedBy: [], verified: covered.verified };
    return { kind: 'phone', value: `+7 ${nat}`, country: 'RU', regions: [], label: 'Russian phone number (+7)', basis: 'identity', explainedBy: ['RU'], verified: true };
  }
  if (d.startsWith('375')) return { kind: 'phone', value: '+375', country: 'BY', regions: [], label: 'Belarusian phone number (+375)', basis: 'identity', explainedBy: ['BY'], verified: true };
  if (d.startsWith('380')) {
    const covered = PLUS380_REGIONS.find((r) => d.slice(3).startsWith(r.prefix));
    if (covered) return { kind: 'phone', value: `+380 ${covered.prefix}`, country: 'UA', regions: covered.regions, label: `phone number in ${covered.label}`, basis: 'identity', explainedBy: [], verified: covered.verified };
  }
  return undefined;
}

/**
 * Postcode ranges of occupied regions. Russian Post gave Crimea and Sevastopol six-digit codes
 * made by putting a 2 before the Ukrainian code (Simferopol 95000 → 295000, Sevastopol 99000 →
 * 299000; Russian Post, April 2014, reported by 24tv.ua; Wikipedia "Postal codes in Russia").
 * Unverified: the same scheme for the oblasts annexed in 2022 (DNR 283-287, LNR 291-294,
 * Zaporizhzhia 269-272, Kherson 273-275). Ukrainian five-digit codes give the oblast (95-98
 * Crimea, 99 Sevastopol); for the partly occupied oblasts the Ukrainian code says nothing about
 * the side of the line, so it is not read.
 */
const RU_POSTCODES: { from: number; to: number; region: string; verified: boolean }[] = [
  { from: 295000, to: 298999, region: 'UA-43', verified: true },
  { from: 299000, to: 299999, region: 'UA-40', verified: true },
  { from: 283000, to: 287999, region: 'UA-14', verified: false },
  { from: 291000, to: 294999, region: 'UA-09', verified: false },
  { from: 269000, to: 272999, region: 'UA-23', verified: false },
  { from: 273000, to: 275999, region: 'UA-65', verified: false },
];
const UA_POSTCODES: { from: number; to: number; region: string; verified: boolean }[] = [
  { from: 95000, to: 98999, region: 'UA-43', verified: true },
  { from: 99000, to: 99999, region: 'UA-40', verified: true },
];

export interface PostcodeRegion {
  region: string;
  format: 'russian' | 'ukrainian';
  verified: boolean;
}

/**
 * The occupied region a postal address lies in, read from its postcode: a six-digit Russian-format
 * code in an RU or UA address, or a five-digit Ukrainian code of Crimea or Sevastopol in a UA
 * address. Other countries' postcodes are not read (Japan's 295-0001 is Chiba).
 * @example postcodeRegion({ country: 'RU', postcode: '295000' }) // { region: 'UA-43', … }
 */
export function postcodeRegion(address: { country: string; postcode?: string | undefined }): PostcodeRegion | undefined {
  if (!address.postcode || (address.country !== 'RU' && address.country !== 'UA')) return undefined;
  const code = address.postcode.replace(/\s/g, '');
  if (/^\d{6}$/.test(code)) {
    const n = Number(code);
    const r = RU_POSTCODES.find((x) => n >= x.from && n <= x.to);
    return r ? { region: r.region, format: 'russian', verified: r.verified } : undefined;
  }
  if (address.country === 'UA' && /^\d{5}$/.test(code)) {
    const n = Number(code);
    const r = UA_POSTCODES.find((x) => n >= x.from && n <= x.to);
    return r ? { region: r.region, format: 'ukrainian', verified: r.verified } : undefined;
  }
  return undefined;
}

/** Postcode indicators of a party's addresses. */
export function postcodeIndicators(party: Customer | Party | undefined): Indicator[] {
  const out: Indicator[] = [];
  for (const a of party?.addresses ?? []) {
    const r = postcodeRegion(a);
    if (r) out.push({ kind: 'postcode', value: `${a.country} ${a.postcode}`, country: a.country, regions: [r.region], label: `postcode ${a.postcode} lies in ${regionLabel(r.region)}${r.format === 'russian' ? ' (a Russian-assigned code)' : ''}`, basis: 'location', explainedBy: [], verified: r.verified });
  }
  return out;
}

/** Mail providers that say Russia whatever their top-level domain (Yandex runs yandex.com, .kz, .ua, .by, .com.tr). */
const RU_MAIL_BRANDS = /(^|\.)yandex\.[a-z.]+$/;
/** .рф and .бел in punycode. */
const RU_TLDS = ['ru', 'su', 'xn--p1ai', 'рф'];
const BY_TLDS = ['by', 'xn--90ais', 'бел'];

/**
 * What an e-mail address's domain says: a Russian domain (.ru, .su, .рф: mail.ru, bk.ru, list.ru,
 * inbox.ru, rambler.ru, ya.ru …) or Yandex under any TLD; a Belarusian one (.by, .бел: tut.by).
 * @example emailIndicator('ivan@yandex.com')?.country // 'RU'
 */
export function emailIndicator(email: string | undefined): Indicator | undefined {
  if (!email) return undefined;
  const at = email.lastIndexOf('@');
  if (at < 0) return undefined;
  const domain = email.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (RU_TLDS.includes(tld) || RU_MAIL_BRANDS.test(domain)) return { kind: 'email', value: domain, country: 'RU', regions: [], label: `e-mail at ${domain} (a Russian domain or provider)`, basis: 'identity', explainedBy: RUSSIAN_SPEAKING, verified: true };
  if (BY_TLDS.includes(tld)) return { kind: 'email', value: domain, country: 'BY', regions: [], label: `e-mail at ${domain} (a Belarusian domain)`, basis: 'identity', explainedBy: ['BY'], verified: true };
  return undefined;
}

/**
 * The preferred language of an Accept-Language header or navigator.language, lower case:
 * "ru-RU,ru;q=0.9,en;q=0.8" → "ru" (the highest q, the first among equals).
 */
export function preferredLanguage(header: string | undefined): string | undefined {
  if (!header) return undefined;
  let best: { lang: string; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag, ...rest] = part.trim().split(';');
    const lang = tag?.trim().toLowerCase().split(/[-_]/)[0];
    if (!lang || lang === '*') continue;
    const qp = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang;
}

/**
 * What the browser's preferred language says: `ru` (explained by a Russian-speaking nationality
 * or residence) or `be` (Belarusian). Only the preferred language counts: a Japanese user who
 * also lists Russian is not flagged.
 */
export function languageIndicator(header: string | undefined, russianSpeaking: readonly string[] = RUSSIAN_SPEAKING): Indicator | undefined {
  const lang = preferredLanguage(header);
  if (lang === 'ru') return { kind: 'browser-language', value: 'ru', country: 'RU', regions: [], label: 'browser language Russian (ru)', basis: 'identity', explainedBy: russianSpeaking, verified: true };
  if (lang === 'be') return { kind: 'browser-language', value: 'be', country: 'BY', regions: [], label: 'browser language Belarusian (be)', basis: 'identity', explainedBy: ['BY'], verified: true };
  return undefined;
}

/**
 * IANA time zones of Russia and Belarus, from tzdata's zone1970.tab (RU and BY rows), plus the
 * legacy alias W-SU. Europe/Simferopol is Crimea (zone1970.tab lists it under RU and UA).
 */
const RU_ZONES = new Set(
  [
    'Europe/Kaliningrad', 'Europe/Moscow', 'W-SU', 'Europe/Kirov', 'Europe/Volgograd', 'Europe/Astrakhan', 'Europe/Saratov', 'Europe/Ulyanovsk', 'Europe/Samara',
    'Asia/Yekaterinburg', 'Asia/Omsk', 'Asia/Novosibirsk', 'Asia/Barnaul', 'Asia/Tomsk', 'Asia/Novokuznetsk', 'Asia/Krasnoyarsk', 'Asia/Irkutsk', 'Asia/Chita',
    'Asia/Yakutsk', 'Asia/Khandyga', 'Asia/Vladivostok', 'Asia/Ust-Nera', 'Asia/Magadan', 'Asia/Sakhalin', 'Asia/Srednekolymsk', 'Asia/Kamchatka', 'Asia/Anadyr',
  ].map((z) => z.toLowerCase()),
);

/** What the client's IANA time zone says: a Russian or Belarusian zone, or Crimea. */
export function timeZoneIndicator(tz: string | undefined): Indicator | undefined {
  if (!tz) return undefined;
  const z = tz.trim().toLowerCase();
  if (z === 'europe/simferopol') return { kind: 'time-zone', value: tz, country: 'UA', regions: ['UA-43', 'UA-40'], label: 'time zone Europe/Simferopol (Crimea)', basis: 'location', explainedBy: [], verified: true };
  if (RU_ZONES.has(z)) return { kind: 'time-zone', value: tz, country: 'RU', regions: [], label: `time zone ${tz} (Russia)`, basis: 'location', explainedBy: ['RU'], verified: true };
  if (z === 'europe/minsk') return { kind: 'time-zone', value: tz, country: 'BY', regions: [], label: `time zone ${tz} (Belarus)`, basis: 'location', explainedBy: ['BY'], verified: true };
  return undefined;
}

/** The session fields of a login that indicators read. */
export interface SessionFields {
  browserLanguage?: string | undefined;
  timeZone?: string | undefined;
}

/**
 * Every indicator in a customer's record (phone, e-mail, postcodes) and, when given, its
 * session (browser language, time zone).
 */
export function kycIndicators(party: Customer | Party | undefined, session?: SessionFields, russianSpeaking: readonly string[] = RUSSIAN_SPEAKING): Indicator[] {
  const out: Indicator[] = [];
  const phone = phoneIndicator(party?.phone);
  if (phone) out.push(phone);
  const email = emailIndicator(party?.email);
  if (email) out.push(email.country === 'RU' ? { ...email, explainedBy: russianSpeaking } : email);
  out.push(...postcodeIndicators(party));
  const lang = languageIndicator(session?.browserLanguage, russianSpeaking);
  if (lang) out.push(lang);
  const tz = timeZoneIndicator(session?.timeZone);
  if (tz) out.push(tz);
  return out;
}

/**
 * What a party declares, split by what it can explain: `identity` (nationalities, residence or
 * jurisdiction, address countries) and `location` (residence or jurisdiction, address countries).
 */
export function declarations(party: Customer | Party | undefined): { identity: Set<string>; location: Set<string> } {
  const location = new Set<string>();
  const identity = new Set<string>();
  if (!party) return { identity, location };
  if (party.type === 'person') {
    if (party.residence) location.add(party.residence);
    for (const n of party.nationalities ?? []) identity.add(n);
  } else if (party.jurisdiction) location.add(party.jurisdiction);
  for (const a of party.addresses ?? []) location.add(a.country);
  for (const c of location) identity.add(c);
  return { identity, location };
}

/** The indicators a party's declarations do not explain. */
export function conflicting(indicators: Indicator[], party: Customer | Party | undefined): Indicator[] {
  const d = declarations(party);
  return indicators.filter((i) => {
    const declared = i.basis === 'identity' ? d.identity : d.location;
    return !i.explainedBy.some((c) => declared.has(c));
  });
}

// ---------------------------------------------------------------------------------------------
// Parties and names

export interface RelatedParty {
  party: Party;
  role: 'owner' | 'director';
  /** The chain from the customer: names of the legal owners it is held through, then its own. */
  path: string[];
}

const partyName = (p: Party): string => (p.names.find((n) => n.kind === 'primary') ?? p.names[0])?.name ?? '(unnamed)';

/**
 * Every owner and director of a legal person, through chains of legal owners (and the owners of
 * a legal director), as deep as the record goes (the schema caps chains at 10 levels).
 */
export function relatedParties(customer: Customer | Party | undefined): RelatedParty[] {
  const out: RelatedParty[] = [];
  if (!customer || customer.type !== 'legal') return out;
  const walkOwners = (owners: { party: Party }[] | undefined, path: string[], depth: number) => {
    if (!owners || depth > 12) return;
    for (const o of owners) {
      const here = [...path, partyName(o.party)];
      out.push({ party: o.party, role: 'owner', path: here });
      if (o.party.type === 'legal') walkOwners(o.party.owners, here, depth + 1);
    }
  };
  walkOwners(customer.owners, [], 0);
  if ('directors' in customer) {
    for (const d of customer.directors ?? []) {
      const here = [partyName(d.party)];
      out.push({ party: d.party, role: 'director', path: here });
      if (d.party.type === 'legal') walkOwners(d.party.owners, here, 1);
    }
  }
  return out;
}

/**
 * A name reduced for comparison: folded, words sorted (Taro Yamada = YAMADA Taro). Plain ASCII
 * takes a fast path that gives what asciiFold gives (it is 20 times cheaper, and rule 29 folds
 * every linked customer's name on every event).
 */
export function nameKey(name: string): string {
  const folded = /^[\x20-\x7e]*$/.test(name) ? name.toLowerCase().replace(/['`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim() : asciiFold(name);
  return folded.split(' ').filter(Boolean).sort().join(' ');
}

/** Whether a name is one of the party's names (after folding and word order). */
export function isSameName(party: Customer | Party | undefined, name: string): boolean {
  if (!party) return false;
  const key = nameKey(name);
  return party.names.some((n) => nameKey(n.name) === key || (n.latin !== undefined && nameKey(n.latin) === key));
}
