/**
 * @module monitoring/rules/travel-rule
 * Counterparty-VASP and travel-rule rules (catalogue 18-21, research/monitoring.md §3.2 C, §2.3,
 * §2.4), over what a withdrawal or deposit says about the other side: the counterparty VASP
 * (`beneficiaryVasp` / `originatorVasp`), the travel-rule party (`beneficiary` / `originator`),
 * the IVMS101 payload exchanged with the other VASP (`ivms101`, read by ../ivms101.ts) and
 * whether the other side is an unhosted wallet (`selfHosted`):
 * - 18 counterparty VASP risk: the other VASP (or an intermediary) is in Russia or Belarus, in a
 *   FATF high-risk jurisdiction, on the FATF increased-monitoring list, or names no country.
 *   A designated VASP is a name match and is caught by sanctions screening (rule 1), not here.
 * - 19 travel-rule completeness: a VASP-to-VASP transfer whose required originator or
 *   beneficiary data are missing, or whose payload does not follow IVMS101.
 * - 20 travel-rule geography: the payload (or the travel-rule party) puts the other side in
 *   Russia or Belarus, or in Crimea, Sevastopol or the so-called DNR/LNR, by country, region or
 *   postcode. Names in the payload are screened by the server's sanctions screening (rule 1).
 * - 21 unhosted wallets: a transfer with a self-hosted wallet above a threshold without a
 *   declared wallet, a high 30-day volume to self-hosted wallets, a large send to a new one.
 */
import { z } from 'zod';
import { validate, type Chain } from '../../addresses/index.ts';
import type { Customer, Party } from '../../customers/index.ts';
import type { SekishoEvent } from '../../events/schema.ts';
import { completeness, isCountry, readIvms101, type Ivms101Reading, type Ivms101Vasp, type TravelRuleDirection, type TravelRuleRole, type TravelRuleSubject } from '../ivms101.ts';
import { instantMs } from '../instant.ts';
import type { MonitoringContext, RuleDefinition } from '../types.ts';
import { RUSSIA_LINKED, primaryName, yen } from './facts.ts';

type Transfer = Extract<SekishoEvent, { type: 'withdrawal.requested' | 'deposit.detected' }>;
const isTransfer = (e: SekishoEvent): e is Transfer => e.type === 'withdrawal.requested' || e.type === 'deposit.detected';

