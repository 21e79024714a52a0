/**
 * @module monitoring/rules/geography
 * Geography and access rules (research/monitoring.md §3.2 group B, rules 9-13) and the access
 * part of the mining rule 35: geo-blocking of comprehensively sanctioned jurisdictions and
 * regions, Russia/Belarus activity on accounts that declare elsewhere, anonymised access,
 * KYC-geography inconsistency, the policy for Russian and Belarusian persons, and miners'
 * stratum or dashboard connections from Russia, Belarus or occupied Ukraine. The data tables
 * and feature functions live in indicators.ts.
 */
import { z } from 'zod';
import type { Customer } from '../../customers/schema.ts';
import { DECISIONS, type Decision, type SekishoEvent } from '../../events/schema.ts';
import type { GeoInfo, MonitoringContext, RuleDefinition } from '../types.ts';
import { declaredCountries } from './facts.ts';
import {
  COMPREHENSIVE_COUNTRIES,
  COVERED_REGIONS,
  EU_EEA_CH,
  EU_EXTRA_REGIONS,
  RU_BY,
  RUSSIAN_SPEAKING,
  anonymisers,
  conflicting,
  declarations,
  geoKnown,
  geoRegion,
  kycIndicators,
  postcodeRegion,
  regionLabel,
  relatedParties,
  type Indicator,
  type SessionFields,
} from './indicators.ts';

const Country = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in upper case, e.g. RU');
const Region = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'an ISO 3166-2 code, e.g. UA-43');
const Outcome = z.enum(DECISIONS);

/** The customer record a rule reads: the event's own for record events, else the stored one. */
export function customerOf(event: SekishoEvent, ctx: MonitoringContext): Customer | undefined {
  if (event.type === 'customer.onboarded' || event.type === 'customer.updated') return event.data.customer;
  return ctx.customer;
}

/** The session fields of a login (browser language, time zone); none for other events. */
export function sessionOf(event: SekishoEvent): SessionFields | undefined {
  return event.type === 'login' ? { browserLanguage: event.data.browserLanguage, timeZone: event.data.timeZone } : undefined;
}

/** Which value the event moves: out (withdrawal, outgoing wire), in, or none. */
function flowOf(event: SekishoEvent): 'in' | 'out' | 'none' {
  if (event.type === 'withdrawal.requested') return 'out';
  if (event.type === 'deposit.detected') return 'in';
  if (event.type === 'fiat.transfer') return event.data.direction;
  return 'none';
}

/** "the login IP" for a login, "the customer's latest login IP" for anything else. */
const ipWhose = (event: SekishoEvent): string => (event.type === 'login' ? 'the login IP' : 'the customer’s latest login IP');

const PARTLY_COVERED = new Set(['UA-14', 'UA-09', 'UA-23', 'UA-65']);
const partlyNote = (region: string): string =>
  PARTLY_COVERED.has(region) ? ' (the oblast is only partly occupied, OFAC FAQ 1009: release if the customer shows a government-controlled location)' : '';

// ---------------------------------------------------------------------------------------------
// Rule 9

const geoBlockParams = z.strictObject({
  /** Comprehensively sanctioned countries. Default CU, IR, KP; Syria left out since E.O. 14312 (1 July 2025), add SY to restore. */
  countries: z.array(Country),
  /** Sanctioned regions (ISO 3166-2). Default Crimea, Sevastopol, Donetsk, Luhansk (E.O. 13685, E.O. 14065). */
  regions: z.array(Region),
  /** EU scope: add Zaporizhzhia (UA-23) and Kherson (UA-65) (Reg. (EU) 2022/263 as extended). */
  euScope: z.boolean(),
  /** Also read the customer's declared residence or jurisdiction and address countries and postcodes. */
  checkRecord: z.boolean(),
  /** What a hit decides on value that already arrived (deposits, incoming wires): held, not returned (research rule 5). */
  inboundOutcome: Outcome,
});
type GeoBlockParams = z.infer<typeof geoBlockParams>;

