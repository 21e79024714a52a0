/**
 * @module monitoring/rules/network
 * Identity-network and shell-company rules (research/monitoring.md §3.2 group E): customers
 * linked through shared identifiers (rule 29), a new company in a transshipment hub with Russian
 * owners or directors (30), a company whose logins, operators and counterparties are in Russia
 * while it declares elsewhere (31), movements close to a designation of a related party (33),
 * and links to sanctioned customers or listed owners and directors (34).
 *
 * Split between 29 and 34: rule 29 is about evasion through proxies (many people behind one
 * identifier; links to Russia-linked or offboarded customers); rule 34 is about proximity to
 * sanctions (links to customers whose screening status is match or possible-match, owners and
 * directors with screening findings). A link to a sanctioned customer is rule 34's only.
 */
import { z } from 'zod';
import type { Customer, Party } from '../../customers/schema.ts';
import type { SekishoEvent } from '../../events/schema.ts';
import { instantMs } from '../instant.ts';
import { WINDOWS, type Activity, type GeoInfo, type LinkedCustomer, type MonitoringContext, type RuleDefinition } from '../types.ts';
import { declaredCountries, monthsBetween, yen } from './facts.ts';
import { customerOf, sessionOf } from './geography.ts';
import { RU_BY, TRANSSHIPMENT_HUBS, declarations, geoKnown, languageIndicator, nameKey, relatedParties, timeZoneIndicator } from './indicators.ts';

const Country = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in upper case, e.g. RU');
const Weight = z.number().min(0).max(1);

// ---------------------------------------------------------------------------------------------
// Link strength

/**
 * How much a shared identifier says that two customers are the same operator. A bank account or
 * a withdrawal address is controlled by one person; a device, phone, e-mail or deposit address
 * rarely is shared by strangers; an IP often is (office and carrier-grade NAT, public Wi-Fi).
 */
export const LINK_WEIGHTS = { ip: 0.2, device: 0.5, phone: 0.5, email: 0.5, 'deposit-address': 0.5, 'bank-account': 1, 'withdrawal-address': 1 };
const LinkWeights = z.strictObject({ ip: Weight, device: Weight, phone: Weight, email: Weight, 'deposit-address': Weight, 'bank-account': Weight, 'withdrawal-address': Weight });
type LinkWeightTable = z.infer<typeof LinkWeights>;

/** Weight of an identifier kind: `email-local` counts as e-mail; a kind the table does not know counts 0.3. */
function viaWeight(via: string, w: LinkWeightTable): number {
  if (via in w) return w[via as keyof LinkWeightTable];
  if (via.startsWith('email')) return w.email;
  return 0.3;
}