const CountryList = z.array(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in upper case')).max(300);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** The payload of a transfer, read once per event (readIvms101 caches per payload object). */
function payloadOf(event: Transfer): Ivms101Reading | undefined {
  return event.data.ivms101 ? readIvms101(event.data.ivms101) : undefined;
}

const validCountry = (c: string | undefined): string | undefined => (c && isCountry(c) ? c : undefined);
const list = (xs: readonly string[]) => xs.join(', ');

// ---------------------------------------------------------------------------------------------
// Rule 18: counterparty VASP risk
// ---------------------------------------------------------------------------------------------

/**
 * FATF "High-Risk Jurisdictions subject to a Call for Action" (the black list): DPRK and Iran
 * (countermeasures), Myanmar (enhanced due diligence), unchanged from October 2022 through the
 * June 2026 plenary (17-19 June 2026; the latest statement found, as reported by namescan.io and
 * rosemont-int.com; fatf-gafi.org itself was not reachable from here: check it before relying).
 */
export const FATF_CALL_FOR_ACTION = { asOf: '2026-06-19', countries: ['KP', 'IR', 'MM'] } as const;

/**
 * FATF "Jurisdictions under Increased Monitoring" (the grey list) after the June 2026 plenary:
 * the February 2026 list (finanssivalvonta.fi, dia.govt.nz, complyadvantage.com: Kuwait and
 * Papua New Guinea added) with Algeria and Namibia removed and Bosnia and Herzegovina and Iraq
 * added in June 2026 (namescan.io, rosemont-int.com). The list changes three times a year
 * (February, June, October plenaries): keep the parameter current.
 */
export const FATF_INCREASED_MONITORING = {
  asOf: '2026-06-19',
  countries: ['AO', 'BO', 'BA', 'BG', 'CM', 'CI', 'CD', 'HT', 'IQ', 'KE', 'KW', 'LA', 'LB', 'MC', 'NP', 'PG', 'SS', 'SY', 'VE', 'VN', 'VG', 'YE'],
} as const;

const vaspParams = z.strictObject({
  /** Countries whose VASPs are held outright (FinCEN FIN-2022-Alert001 red flag (c); the policy of research/monitoring.md rule 18). */
  russiaBelarus: CountryList,
  callForAction: CountryList,
  /** The date of the FATF statement the list is taken from, shown in every reason. */
  callForActionAsOf: IsoDate,
  increasedMonitoring: CountryList,
  increasedMonitoringAsOf: IsoDate,
  /** Review a counterparty VASP that names no country (its jurisdiction, and so its regulation, is unknown). */
  reviewUnknownJurisdiction: z.boolean(),
});
type VaspParams = z.infer<typeof vaspParams>;

interface NamedVasp {
  role: string;
  name?: string;
  countries: string[];
  /** What was given as a country but is none (e.g. XX). */
  invalid: string[];
}

/** The other side's VASP (from the event and the payload, merged) and any intermediary VASPs. */
function counterpartyVasps(event: Transfer, reading: Ivms101Reading | undefined): NamedVasp[] {
  const out: NamedVasp[] = [];
  const fromEvent = event.type === 'withdrawal.requested' ? event.data.beneficiaryVasp : event.data.originatorVasp;
  const fromPayload: Ivms101Vasp | undefined = event.type === 'withdrawal.requested' ? reading?.beneficiaryVasp : reading?.originatingVasp;
  if (fromEvent || fromPayload?.party) {
    const countries = [validCountry(fromEvent?.country), fromPayload?.country].filter((c): c is string => !!c);
    out.push({
      role: event.type === 'withdrawal.requested' ? 'beneficiary VASP' : 'originating VASP',
      name: fromEvent?.name ?? fromPayload?.name,
      countries: [...new Set(countries)],
      invalid: fromEvent?.country && !validCountry(fromEvent.country) ? [fromEvent.country] : [],
    });
  }
  (reading?.intermediaryVasps ?? []).forEach((v, i) => {
    if (v.party) out.push({ role: `intermediary VASP ${i}`, name: v.name, countries: v.country ? [v.country] : [], invalid: [] });
  });
  return out;
}

export const counterpartyVaspRisk: RuleDefinition<VaspParams> = {
  id: 'counterparty-vasp-risk',
  no: 18,
  family: 'counterparty',
  title: 'Counterparty VASP in Russia, Belarus, a FATF-listed or an unknown jurisdiction',
  source:
    'FinCEN FIN-2022-Alert001 red flag (c) (S10); FATF VA red flags, geography (S9 (6)); FATF public statements on high-risk and monitored jurisdictions, June 2026; research/monitoring.md §3.2 rule 18',
  events: ['withdrawal.requested', 'deposit.detected'],
  params: vaspParams,
  defaults: {
    russiaBelarus: [...RUSSIA_LINKED],
    callForAction: [...FATF_CALL_FOR_ACTION.countries],
    callForActionAsOf: FATF_CALL_FOR_ACTION.asOf,
    increasedMonitoring: [...FATF_INCREASED_MONITORING.countries],
    increasedMonitoringAsOf: FATF_INCREASED_MONITORING.asOf,
    reviewUnknownJurisdiction: true,
  },
  outcome: 'hold',
  evaluate(event, _ctx, p) {
    if (!isTransfer(event)) return undefined;
    const vasps = counterpartyVasps(event, payloadOf(event));
    if (!vasps.length) return undefined;
    const reasons: string[] = [];
    let hold = false;
    let score = 0;
    const flagged: { role: string; name?: string; country?: string; list: string }[] = [];
    for (const v of vasps) {
      const who = `${v.role}${v.name ? ` ${v.name}` : ''}`;
      if (v.countries.length > 1) {
        reasons.push(`${who}: the event and the payload give different countries (${list(v.countries)}); check which is right`);
        flagged.push({ role: v.role, name: v.name, country: list(v.countries), list: 'inconsistent-country' });
        score = Math.max(score, 0.3);
      }
      if (!v.countries.length) {
        if (!p.reviewUnknownJurisdiction) continue;
        reasons.push(`${who} names no country${v.invalid.length ? ` ("${list(v.invalid)}" is no ISO 3166-1 code)` : ''}: unknown jurisdiction, its registration and AML supervision cannot be assessed`);
        flagged.push({ role: v.role, name: v.name, list: 'unknown-jurisdiction' });
        score = Math.max(score, 0.3);
        continue;
      }
      for (const c of v.countries) {
        if (p.russiaBelarus.includes(c)) {
          reasons.push(`${who} is in ${c}: Russia- or Belarus-based VASP; hold for enhanced due diligence`);
          flagged.push({ role: v.role, name: v.name, country: c, list: 'russia-belarus' });
          hold = true;
          score = 1;
        } else if (p.callForAction.includes(c)) {
          reasons.push(`${who} is in ${c}: a FATF high-risk jurisdiction subject to a call for action (statement of ${p.callForActionAsOf}); hold for enhanced due diligence`);
          flagged.push({ role: v.role, name: v.name, country: c, list: 'fatf-call-for-action' });
          hold = true;
          score = 1;
        } else if (p.increasedMonitoring.includes(c)) {
          reasons.push(`${who} is in ${c}: a jurisdiction under FATF increased monitoring (list of ${p.increasedMonitoringAsOf})`);
          flagged.push({ role: v.role, name: v.name, country: c, list: 'fatf-increased-monitoring' });
          score = Math.max(score, 0.5);
        }
      }
    }
    if (!flagged.length) return undefined;
    return { score, reasons, evidence: { vasps: flagged }, ...(hold ? {} : { outcome: 'review' as const }) };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 19: travel-rule completeness
// ---------------------------------------------------------------------------------------------

/**
 * Jurisdictions whose VASPs must receive the travel-rule notice from a Japanese exchange: Japan
 * itself and the 28 countries and regions the FSA designates under APTCP Enforcement Order
 * Art. 17-2 and 17-3 (犯罪による収益の移転防止に関する法律施行令第十七条の二及び第十七条の三の規定に
 * 基づき国又は地域を指定する件), as amended 1 May 2024 (20 + AE, IN, ID, GB, EE, NG, BH, PT:
 * tokyohash.jp notice of 26 April 2024; the list as published by GMO Coin,
 * coin.z.com/jp/corp/travelrule). Transfers to VASPs elsewhere need no notice, only the
 * information-collection duty (BTCBOX notice, blog.btcbox.jp/archives/17011). Later amendments
 * of the FSA notice were not found: check fsa.go.jp.
 */
export const TRAVEL_RULE_JURISDICTIONS = {
  asOf: '2024-05-01',
  countries: ['JP', 'US', 'AL', 'AE', 'GB', 'IL', 'ID', 'IN', 'EE', 'CA', 'KY', 'GI', 'SG', 'CH', 'RS', 'KR', 'DE', 'NG', 'BH', 'BS', 'BM', 'PH', 'VE', 'PT', 'MY', 'MU', 'LI', 'LU', 'HK'],
} as const;

const completenessParams = z.strictObject({
  /**
   * The value from which the travel rule applies. 0: every transfer. FATF INR.15 para. 7(b)
   * lets a country exempt transfers under USD/EUR 1,000; Japan's APTCP notice duty has no such
   * threshold in the sources read (research/monitoring.md §2.4 lists the Japanese threshold as
   * still to verify). A transfer whose yen value is unknown is checked.
   */
  thresholdJpy: z.number().nonnegative(),
  jurisdictions: CountryList,
  jurisdictionsAsOf: IsoDate,
  /** A counterparty VASP that names no country: treat it as in a travel-rule jurisdiction (hold) rather than note only. */
  unknownJurisdictionApplies: z.boolean(),
});
type CompletenessParams = z.infer<typeof completenessParams>;

/** The required-data check of one side: who, where the data came from, what is missing. */
interface SideCheck {
  role: TravelRuleRole;
  subjects: (TravelRuleSubject & { label: string })[];
}

function customerSubject(ctx: MonitoringContext, event: Transfer, accounts: string[]): TravelRuleSubject & { label: string } {
  const c: Customer | undefined = ctx.customer;
  return { label: `customer ${event.customerId}`, party: c as Party | undefined, customerIdentification: c?.id ?? event.customerId, accountNumbers: accounts };
}

/** Originator and beneficiary data, from the payload when there is one, else from the event and the customer record. */
function sides(event: Transfer, ctx: MonitoringContext, reading: Ivms101Reading | undefined): SideCheck[] {
  if (reading) {
    const fromPayload = (role: TravelRuleRole): SideCheck => {
      const persons = role === 'originator' ? reading.originatorPersons : reading.beneficiaryPersons;
      const accounts = role === 'originator' ? reading.originatorAccounts : reading.beneficiaryAccounts;
      return { role, subjects: persons.map((p) => ({ label: `payload ${p.path}`, party: p.party, customerIdentification: p.customerIdentification, placeOfBirth: p.placeOfBirth, accountNumbers: accounts })) };
    };
    return [fromPayload('originator'), fromPayload('beneficiary')];
  }
  if (event.type === 'withdrawal.requested') {
    const d = event.data;
    return [
      { role: 'originator', subjects: [customerSubject(ctx, event, [event.customerId])] },
      { role: 'beneficiary', subjects: [{ label: 'beneficiary', party: d.beneficiary, accountNumbers: [d.destinationAddress] }] },
    ];
  }
  const d = event.data;
  return [
    // The source addresses are the account the originating VASP processed the transfer from
    // (FATF: for virtual assets the account number may be the wallet address).
    { role: 'originator', subjects: [{ label: 'originator', party: d.originator, accountNumbers: d.sourceAddresses }] },
    { role: 'beneficiary', subjects: [customerSubject(ctx, event, [d.depositAddress ?? event.customerId])] },
  ];
}

export const travelRuleCompleteness: RuleDefinition<CompletenessParams> = {
  id: 'travel-rule-completeness',
  no: 19,
  family: 'counterparty',
  title: 'Travel-rule data missing or not IVMS101 on a VASP-to-VASP transfer',
  source:
    'APTCP travel rule in force 1 June 2023, FSA-designated jurisdictions (notice amended 1 May 2024); FATF R.16 INR para. 6 via INR.15 para. 7(b); IVMS101 (2020, 2023); research/monitoring.md §2.3, §2.4, §3.2 rule 19',
  events: ['withdrawal.requested', 'deposit.detected'],
  params: completenessParams,
  defaults: { thresholdJpy: 0, jurisdictions: [...TRAVEL_RULE_JURISDICTIONS.countries], jurisdictionsAsOf: TRAVEL_RULE_JURISDICTIONS.asOf, unknownJurisdictionApplies: true },
  outcome: 'hold',
  evaluate(event, ctx, p) {
    if (!isTransfer(event)) return undefined;
    const d = event.data;
    const vaspField = event.type === 'withdrawal.requested' ? event.data.beneficiaryVasp : event.data.originatorVasp;
    if (!vaspField && !d.ivms101) return undefined; // not a VASP-to-VASP transfer (an unhosted wallet is rule 21)
    const amount = d.amountJpy;
    if (amount !== undefined && amount < p.thresholdJpy) return undefined;
    const reading = payloadOf(event);
    const direction: TravelRuleDirection = event.type === 'withdrawal.requested' ? 'out' : 'in';
    const gaps: string[] = [];
    for (const side of sides(event, ctx, reading)) {
      if (!side.subjects.length) {
        gaps.push(`${side.role}: no ${side.role} named`);
        continue;
      }
      for (const s of side.subjects) {
        const c = completeness(s, side.role, direction);
        if (!c.complete) gaps.push(`${side.role} (${s.label}): missing ${c.missing.join(', ')}`);
      }
    }
    const problems = reading?.problems ?? [];
    if (!gaps.length && !problems.length) return undefined;
    const otherVasp = event.type === 'withdrawal.requested' ? reading?.beneficiaryVasp : reading?.originatingVasp;
    const country = validCountry(vaspField?.country) ?? otherVasp?.country;
    const applies = country ? p.jurisdictions.includes(country) : p.unknownJurisdictionApplies;
    const what = [...gaps, ...problems.slice(0, 10).map((x) => `IVMS101: ${x}`), ...(problems.length > 10 ? [`IVMS101: ${problems.length - 10} more problems`] : [])];
    const evidence = { missing: gaps, problems, counterpartyVaspCountry: country ?? null, travelRuleApplies: applies, amountJpy: amount ?? null, thresholdJpy: p.thresholdJpy };
    const where = country ? `a VASP in ${country}` : 'a VASP that names no country';
    if (!applies) {
      // No notice is due to this jurisdiction (APTCP): a note for the file, not a stop.
      return { score: 0.1, outcome: 'allow' as const, reasons: [`transfer with ${where}, not a travel-rule jurisdiction (FSA designation of ${p.jurisdictionsAsOf}): no notice is due; noted: ${what.join('; ')}`], evidence };
    }
    if (event.type === 'withdrawal.requested') {
      return { score: 1, reasons: [`withdrawal to ${where}: the travel-rule notice is incomplete (${what.join('; ')}); hold until the data are complete`], evidence };
    }
    // The funds are already in: review, and ask the originating VASP for the missing data.
    return { score: 0.7, outcome: 'review' as const, reasons: [`deposit from ${where}: the travel-rule data received are incomplete (${what.join('; ')}); request them from the originating VASP`], evidence };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 20: travel-rule geography
// ---------------------------------------------------------------------------------------------

export const COVERED_REGIONS = ['UA-43', 'UA-40', 'UA-14', 'UA-09'] as const;
export type CoveredRegion = (typeof COVERED_REGIONS)[number];
const REGION_NAMES: Record<CoveredRegion, string> = { 'UA-43': 'Crimea', 'UA-40': 'Sevastopol', 'UA-14': 'Donetsk (so-called DNR)', 'UA-09': 'Luhansk (so-called LNR)' };

export interface RegionIndicator {
  region: CoveredRegion;
  /** confirmed: the indicator names the occupied territory itself; possible: only the oblast, part of which Ukraine controls. */
  certainty: 'confirmed' | 'possible';
  via: string;
}

const norm = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const CRIMEA_REGION = /(^| )(crimea|crimean|krym|krim|qirim|ua 43)( |$)|крым|крим|къырым/;
const SEVASTOPOL = /sevastopol|севастопол/;
const CRIMEA_TOWNS = /(^| )(simferopol|simferopil|kerch|yalta|feodosi[ay]a?|feodosiya|yevpatori[ay]a?|evpatori[ay]a?|dzhankoi|dzhankoy)( |$)|симферопол|сімферопол|керч|ялта|феодоси|феодосі|евпатори|євпаторі|джанкой/;
const DNR = /(^| )(dnr|dpr)( |$)|donetsk people|donetskaya narodnaya|днр|донецкая народная|донецька народна/;
const LNR = /(^| )(lnr|lpr)( |$)|luhansk people|lugansk people|luganskaya narodnaya|лнр|луганская народная|луганська народна/;
const DONETSK = /(^| )(donetsk|donetska|donetskaya|donetskiy|ua 14)( |$)|донецк|донецьк/;
const LUHANSK = /(^| )(luhansk|lugansk|luhanska|luganskaya|ua 09)( |$)|луганск|луганськ/;

/**
 * Postcodes. Ukraine's five-digit codes start with the oblast's pair: Donetsk 83-87, Luhansk
 * 91-94, Crimea 95-98, Sevastopol 99, the smallest pair being the oblast capital (so 83… is
 * Donetsk city, 91… Luhansk city, both held by Russia since 2014) (Ukrposhta indexation rules;
 * "Postal codes in Ukraine"). Russian Post took over Crimea and Sevastopol in April 2014 by
 * putting a "2" before the Ukrainian code (Simferopol 95000 → 295000, Sevastopol 99000 → 299000;
 * Russian Post notice of 4 April 2014), and "Pochta LNR" did the same (Luhansk-1 91001 → 291001),
 * so six-digit 283000-287999, 291000-294999, 295000-298999 and 299000-299999 are the occupation
 * authorities' codes. Read only on Russian or Ukrainian addresses: elsewhere the same digits are
 * other countries' codes (Singapore 29xxxx, India 28xxxx).
 */
function regionOfPostcode(code: string, country: string): RegionIndicator | undefined {
  const digits = code.replace(/\s+/g, '');
  if (/^\d{6}$/.test(digits)) {
    const n = Number(digits);
    const via = `postcode ${digits} (Russian-assigned)`;
    if (n >= 295000 && n <= 298999) return { region: 'UA-43', certainty: 'confirmed', via };
    if (n >= 299000 && n <= 299999) return { region: 'UA-40', certainty: 'confirmed', via };
    if (n >= 283000 && n <= 287999) return { region: 'UA-14', certainty: 'confirmed', via };
    if (n >= 291000 && n <= 294999) return { region: 'UA-09', certainty: 'confirmed', via };
    return undefined;
  }
  if (country === 'UA' && /^\d{5}$/.test(digits)) {
    const n = Number(digits);
    const via = `postcode ${digits}`;
    if (n >= 95000 && n <= 98999) return { region: 'UA-43', certainty: 'confirmed', via };
    if (n >= 99000 && n <= 99999) return { region: 'UA-40', certainty: 'confirmed', via };
    if (n >= 83000 && n <= 83999) return { region: 'UA-14', certainty: 'confirmed', via: `${via} (Donetsk city)` };
    if (n >= 84000 && n <= 87999) return { region: 'UA-14', certainty: 'possible', via: `${via} (Donetsk oblast; OFAC FAQ 1009: not all of it is covered)` };
    if (n >= 91000 && n <= 91999) return { region: 'UA-09', certainty: 'confirmed', via: `${via} (Luhansk city)` };
    if (n >= 92000 && n <= 94999) return { region: 'UA-09', certainty: 'possible', via: `${via} (Luhansk oblast; OFAC FAQ 1009: not all of it is covered)` };
  }
  return undefined;
}

/**
 * Whether an address lies in Crimea, Sevastopol or the so-called DNR/LNR, from its region, town
 * or postcode (OFAC E.O. 13685 and 14065, FAQ 1009: postcodes are an accepted way to tell the
 * covered areas apart; research/monitoring.md rules 9, 12, S13). Only Ukrainian and Russian
 * addresses are read: the occupation authorities write these places as Russia.
 * @example coveredRegion({ country: 'RU', postcode: '295000' }) // { region: 'UA-43', certainty: 'confirmed', … }
 */
export function coveredRegion(address: { country: string; region?: string; city?: string; postcode?: string; lines?: string[] }): RegionIndicator | undefined {
  const country = address.country;
  if (country !== 'UA' && country !== 'RU') return undefined;
  const found: RegionIndicator[] = [];
  if (address.postcode) {
    const r = regionOfPostcode(address.postcode, country);
    if (r) found.push(r);
  }
  const region = address.region ? norm(address.region) : '';
  const city = address.city ? norm(address.city) : '';
  const label = (field: string, value: string | undefined) => `${field} "${value}"`;
  if (region) {
    if (SEVASTOPOL.test(region)) found.push({ region: 'UA-40', certainty: 'confirmed', via: label('region', address.region) });
    else if (CRIMEA_REGION.test(region)) found.push({ region: 'UA-43', certainty: 'confirmed', via: label('region', address.region) });
    if (DNR.test(region)) found.push({ region: 'UA-14', certainty: 'confirmed', via: label('region', address.region) });
    else if (DONETSK.test(region)) found.push({ region: 'UA-14', certainty: country === 'RU' ? 'confirmed' : 'possible', via: label('region', address.region) });
    if (LNR.test(region)) found.push({ region: 'UA-09', certainty: 'confirmed', via: label('region', address.region) });
    else if (LUHANSK.test(region)) found.push({ region: 'UA-09', certainty: country === 'RU' ? 'confirmed' : 'possible', via: label('region', address.region) });
  }
  if (city) {
    if (SEVASTOPOL.test(city)) found.push({ region: 'UA-40', certainty: 'confirmed', via: label('town', address.city) });
    else if (CRIMEA_TOWNS.test(city) || CRIMEA_REGION.test(city)) found.push({ region: 'UA-43', certainty: 'confirmed', via: label('town', address.city) });
    // Donetsk and Luhansk cities (occupied since 2014); on a Russian address only with no other
    // region given, since Russia has a town Donetsk of its own (Rostov oblast).
    if (country === 'UA' || !region) {
      if (DONETSK.test(city) || DNR.test(city)) found.push({ region: 'UA-14', certainty: 'confirmed', via: label('town', address.city) });
      if (LUHANSK.test(city) || LNR.test(city)) found.push({ region: 'UA-09', certainty: 'confirmed', via: label('town', address.city) });
    }
  }
  // Free-form lines ("295000, Республика Крым, г. Симферополь …"): only the unambiguous forms,
  // since street names such as Krymsky Val in Moscow name Crimea without being there.
  for (const line of address.lines ?? []) {
    const six = /(?<!\d)(2(?:8[3-7]|9[1-9])\d{3})(?!\d)/.exec(line);
    if (six) {
      const r = regionOfPostcode(six[1]!, country);
      if (r) found.push({ ...r, via: `address line "${line}"` });
    }
    const l = norm(line);
    if (/республика крым|republic of crimea|respublika krym|автономна республіка крим/.test(l)) found.push({ region: 'UA-43', certainty: 'confirmed', via: `address line "${line}"` });
    if (/(^| )(г |город |м )?севастопол|(^| )sevastopol/.test(l)) found.push({ region: 'UA-40', certainty: 'confirmed', via: `address line "${line}"` });
    if (DNR.test(l)) found.push({ region: 'UA-14', certainty: 'confirmed', via: `address line "${line}"` });
    if (LNR.test(l)) found.push({ region: 'UA-09', certainty: 'confirmed', via: `address line "${line}"` });
  }
  return found.find((f) => f.certainty === 'confirmed') ?? found[0];
}

const geographyParams = z.strictObject({
  /** Countries whose appearance in the payload asks for review (research/monitoring.md rules 10, 13, 20). */
  countries: CountryList,
  /** Covered regions to look for. */
  regions: z.array(z.enum(COVERED_REGIONS)),
  /** Covered regions that block when confirmed (the geo-blocked regions of rule 9); the rest review. */
  blockRegions: z.array(z.enum(COVERED_REGIONS)),
  /** Also read the customer's own side of the payload (originator of a withdrawal, beneficiary of a deposit); rule 13 covers the customer record. */
  includeCustomerSide: z.boolean(),
});
type GeographyParams = z.infer<typeof geographyParams>;

interface Indicator {
  who: string;
  field: string;
  value: string;
  region?: CoveredRegion;
  certainty?: 'confirmed' | 'possible';
}

/** RU/BY fields and covered-region addresses of one party. */
function indicatorsOf(party: Party, who: string, p: GeographyParams, countries: boolean): Indicator[] {
  const out: Indicator[] = [];
  if (countries) {
    const add = (field: string, c: string | undefined) => {
      if (c && p.countries.includes(c)) out.push({ who, field, value: c });
    };
    if (party.type === 'person') {
      add('countryOfResidence', party.residence);
      for (const n of party.nationalities ?? []) add('nationality', n);
      for (const doc of party.documents ?? []) add(`${doc.type} countryOfIssue`, doc.country);
    } else add('countryOfRegistration', party.jurisdiction);
    for (const a of party.addresses ?? []) add('address country', a.country);
  }
  for (const a of party.addresses ?? []) {
    const r = coveredRegion(a);
    if (r && p.regions.includes(r.region)) out.push({ who, field: 'address', value: r.via, region: r.region, certainty: r.certainty });
  }
  return out;
}

export const travelRuleGeography: RuleDefinition<GeographyParams> = {
  id: 'travel-rule-geography',
  no: 20,
  family: 'counterparty',
  title: 'Travel-rule party in Russia, Belarus, Crimea, Sevastopol or the so-called DNR/LNR',
  source: 'FSA/MOF request of 14 March 2022 (S2); OFAC VC guidance (S12); E.O. 13685, 14065 and OFAC FAQ 1009 (S13); research/monitoring.md §2.3, §3.2 rules 12, 20',
  events: ['withdrawal.requested', 'deposit.detected'],
  params: geographyParams,
  defaults: { countries: [...RUSSIA_LINKED], regions: [...COVERED_REGIONS], blockRegions: [...COVERED_REGIONS], includeCustomerSide: false },
  outcome: 'review',
  evaluate(event, _ctx, p) {
    if (!isTransfer(event)) return undefined;
    const reading = payloadOf(event);
    const out = event.type === 'withdrawal.requested';
    const found: Indicator[] = [];
    const counterpartyRole = out ? 'beneficiary' : 'originator';
    const persons = out ? (reading?.beneficiaryPersons ?? []) : (reading?.originatorPersons ?? []);
    for (const person of persons) if (person.party) found.push(...indicatorsOf(person.party, `payload ${counterpartyRole} ${primaryName(person.party)} (${person.path})`, p, true));
    const eventParty = out ? event.data.beneficiary : event.data.originator;
    if (eventParty) found.push(...indicatorsOf(eventParty, `${counterpartyRole} ${primaryName(eventParty)}`, p, true));
    if (p.includeCustomerSide) {
      const own = out ? (reading?.originatorPersons ?? []) : (reading?.beneficiaryPersons ?? []);
      for (const person of own) if (person.party) found.push(...indicatorsOf(person.party, `payload ${out ? 'originator' : 'beneficiary'} ${primaryName(person.party)} (${person.path})`, p, true));
    }
    // VASPs: their countries are rule 18's; here only whether they sit in a covered region.
    const vasps = [out ? reading?.beneficiaryVasp : reading?.originatingVasp, ...(reading?.intermediaryVasps ?? [])];
    for (const v of vasps) if (v?.party) found.push(...indicatorsOf(v.party, `VASP ${v.name ?? ''} (${v.path})`, p, false));
    if (!found.length) return undefined;
    const seen = new Set<string>();
    const unique = found.filter((f) => {
      const k = `${f.who}|${f.field}|${f.value}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    const blocks = unique.some((f) => f.region && f.certainty === 'confirmed' && p.blockRegions.includes(f.region));
    const regionHit = unique.some((f) => f.region);
    const reasons = unique.map((f) =>
      f.region
        ? `${f.who}: ${f.field} in ${REGION_NAMES[f.region]} (${f.region}, ${f.certainty}) by ${f.value}${f.certainty === 'confirmed' && p.blockRegions.includes(f.region) ? ': a geo-blocked region' : ''}`
        : `${f.who}: ${f.field} ${f.value}`,
    );
    return {
      score: blocks ? 1 : regionHit ? 0.7 : 0.6,
      reasons,
      evidence: { indicators: unique.map((f) => ({ who: f.who, field: f.field, value: f.value, region: f.region ?? null, certainty: f.certainty ?? null })) },
      ...(blocks ? { outcome: 'block' as const } : {}),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 21: unhosted-wallet transfers
// ---------------------------------------------------------------------------------------------

/** A comparison key for an address: hex and bech32 forms are case-insensitive, base58 is not. */
function addressKey(a: string): string {
  const t = a.trim();
  return /^0x[0-9a-f]+$/i.test(t) || /^[a-z]{1,83}1[02-9ac-hj-np-z]{6,}$/i.test(t) ? t.toLowerCase() : t;
}

/** The keys of an address: as written and in every canonical form the chain gives it. */
function addressKeys(address: string, chain: Chain | undefined): Set<string> {
  const keys = new Set([addressKey(address)]);
  for (const m of validate(address, chain).matches) keys.add(addressKey(m.canonical));
  return keys;
}

/** The keys an activity's counterparty may carry: the address, or "chain:address". */
function counterpartyKeys(cp: string): string[] {
  const i = cp.indexOf(':');
  return i > 0 ? [addressKey(cp), addressKey(cp.slice(i + 1))] : [addressKey(cp)];
}

const canonicalCache = new WeakMap<object, Map<string, Set<string>>>();

/**
 * Whether one of `addresses` is among the customer's wallets. Cheapest first: the addresses as
 * written (hex and bech32 case folded); then their canonical forms against the wallets as
 * written; only then the wallets' canonical forms (a base58 decode and hash each, up to 60 µs
 * for a TRON address), cached per wallet record.
 */
function isDeclared(addresses: readonly string[], wallets: readonly { address: string; chain?: string }[], chain: Chain): boolean {
  if (!wallets.length) return false;
  const raw = new Set(wallets.map((w) => addressKey(w.address)));
  if (addresses.some((a) => raw.has(addressKey(a)))) return true;
  const keys = addresses.flatMap((a) => [...addressKeys(a, chain)]);
  if (keys.some((k) => raw.has(k))) return true;
  return wallets.some((w) => {
    const on = (w.chain as Chain | undefined) ?? chain;
    let byChain = canonicalCache.get(w);
    if (!byChain) canonicalCache.set(w, (byChain = new Map()));
    let canonical = byChain.get(on);
    if (!canonical) byChain.set(on, (canonical = addressKeys(w.address, on)));
    return keys.some((k) => canonical.has(k));
  });
}

/**
 * Whether `address` is one of the wallets the customer registered on `chain` (or on no chain
 * named): the customer's own wallet, as rule 21 reads the declaration.
 */
export function isRegisteredWallet(customer: Customer | undefined, address: string, chain: Chain): boolean {
  return isDeclared([address], (customer?.wallets ?? []).filter((w) => !w.chain || w.chain === chain), chain);
}

const unhostedParams = z.strictObject({
  /**
   * Above this value a transfer with a self-hosted wallet the customer has not declared asks for
   * review. EU TFR (Reg. 2023/1113) Art. 14(5) and 16(2): above EUR 1,000 the CASP verifies that
   * the self-hosted address is owned or controlled by its customer; JPY 150,000 is about
   * EUR 1,000 at the 2025-26 rate (set it to the rate you use).
   */
  declarationThresholdJpy: z.number().nonnegative(),
  /** Sum sent to self-hosted wallets over 30 days (this withdrawal included) above which to review (FATF red flags S9 (1): withdrawal to private wallets). */
  volume30dJpy: z.number().nonnegative(),
  /** A send of at least this value to a self-hosted address first used within `newWithinHours` (or never before). */
  largeSendJpy: z.number().nonnegative(),
  newWithinHours: z.number().nonnegative(),
});
type UnhostedParams = z.infer<typeof unhostedParams>;

export const unhostedWallet: RuleDefinition<UnhostedParams> = {
  id: 'unhosted-wallet',
  no: 21,
  family: 'counterparty',
  title: 'Transfer with an undeclared unhosted wallet, high unhosted volume, or a large send to a new unhosted address',
  source: 'FATF VA red flags (S9 (1)); APTCP information-collection duty for unhosted wallets (2023); EU TFR 2023/1113 Art. 14(5), 16(2); research/monitoring.md §2.4, §3.2 rule 21',
  events: ['withdrawal.requested', 'deposit.detected'],
  params: unhostedParams,
  defaults: { declarationThresholdJpy: 150_000, volume30dJpy: 10_000_000, largeSendJpy: 1_000_000, newWithinHours: 72 },
  outcome: 'review',
  evaluate(event, ctx, p) {
    if (!isTransfer(event) || event.data.selfHosted !== true) return undefined;
    const d = event.data;
    const chain = d.chain;
    const out = event.type === 'withdrawal.requested';
    const addresses = out ? [event.data.destinationAddress] : event.data.sourceAddresses;
    const wallets = (ctx.customer?.wallets ?? []).filter((w) => !w.chain || w.chain === chain);
    const declared = isDeclared(addresses, wallets, chain);
    const amount = d.amountJpy;
    const reasons: string[] = [];
    const scores: number[] = [];
    const evidence: Record<string, unknown> = { declared, amountJpy: amount ?? null };
    if (!declared && (amount === undefined || amount > p.declarationThresholdJpy)) {
      const value = amount === undefined ? 'of unknown value' : `of ${yen(amount)}`;
      reasons.push(`${out ? 'withdrawal to' : 'deposit from'} an unhosted wallet ${value} (above ${yen(p.declarationThresholdJpy)}) that is not among the customer's ${wallets.length} declared wallet(s) on ${chain}: ask for an ownership declaration or proof (e.g. a signed message)`);
      scores.push(amount === undefined ? 0.3 : 0.4);
    }
    if (out) {
      const atMs = Date.parse(ctx.at);
      const since = atMs - 30 * 86_400_000;
      const prior = ctx.history.filter((a) => a.flow === 'out' && a.counterpartyKind === 'self-hosted' && instantMs(a.at) > since && instantMs(a.at) <= atMs);
      const sum = prior.reduce((s, a) => s + (a.amountJpy ?? 0), 0) + (amount ?? 0);
      evidence.unhosted30dJpy = sum;
      if (sum > p.volume30dJpy) {
        reasons.push(`${yen(sum)} sent to unhosted wallets in 30 days (${prior.length + 1} withdrawals, this one included): above ${yen(p.volume30dJpy)}`);
        scores.push(0.6);
      }
      if (!declared && amount !== undefined && amount >= p.largeSendJpy) {
        const dest = addressKeys(event.data.destinationAddress, chain);
        const earlier = ctx.history.filter((a) => a.flow === 'out' && a.counterparty && counterpartyKeys(a.counterparty).some((k) => dest.has(k)) && instantMs(a.at) <= atMs);
        const first = earlier.reduce<number | undefined>((m, a) => (m === undefined || instantMs(a.at) < m ? instantMs(a.at) : m), undefined);
        const hours = first === undefined ? undefined : (atMs - first) / 3_600_000;
        if (hours === undefined || hours <= p.newWithinHours) {
          const before = earlier.reduce((s, a) => s + (a.amountJpy ?? 0), 0);
          reasons.push(
            hours === undefined
              ? `${yen(amount)} to an unhosted address never used before (at least ${yen(p.largeSendJpy)} to a new address)`
              : `${yen(amount)} to an unhosted address first used ${hours.toFixed(1)} h ago (${earlier.length} earlier send(s), ${yen(before)}): a large send within ${p.newWithinHours} h of a new address`,
          );
          evidence.firstUsedHoursAgo = hours ?? null;
          scores.push(0.6);
        }
      }
    }
    if (!reasons.length) return undefined;
    return { score: Math.min(1, Math.max(...scores) + 0.2 * (scores.length - 1)), reasons, evidence };
  },
};

/** Rules 18-21, for rules/index.ts. */
export const TRAVEL_RULE_RULES: readonly RuleDefinition<any>[] = [counterpartyVaspRisk, travelRuleCompleteness, travelRuleGeography, unhostedWallet];