/**
 * Rule 9: the event's IP (or the customer's latest login IP) geolocates to a comprehensively
 * sanctioned country or region, or the customer's record puts it there (residence, jurisdiction,
 * an address country or an occupied region's postcode). Nationality alone is not geography and
 * does not hit. An unknown geolocation (no database, an IP that does not parse) is no hit: the
 * rule cannot say where the customer is, and anonymised access is rule 11's.
 */
export const geoBlock: RuleDefinition<GeoBlockParams> = {
  id: 'geo-block',
  no: 9,
  family: 'geography',
  title: 'Comprehensively sanctioned jurisdiction or region (IP or declared address)',
  source: 'OFAC virtual-currency guidance 2021 (geolocation and IP blocking); E.O. 13685 (Crimea); E.O. 14065 and OFAC FAQ 1009 (DNR/LNR); Reg. (EU) 2022/263 (research/monitoring.md S12, S13)',
  events: ['customer.onboarded', 'customer.updated', 'login', 'withdrawal.requested', 'deposit.detected', 'trade', 'fiat.transfer'],
  params: geoBlockParams,
  defaults: { countries: [...COMPREHENSIVE_COUNTRIES], regions: [...COVERED_REGIONS], euScope: false, checkRecord: true, inboundOutcome: 'hold' },
  outcome: 'block',
  evaluate(event, ctx, p) {
    const countries = new Set(p.countries);
    const regions = new Set([...p.regions, ...(p.euScope ? EU_EXTRA_REGIONS : [])]);
    const reasons: string[] = [];
    const evidence: Record<string, unknown> = {};
    const geo = ctx.geo;
    if (geo && !geo.unknown) {
      const region = geoRegion(geo);
      if (region && regions.has(region)) {
        reasons.push(`${ipWhose(event)} geolocates to ${regionLabel(region)}, a comprehensively sanctioned region${partlyNote(region)}`);
        Object.assign(evidence, { ip: geo.ip, ipCountry: geo.country, ipRegion: region });
      } else if (geo.country && countries.has(geo.country)) {
        reasons.push(`${ipWhose(event)} geolocates to ${geo.country}, a comprehensively sanctioned country`);
        Object.assign(evidence, { ip: geo.ip, ipCountry: geo.country });
      }
    }
    if (p.checkRecord) {
      const customer = customerOf(event, ctx);
      const home = customer?.type === 'person' ? customer.residence : customer?.jurisdiction;
      const record: string[] = [];
      if (home && countries.has(home)) record.push(`${customer?.type === 'person' ? 'residence' : 'jurisdiction'} ${home}`);
      for (const a of customer?.addresses ?? []) {
        const r = postcodeRegion(a);
        if (r && regions.has(r.region)) record.push(`address postcode ${a.postcode} in ${regionLabel(r.region)}${r.verified ? '' : ' (postcode range from secondary sources)'}`);
        else if (countries.has(a.country) && a.country !== home) record.push(`address in ${a.country}`);
      }
      if (record.length) {
        reasons.push(`the customer record declares ${record.join(', ')}: a comprehensively sanctioned jurisdiction or region`);
        evidence.record = record;
      }
    }
    if (!reasons.length) return undefined;
    const flow = flowOf(event);
    const outcome: Decision | undefined = flow === 'in' ? p.inboundOutcome : event.type === 'customer.updated' ? 'hold' : undefined;
    return { score: 1, reasons, evidence: { ...evidence, countries: [...countries], regions: [...regions] }, ...(outcome ? { outcome } : {}) };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 10

const ruByParams = z.strictObject({
  /** The countries whose IPs count (FinCEN FIN-2022-Alert001: Russia and Belarus). */
  countries: z.array(Country),
  /** What a hit decides for a legal person's withdrawal or outgoing wire (severity up, research rule 10). */
  legalWithdrawalOutcome: Outcome,
});
type RuByParams = z.infer<typeof ruByParams>;

/** Where the customer declares to be: residence or jurisdiction, and address countries. */
const declaredLocation = (customer: Customer | undefined): Set<string> => declarations(customer).location;

/**
 * Rule 10: a login or a transaction initiated from a Russian or Belarusian IP by a customer who
 * does not declare residence (or registration, or an address) there. Customers who do are rule
 * 13's. A declared Russian nationality lowers the score (a visit home) but still hits.
 */
export const russiaBelarusAccess: RuleDefinition<RuByParams> = {
  id: 'russia-belarus-access',
  no: 10,
  family: 'geography',
  title: 'Russia or Belarus IP on an account that declares elsewhere',
  source: 'FinCEN FIN-2022-Alert001 CVC red flag (a); FSA STR reference cases (foreign login IP) (research/monitoring.md S10, S5)',
  events: ['login', 'withdrawal.requested', 'trade', 'fiat.transfer'],
  params: ruByParams,
  defaults: { countries: [...RU_BY], legalWithdrawalOutcome: 'hold' },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const flow = flowOf(event);
    if (event.type === 'fiat.transfer' && flow !== 'out') return undefined;
    const geo = ctx.geo;
    if (!geoKnown(geo) || !p.countries.includes(geo.country)) return undefined;
    // Occupied Ukraine that a database files under RU (DB-IP does for Crimea) is rule 9's, not Russia's.
    if (geo.region?.startsWith('UA-')) return undefined;
    const customer = ctx.customer;
    const location = declaredLocation(customer);
    if (location.has(geo.country)) return undefined;
    const legal = customer?.type === 'legal';
    const nationality = customer?.type === 'person' && (customer.nationalities ?? []).includes(geo.country);
    let score = 0.5 + (flow === 'out' ? 0.2 : 0) + (legal ? 0.2 : 0) - (nationality ? 0.2 : 0);
    score = Math.round(Math.max(0.3, Math.min(1, score)) * 100) / 100;
    const what = event.type === 'login' ? 'login' : event.type === 'trade' ? 'trade' : flow === 'out' ? 'withdrawal' : 'transaction';
    const declared = location.size ? [...location].join(', ') : 'no residence';
    const reasons = [
      `${what} with ${ipWhose(event)} in ${geo.country}, by a ${legal ? 'legal person' : 'customer'} who declares ${declared} and not ${geo.country} (FinCEN FIN-2022-Alert001 red flag)`,
    ];
    if (nationality) reasons.push(`the customer declares ${geo.country} nationality, which may explain a visit`);
    const outcome = legal && flow === 'out' ? p.legalWithdrawalOutcome : undefined;
    return { score, reasons, evidence: { ip: geo.ip, ipCountry: geo.country, declared: [...location], legal, flow, nationality }, ...(outcome ? { outcome } : {}) };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 11

const anonParams = z.strictObject({
  /** Score of each anonymiser alone: small, since VPNs are common (research rule 11: risk score and step-up). */
  tor: z.number().min(0).max(1),
  vpn: z.number().min(0).max(1),
  hosting: z.number().min(0).max(1),
  /** Added to the score when a Russia/Belarus/occupied-region indicator comes with it. */
  combinedBonus: z.number().min(0).max(1),
  /** What the combination decides (alone the rule decides nothing: its outcome is allow). */
  combinedOutcome: Outcome,
  countries: z.array(Country),
});
type AnonParams = z.infer<typeof anonParams>;

/** Geolocations that put a customer in Russia/Belarus (undeclared) or an occupied region. */
function ruGeoIndicators(geos: GeoInfo[], customer: Customer | undefined, countries: readonly string[]): string[] {
  const location = declaredLocation(customer);
  const occupied = new Set([...COVERED_REGIONS, ...EU_EXTRA_REGIONS]);
  const out = new Set<string>();
  for (const g of geos) {
    if (g.unknown) continue;
    const region = geoRegion(g);
    if (region && occupied.has(region)) out.add(`a login from ${regionLabel(region)}`);
    else if (g.country && countries.includes(g.country) && !location.has(g.country)) out.add(`a login from ${g.country}`);
  }
  return [...out];
}

/**
 * Rule 11: the session comes through Tor, a VPN or a hosting/cloud network. Alone it adds a small
 * score and decides nothing; with a Russia/Belarus indicator from the same context (this or a
 * recent login geolocated to RU/BY undeclared or to an occupied region, or a rule-12 indicator in
 * the record or session) it asks for review: the IP is likely misattributing the location.
 */
export const anonymisedAccess: RuleDefinition<AnonParams> = {
  id: 'anonymised-access',
  no: 11,
  family: 'geography',
  title: 'Tor, VPN or hosting network access',
  source: 'OFAC virtual-currency guidance 2021 (IP misattribution); FinCEN FIN-2022-Alert001 (non-trusted IPs); FATF VA red flags (3) (research/monitoring.md S12, S10, S9)',
  events: ['login', 'withdrawal.requested'],
  params: anonParams,
  defaults: { tor: 0.4, vpn: 0.3, hosting: 0.2, combinedBonus: 0.4, combinedOutcome: 'review', countries: [...RU_BY] },
  outcome: 'allow',
  evaluate(event, ctx, p) {
    const flags = anonymisers(ctx.geo);
    if (!flags.length) return undefined;
    const customer = ctx.customer ?? customerOf(event, ctx);
    const geos = [...(ctx.geo ? [ctx.geo] : []), ...(ctx.recentGeo ?? [])];
    const combined = [
      ...ruGeoIndicators(geos, customer, p.countries),
      ...conflicting(kycIndicators(customer, sessionOf(event)), customer).map((i) => i.label),
    ];
    const base = Math.max(...flags.map((f) => p[f]));
    const score = Math.min(1, base + (combined.length ? p.combinedBonus : 0));
    const reasons = [`${ipWhose(event)} is ${flags.map((f) => (f === 'tor' ? 'a Tor exit node' : f === 'vpn' ? 'a VPN exit' : 'on a hosting/cloud network')).join(' and ')}`];
    if (combined.length) reasons.push(`with Russia/Belarus/occupied-region indicators: ${combined.join('; ')}; the IP may hide where the customer is`);
    return { score, reasons, evidence: { ip: ctx.geo?.ip, flags, asn: ctx.geo?.asn, combined }, ...(combined.length ? { outcome: p.combinedOutcome } : {}) };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 12

const kycGeoParams = z.strictObject({
  /** How many unexplained indicators ask for review. 2: one alone (a mail.ru address, a Moscow time zone on a trip) is too common. */
  minIndicators: z.number().int().min(1),
  /** Countries whose nationals or residents explain Russian as a browser language or a Russian mail provider. */
  russianSpeaking: z.array(Country),
});
type KycGeoParams = z.infer<typeof kycGeoParams>;

function describe(i: Indicator, customer: Customer | undefined): string {
  const d = declarations(customer);
  const declared = (i.basis === 'identity' ? [...d.identity] : [...d.location]).join(', ') || 'nothing';
  const why = i.explainedBy.length === 0 ? 'an occupied region no declaration explains' : `the customer declares ${declared} (${i.basis === 'identity' ? 'nationality, residence, addresses' : 'residence, addresses'})`;
  return `${i.label}${i.verified ? '' : ' [range from secondary sources]'}: ${why}`;
}

/**
 * Rule 12: indicators in the KYC record (phone, e-mail domain, postcodes) and the session
 * (browser language, time zone) that point to Russia, Belarus or an occupied region and that the
 * customer's declarations do not explain. A Russian national living in Japan explains a +7 phone,
 * a mail.ru address and a Russian browser; a Moscow time zone needs a Russian residence or
 * address; a Crimean number or postcode is explained by nothing. At `minIndicators` unexplained
 * indicators the rule asks for review, listing each.
 */
export const kycGeographyMismatch: RuleDefinition<KycGeoParams> = {
  id: 'kyc-geography-mismatch',
  no: 12,
  family: 'geography',
  title: 'KYC data and session point to Russia, Belarus or an occupied region',
  source: 'FSA STR reference cases (browser language, foreign IP); OFAC virtual-currency guidance 2021 (use all KYC data); FATF VA red flags (4) (research/monitoring.md S5, S12, S9)',
  events: ['customer.onboarded', 'customer.updated', 'login'],
  params: kycGeoParams,
  defaults: { minIndicators: 2, russianSpeaking: [...RUSSIAN_SPEAKING] },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const customer = customerOf(event, ctx);
    const found = conflicting(kycIndicators(customer, sessionOf(event), p.russianSpeaking), customer);
    if (found.length < p.minIndicators) return undefined;
    return {
      score: Math.min(1, found.length / 4),
      reasons: [`${found.length} indicators point to Russia, Belarus or an occupied region against the customer's declarations (threshold ${p.minIndicators})`, ...found.map((i) => describe(i, customer))],
      evidence: { indicators: found.map(({ kind, value, country, regions, verified }) => ({ kind, value, country, regions, verified })), minIndicators: p.minIndicators, declared: declaredCountries(customer) },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 13

const Policy = z.enum(['review', 'hold', 'block']);
const policyParams = z.strictObject({
  /**
   * What a Russian or Belarusian customer (nationality, residence, registration, address)
   * decides: review (default: Japan has no legal ban, a group policy choice), hold, or block
   * (EU nexus: Reg. (EU) 833/2014 Art. 5b(2) bans crypto wallet, account and custody services).
   */
  policy: Policy,
  /** What a legal customer decides when only an owner or director is Russian or Belarusian. */
  relatedPolicy: Policy,
  includeRelated: z.boolean(),
  /** Exempt nationals and residents of the EU, EEA and Switzerland (Reg. 833/2014 Art. 5b exemption). */
  euExemptions: z.boolean(),
  countries: z.array(Country),
});
type PolicyParams = z.infer<typeof policyParams>;

/**
 * Rule 13: flags Russian and Belarusian persons and entities (and, for legal persons, owners and
 * directors through any chain) for the group's restriction policy, at onboarding, on record
 * changes and on withdrawals. The `policy` parameter decides the outcome (the rule-level outcome
 * setting is not used), so that a group with an EU entity can set `block` and turn on the EU
 * exemptions.
 */
export const russianPersonPolicy: RuleDefinition<PolicyParams> = {
  id: 'russian-person-policy',
  no: 13,
  family: 'geography',
  title: 'Russian or Belarusian person: service restriction policy',
  source: 'Reg. (EU) 833/2014 Art. 5b(2) (8th package, Oct 2022); Belarus: Reg. (EC) 765/2006 [verify article]; Japan: policy under FSA/MOF request of 14 March 2022 (research/monitoring.md S14, S2)',
  events: ['customer.onboarded', 'customer.updated', 'withdrawal.requested'],
  params: policyParams,
  defaults: { policy: 'review', relatedPolicy: 'review', includeRelated: true, euExemptions: false, countries: [...RU_BY] },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const customer = customerOf(event, ctx);
    if (!customer) return undefined;
    const watch = new Set(p.countries);
    const own = declaredCountries(customer).filter((c) => watch.has(c));
    if (own.length && p.euExemptions && customer.type === 'person') {
      const eu = [...(customer.nationalities ?? []), ...(customer.residence ? [customer.residence] : [])].filter((c) => EU_EEA_CH.includes(c));
      if (eu.length) return undefined;
    }
    const related = p.includeRelated
      ? relatedParties(customer)
          .map((r) => ({ ...r, countries: declaredCountries(r.party).filter((c) => watch.has(c)) }))
          .filter((r) => r.countries.length)
      : [];
    if (!own.length && !related.length) return undefined;
    const reasons: string[] = [];
    if (own.length) {
      const what = customer.type === 'person' ? 'nationality, residence or address' : 'registration or address';
      reasons.push(`the customer declares ${own.join(', ')} (${what}): restriction policy '${p.policy}'${p.policy === 'block' ? ' (Reg. (EU) 833/2014 Art. 5b(2) for an EU nexus)' : ''}`);
    }
    for (const r of related.slice(0, 5)) reasons.push(`${r.role} ${r.path.join(' → ')} declares ${r.countries.join(', ')}`);
    if (related.length > 5) reasons.push(`and ${related.length - 5} more related parties`);
    if (!own.length) reasons.unshift(`a Russian- or Belarusian-linked owner or director: policy '${p.relatedPolicy}'`);
    return {
      score: own.length ? 0.6 : 0.4,
      outcome: own.length ? p.policy : p.relatedPolicy,
      reasons,
      evidence: { countries: own, related: related.map((r) => ({ role: r.role, path: r.path, countries: r.countries })), policy: own.length ? p.policy : p.relatedPolicy },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 35 (access part)

const miningParams = z.strictObject({
  /** The login channels of a mining customer. */
  channels: z.array(z.enum(['web', 'app', 'api', 'stratum', 'pool-dashboard'])),
  /** Countries whose connections ask for review (OFAC designated BitRiver, a Russian miner, in April 2022). */
  countries: z.array(Country),
  /** Countries and regions whose connections are blocked (as rule 9). */
  blockCountries: z.array(Country),
  blockRegions: z.array(Region),
  euScope: z.boolean(),
});
type MiningParams = z.infer<typeof miningParams>;

/**
 * Rule 35, access: a miner's stratum connection or pool-dashboard login from Russia, Belarus or
 * an occupied region asks for review; from a geo-blocked country or region it is blocked.
 */
export const miningAccess: RuleDefinition<MiningParams> = {
  id: 'mining-access-geography',
  no: 35,
  family: 'mining',
  title: 'Mining connection from Russia, Belarus or a sanctioned region',
  source: 'OFAC virtual-currency guidance 2021 (miners in scope; geolocation); OFAC designation of BitRiver, April 2022 (research/monitoring.md S12, S15)',
  events: ['login'],
  params: miningParams,
  defaults: { channels: ['stratum', 'pool-dashboard'], countries: [...RU_BY], blockCountries: [...COMPREHENSIVE_COUNTRIES], blockRegions: [...COVERED_REGIONS], euScope: false },
  outcome: 'review',
  evaluate(event, ctx, p) {
    if (event.type !== 'login' || !event.data.channel || !p.channels.includes(event.data.channel)) return undefined;
    const geo = ctx.geo;
    if (!geo || geo.unknown) return undefined;
    const region = geoRegion(geo);
    const blockRegions = new Set([...p.blockRegions, ...(p.euScope ? EU_EXTRA_REGIONS : [])]);
    const channel = event.data.channel === 'stratum' ? 'stratum (mining) connection' : 'pool dashboard login';
    const evidence = { ip: geo.ip, ipCountry: geo.country, ipRegion: region, channel: event.data.channel };
    if ((region && blockRegions.has(region)) || (geo.country && p.blockCountries.includes(geo.country))) {
      return { score: 1, outcome: 'block' as const, reasons: [`${channel} from ${region ? regionLabel(region) : geo.country}, a geo-blocked jurisdiction${region ? partlyNote(region) : ''}`], evidence };
    }
    const occupied = region !== undefined && [...COVERED_REGIONS, ...EU_EXTRA_REGIONS].includes(region);
    if (occupied || (geo.country && p.countries.includes(geo.country))) {
      return { score: 0.7, reasons: [`${channel} from ${occupied ? regionLabel(region!) : geo.country}: a mining customer operating from Russia, Belarus or occupied Ukraine`], evidence };
    }
    return undefined;
  },
};

export const GEOGRAPHY_RULES: readonly RuleDefinition<any>[] = [geoBlock, russiaBelarusAccess, anonymisedAccess, kycGeographyMismatch, russianPersonPolicy, miningAccess];