/** A link's strength: 1 − Π(1 − wᵢ) over what the two customers share (an IP and a device say more than either). */
export function linkWeight(link: LinkedCustomer, w: LinkWeightTable = LINK_WEIGHTS): number {
  // Rounded so that five IP links make exactly 1 and a threshold of 1 is not missed by 1e-16.
  return Math.round((1 - link.via.reduce((rest, via) => rest * (1 - viaWeight(via, w)), 1)) * 1e6) / 1e6;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
const describeLink = (l: LinkedCustomer, weight: number): string => `${l.customerId} (shares ${l.via.join(', ')}; strength ${r2(weight)})`;

function listed(lines: string[], max = 5): string[] {
  return lines.length > max ? [...lines.slice(0, max), `and ${lines.length - max} more`] : lines;
}

const SANCTIONED_STATUS = new Set(['match', 'possible-match']);

// ---------------------------------------------------------------------------------------------
// Rule 29

const linkParams = z.strictObject({
  weights: LinkWeights,
  /**
   * Total strength of links to customers under other names that asks for review: 1 = five
   * customers behind one IP (FATF: same IP for several users), two behind one device, or one
   * sharing a bank account or withdrawal address.
   */
  minWeight: z.number().positive(),
  /** A link to a Russia-linked customer counts from this strength: 0.5 leaves out a shared IP alone (an office NAT). */
  russiaLinkMinWeight: Weight,
});
type LinkParams = z.infer<typeof linkParams>;

/**
 * Rule 29: the link graph says (i) several customers under other names stand behind this one's
 * identifiers, or (ii) it is linked to a Russia/Belarus-linked customer (by more than an IP) or
 * to an offboarded customer (by anything: re-onboarding through a proxy). Sanctioned links are
 * rule 34's.
 */
export const sharedIdentifierLink: RuleDefinition<LinkParams> = {
  id: 'shared-identifier-link',
  no: 29,
  family: 'network',
  title: 'Customers linked by shared identifiers',
  source: 'FSA STR reference cases (same IP, different names); FATF VA red flags (2) (same IP for several users); FinCEN FIN-2022-Alert001 (corporate vehicles, third parties) (research/monitoring.md S5, S9, S10)',
  events: ['customer.onboarded', 'login', 'withdrawal.requested', 'deposit.detected'],
  params: linkParams,
  defaults: { weights: { ...LINK_WEIGHTS }, minWeight: 1, russiaLinkMinWeight: 0.5 },
  outcome: 'review',
  evaluate(event, ctx, p) {
    if (!ctx.links.length) return undefined;
    const customer = customerOf(event, ctx);
    const own = new Set((customer?.names ?? []).flatMap((n) => [nameKey(n.name), ...(n.latin ? [nameKey(n.latin)] : [])]));
    const weighed = ctx.links.map((l) => ({ link: l, weight: linkWeight(l, p.weights), other: !l.name || !own.has(nameKey(l.name)) }));
    const others = weighed.filter((x) => x.other);
    const total = Math.round(others.reduce((s, x) => s + x.weight, 0) * 1e6) / 1e6;
    const risky = weighed.filter(({ link, weight }) => !SANCTIONED_STATUS.has(link.status ?? '') && (link.offboarded || (link.russiaLinked && weight >= p.russiaLinkMinWeight)));
    const dense = total >= p.minWeight;
    if (!dense && !risky.length) return undefined;
    const reasons: string[] = [];
    if (dense) reasons.push(`${others.length} customers under other names share identifiers with this one, total strength ${r2(total)} (threshold ${p.minWeight}): ${listed(others.map((x) => describeLink(x.link, x.weight))).join('; ')}`);
    for (const { link, weight } of risky) {
      const what = [link.offboarded ? 'an offboarded customer' : '', link.russiaLinked ? 'a Russia/Belarus-linked customer' : ''].filter(Boolean).join(' and ');
      reasons.push(`linked to ${what}: ${describeLink(link, weight)}`);
    }
    const denseScore = dense ? Math.min(1, (0.5 * total) / p.minWeight) : 0;
    const riskyScore = Math.max(0, ...risky.map((x) => 0.4 + 0.6 * x.weight));
    return {
      score: Math.max(denseScore, riskyScore),
      reasons,
      evidence: {
        totalWeight: r2(total),
        minWeight: p.minWeight,
        links: weighed.map(({ link, weight, other }) => ({ customerId: link.customerId, via: link.via, weight: r2(weight), otherName: other, russiaLinked: !!link.russiaLinked, offboarded: !!link.offboarded })),
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 31 (before 30, which combines with it)

const footprintParams = z.strictObject({
  countries: z.array(Country),
  /** Known-country logins needed before their share means anything. */
  minLogins: z.number().int().nonnegative(),
  /** Share of those logins in `countries` that counts as "mostly" (at least half). */
  loginShare: Weight,
  /** Transfers with a known counterparty country needed before their share means anything. */
  minCounterpartyTransfers: z.number().int().nonnegative(),
  counterpartyShare: Weight,
});
type FootprintParams = z.infer<typeof footprintParams>;

interface FootprintSignal {
  kind: 'logins' | 'counterparties' | 'time-zone' | 'language';
  strong: boolean;
  text: string;
}

/** The logins a footprint is read from: the recent ones, and this login if it is not among them. */
function loginGeos(event: SekishoEvent, ctx: MonitoringContext): GeoInfo[] {
  const out = [...(ctx.recentGeo ?? [])];
  if (event.type === 'login' && ctx.geo && !out.includes(ctx.geo) && out.at(-1)?.ip !== ctx.geo.ip) out.push(ctx.geo);
  return out;
}

/**
 * The signals that a legal customer's real footprint is in Russia or Belarus while it declares
 * elsewhere. Strong signals (most logins, most counterparties) hit alone; weak ones (this
 * session's time zone or language) need each other.
 */
export function footprintSignals(event: SekishoEvent, ctx: MonitoringContext, p: FootprintParams): { hit: boolean; signals: FootprintSignal[]; declared: string[] } {
  const customer = customerOf(event, ctx);
  const declared = [...declarations(customer).location];
  if (customer?.type !== 'legal' || declared.some((c) => p.countries.includes(c))) return { hit: false, signals: [], declared };
  const watch = new Set(p.countries);
  const signals: FootprintSignal[] = [];
  const known = loginGeos(event, ctx).filter(geoKnown);
  const ru = known.filter((g) => watch.has(g.country));
  if (known.length >= p.minLogins && known.length > 0 && ru.length / known.length >= p.loginShare) {
    signals.push({ kind: 'logins', strong: true, text: `${ru.length} of ${known.length} recent logins come from ${[...new Set(ru.map((g) => g.country))].join('/')} (threshold ${Math.round(p.loginShare * 100)}% of at least ${p.minLogins})` });
  }
  // One pass, no copies: this runs on every transaction of a legal customer. The history holds
  // 35 days (HISTORY_MS); the share counts the last 30.
  const from = instantMs(ctx.at) - WINDOWS['30d'];
  let transfers = 0;
  let ruTransfers = 0;
  const ruSeen = new Set<string>();
  const count = (a: Activity) => {
    if (a.flow === 'none' || !a.counterpartyCountry || !(instantMs(a.at) > from)) return;
    transfers++;
    if (watch.has(a.counterpartyCountry)) {
      ruTransfers++;
      ruSeen.add(a.counterpartyCountry);
    }
  };
  for (const a of ctx.history) count(a);
  if (ctx.activity) count(ctx.activity);
  if (transfers >= p.minCounterpartyTransfers && transfers > 0 && ruTransfers / transfers >= p.counterpartyShare) {
    signals.push({ kind: 'counterparties', strong: true, text: `${ruTransfers} of ${transfers} transfers with a known counterparty country go to or come from ${[...ruSeen].join('/')} (threshold ${Math.round(p.counterpartyShare * 100)}% of at least ${p.minCounterpartyTransfers})` });
  }
  const session = sessionOf(event);
  const tz = timeZoneIndicator(session?.timeZone);
  if (tz && (watch.has(tz.country) || tz.regions.length)) signals.push({ kind: 'time-zone', strong: false, text: `this session's ${tz.label}` });
  const lang = languageIndicator(session?.browserLanguage);
  if (lang && watch.has(lang.country)) signals.push({ kind: 'language', strong: false, text: `the operator's ${lang.label}` });
  const hit = signals.some((s) => s.strong) || signals.length >= 2;
  return { hit, signals, declared };
}

const FOOTPRINT_DEFAULTS: FootprintParams = { countries: [...RU_BY], minLogins: 3, loginShare: 0.5, minCounterpartyTransfers: 3, counterpartyShare: 0.5 };

/**
 * Rule 31: a legal person that declares a country other than Russia or Belarus, whose logins are
 * mostly from there, or whose counterparties mostly are, or whose operator works in a Moscow time
 * zone with a Russian browser.
 */
export const declaredFootprintMismatch: RuleDefinition<FootprintParams> = {
  id: 'declared-footprint-mismatch',
  no: 31,
  family: 'network',
  title: 'Company declares one country, operates from Russia or Belarus',
  source: 'FinCEN FIN-2022-Alert001 general red flags (research/monitoring.md S10)',
  events: ['login', 'withdrawal.requested', 'deposit.detected', 'trade', 'fiat.transfer'],
  params: footprintParams,
  defaults: FOOTPRINT_DEFAULTS,
  outcome: 'review',
  evaluate(event, ctx, p) {
    const f = footprintSignals(event, ctx, p);
    if (!f.hit) return undefined;
    const strong = f.signals.filter((s) => s.strong).length;
    return {
      score: Math.min(1, 0.4 * strong + 0.2 * (f.signals.length - strong) + 0.2),
      reasons: [`a company declaring ${f.declared.join(', ') || 'no country'} shows a Russia/Belarus footprint`, ...f.signals.map((s) => s.text)],
      evidence: { declared: f.declared, signals: f.signals.map((s) => s.kind) },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 30

const hubParams = z.strictObject({
  /** Transshipment hubs (FinCEN/BIS FIN-2022-Alert003 and Hong Kong; see indicators.ts). */
  hubs: z.array(Country),
  /** Incorporated within this many months of the event counts as new (FinCEN: sudden company formations). */
  months: z.number().nonnegative(),
  countries: z.array(Country),
  /** Hold (instead of review) when rule 31's footprint signals hit too. */
  holdWithFootprint: z.boolean(),
});
type HubParams = z.infer<typeof hubParams>;

/** Why a related party is Russia-linked: what it declares, or a link to a Russia-linked or offboarded customer. */
function russianTie(party: Party, watch: Set<string>, links: LinkedCustomer[]): string | undefined {
  const declared = declaredCountries(party).filter((c) => watch.has(c));
  if (declared.length) return `declares ${declared.join(', ')}`;
  const linked = party.id ? links.find((l) => l.customerId === party.id && (l.russiaLinked || l.offboarded)) : undefined;
  if (linked) return `is customer ${linked.customerId}, ${linked.russiaLinked ? 'Russia/Belarus-linked' : 'offboarded'}`;
  return undefined;
}

/**
 * Rule 30: a legal customer incorporated within `months` in a transshipment hub, with an owner
 * or director (through any chain) who is a Russian or Belarusian national or resident, or who
 * is (or is linked to) a Russia-linked or offboarded customer. Review; hold when the company also
 * operates from Russia (rule 31). A company whose incorporation date is unknown is not judged new.
 */
export const hubShellRussianLinks: RuleDefinition<HubParams> = {
  id: 'hub-shell-russian-links',
  no: 30,
  family: 'network',
  title: 'New company in a transshipment hub with Russian owners or directors',
  source: 'FinCEN FIN-2022-Alert001 (sudden company formations, corporate vehicles); FinCEN/BIS FIN-2022-Alert003 (transshipment points) (research/monitoring.md S10, S11)',
  events: ['customer.onboarded', 'customer.updated', 'login', 'withdrawal.requested', 'deposit.detected'],
  params: hubParams,
  defaults: { hubs: [...TRANSSHIPMENT_HUBS], months: 12, countries: [...RU_BY], holdWithFootprint: true },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const customer = customerOf(event, ctx);
    if (customer?.type !== 'legal') return undefined;
    const country = customer.jurisdiction ?? customer.addresses?.[0]?.country;
    if (!country || !p.hubs.includes(country) || !customer.incorporationDate) return undefined;
    const age = monthsBetween(customer.incorporationDate, ctx.at);
    if (!(age <= p.months)) return undefined;
    const watch = new Set(p.countries);
    const tied = relatedParties(customer)
      .map((r) => ({ ...r, tie: russianTie(r.party, watch, ctx.links) }))
      .filter((r): r is typeof r & { tie: string } => r.tie !== undefined);
    if (!tied.length) return undefined;
    const footprint = p.holdWithFootprint ? footprintSignals(event, ctx, FOOTPRINT_DEFAULTS) : undefined;
    const reasons = [
      `a company registered in ${country}, a transshipment hub, incorporated ${customer.incorporationDate} (${Math.max(0, Math.round(age))} months before, threshold ${p.months}), with Russian/Belarusian ties:`,
      ...listed(tied.map((r) => `${r.role} ${r.path.join(' → ')} ${r.tie}`)),
    ];
    if (footprint?.hit) reasons.push(`and it operates from Russia/Belarus (rule 31): ${footprint.signals.map((s) => s.text).join('; ')}`);
    return {
      score: footprint?.hit ? 1 : 0.7,
      reasons,
      evidence: { jurisdiction: country, incorporationDate: customer.incorporationDate, ageMonths: r2(age), months: p.months, tied: tied.map((r) => ({ role: r.role, path: r.path, tie: r.tie })), footprint: footprint?.signals.map((s) => s.kind) ?? [] },
      ...(footprint?.hit ? { outcome: 'hold' as const } : {}),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 33

const proximityParams = z.strictObject({
  /** Days either side of a designation date (EU best practices 2024: transfers close to the time of designation). */
  days: z.number().nonnegative(),
  /** An outflow from this value counts as a large movement (a policy choice; unknown values count). */
  minOutflowJpy: z.number().nonnegative(),
});
type ProximityParams = z.infer<typeof proximityParams>;

const partyKey = (p: Party): string => p.id ?? nameKey((p.names[0]?.name ?? '') + (p.type === 'person' && p.birthDate ? ` ${p.birthDate}` : ''));

/** Owners and directors added, removed or re-weighted between two versions of a record. */
export function controlChanges(before: Customer | undefined, after: Customer): string[] {
  if (!before || before.type !== 'legal' || after.type !== 'legal') return [];
  const changes: string[] = [];
  const owners = (c: typeof after) => new Map((c.owners ?? []).map((o) => [partyKey(o.party), o]));
  const [ob, oa] = [owners(before), owners(after)];
  for (const [k, o] of oa) {
    const prev = ob.get(k);
    if (!prev) changes.push(`owner added: ${o.party.names[0]?.name} (${o.share}%)`);
    else if (prev.share !== o.share) changes.push(`owner ${o.party.names[0]?.name}: ${prev.share}% → ${o.share}%`);
  }
  for (const [k, o] of ob) if (!oa.has(k)) changes.push(`owner removed: ${o.party.names[0]?.name}`);
  const directors = (c: typeof after) => new Map((c.directors ?? []).map((d) => [partyKey(d.party), d]));
  const [db, da] = [directors(before), directors(after)];
  for (const [k, d] of da) if (!db.has(k)) changes.push(`director added: ${d.party.names[0]?.name}`);
  for (const [k, d] of db) if (!da.has(k)) changes.push(`director removed: ${d.party.names[0]?.name}`);
  return changes;
}

/**
 * Rule 33: a large outflow, or a change of owners or directors, within `days` of a designation
 * that affects a party related to the customer (ctx.designations, filled by the server from list
 * deltas). On customer.updated the stored record (ctx.customer) is compared with the event's.
 */
export const designationProximity: RuleDefinition<ProximityParams> = {
  id: 'designation-proximity',
  no: 33,
  family: 'network',
  title: 'Movement or control change close to a related party’s designation',
  source: 'EU Council best practices, 3 July 2024 (share transfers close to the time of designation) (research/monitoring.md S7)',
  events: ['withdrawal.requested', 'fiat.transfer', 'customer.updated'],
  params: proximityParams,
  defaults: { days: 30, minOutflowJpy: 1_000_000 },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const at = Date.parse(ctx.at);
    const near = (ctx.designations ?? [])
      .map((d) => ({ ...d, days: (Date.parse(d.date) - at) / 86_400_000 }))
      .filter((d) => Number.isFinite(d.days) && Math.abs(d.days) <= p.days);
    if (!near.length) return undefined;
    let what: string;
    if (event.type === 'customer.updated') {
      const changes = controlChanges(ctx.customer, event.data.customer);
      if (!changes.length) return undefined;
      what = `a change of control (${changes.join('; ')})`;
    } else {
      if (event.type !== 'withdrawal.requested' && event.type !== 'fiat.transfer') return undefined;
      if (event.type === 'fiat.transfer' && event.data.direction !== 'out') return undefined;
      const amount = event.data.amountJpy;
      if (amount !== undefined && amount < p.minOutflowJpy) return undefined;
      what = amount === undefined ? 'an outflow of unknown yen value' : `an outflow of ${yen(amount)} (threshold ${yen(p.minOutflowJpy)})`;
    }
    const when = (d: number) => (d >= 0 ? `${Math.round(d)} days before` : `${Math.round(-d)} days after`);
    return {
      score: 0.6,
      reasons: [`${what} ${near.map((d) => `${when(d.days)} the designation of ${d.entityId} (related party: ${d.relatedParty})`).join('; ')}, within ±${p.days} days`],
      evidence: { designations: near.map((d) => ({ entityId: d.entityId, date: d.date, relatedParty: d.relatedParty, days: r2(d.days) })), days: p.days },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 34

const relatedParams = z.strictObject({
  /** A link to a customer with a possible sanctions match counts from this strength (0.5: not a shared IP alone). */
  possibleMatchMinWeight: Weight,
  weights: LinkWeights,
});
type RelatedParams = z.infer<typeof relatedParams>;

/**
 * Rule 34: proximity to sanctioned parties through the link graph and the ownership record: a
 * linked customer whose screening status is match (any link) or possible-match (a link stronger
 * than an IP), or an owner or director with a screening finding. Screening already holds on the
 * findings; this rule carries them into the score and the case.
 */
export const relatedPartySanctions: RuleDefinition<RelatedParams> = {
  id: 'related-party-sanctions',
  no: 34,
  family: 'network',
  title: 'Linked to sanctioned customers or listed owners and directors',
  source: 'EU Council best practices 2024 (control, front persons); OFAC virtual-currency guidance 2021 (use KYC data) (research/monitoring.md S7, S12)',
  events: ['customer.onboarded', 'customer.updated', 'login', 'withdrawal.requested', 'deposit.detected'],
  params: relatedParams,
  defaults: { possibleMatchMinWeight: 0.5, weights: { ...LINK_WEIGHTS } },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const reasons: string[] = [];
    let score = 0;
    const links = ctx.links
      .map((l) => ({ link: l, weight: linkWeight(l, p.weights) }))
      .filter(({ link, weight }) => link.status === 'match' || (link.status === 'possible-match' && weight >= p.possibleMatchMinWeight));
    for (const { link, weight } of links) {
      const confirmed = link.status === 'match';
      reasons.push(`linked to a customer with a ${confirmed ? 'confirmed' : 'possible'} sanctions match: ${describeLink(link, weight)}`);
      score = Math.max(score, confirmed ? 0.5 + 0.5 * weight : 0.3 + 0.4 * weight);
    }
    const related = ctx.findings.filter((f) => f.party.role === 'owner' || f.party.role === 'director');
    for (const f of related) {
      reasons.push(`${f.party.role} ${f.party.name} has a ${f.severity} finding: ${f.caption} (${f.entityId}, ${f.source})`);
      score = Math.max(score, f.severity === 'confirmed' ? 0.8 : 0.5);
    }
    if (!reasons.length) return undefined;
    return {
      score,
      reasons,
      evidence: {
        links: links.map(({ link, weight }) => ({ customerId: link.customerId, status: link.status, via: link.via, weight: r2(weight) })),
        findings: related.map((f) => ({ role: f.party.role, key: f.party.key, entityId: f.entityId, severity: f.severity })),
      },
    };
  },
};

export const NETWORK_RULES: readonly RuleDefinition<any>[] = [sharedIdentifierLink, hubShellRussianLinks, declaredFootprintMismatch, designationProximity, relatedPartySanctions];
