/**
 * @module monitoring/rules/ownership
 * Rules 6 and 7 of research/monitoring.md §3.2: ownership and control by sanctioned persons of a
 * legal-person customer that is not itself listed.
 *
 * Rule 6 (ownership aggregation) reads the share sanctioned persons hold through any chain of
 * owners under the OFAC, EU and UK rules (monitoring/ownership.ts, where the legal tests and
 * their sources are). At or over a regime's threshold the customer counts as designated: an
 * onboarding is blocked, an existing customer's funds are frozen (FEFTA Art. 16/21 and the FSA
 * request of 14 March 2022 treat an asset-freeze target's property alike; OFAC: property of a
 * blocked entity is blocked). A share that reaches the threshold only if a possible name match
 * is confirmed holds the event (FSA request ①: suspected, do not transfer until confirmed
 * otherwise). Under the threshold, 25 % and more is a near miss for review (rule 6: ALERT on
 * 25-49 %; 25 % is also the beneficial-owner threshold of the Act on Prevention of Transfer of
 * Criminal Proceeds, Ordinance Art. 11, so every owner the record must name can reach it).
 *
 * Rule 7 (control without majority) flags what the EU Best Practices of 3 July 2024 list as
 * indications of control, and what OFAC's 2014 guidance asks to treat with caution: a sanctioned
 * person who is the largest shareholder below the threshold, a sanctioned director or
 * representative (OFAC FAQ 400: no dealing with a blocked individual acting for a company;
 * Commission opinion of 8 June 2021: a designated chairman may control the company), a
 * sanctioned holding behind a trust or nominee layer, and a significant minority interest that
 * no 50% rule counts. Review, enhanced due diligence and senior approval to keep the customer.
 */
import { z } from 'zod';
import type { Customer, LegalCustomer, LegalParty, Party } from '../../customers/schema.ts';
import type { Finding } from '../../events/findings.ts';
import type { Decision, SekishoEvent } from '../../events/schema.ts';
import {
  OWNERSHIP_PROFILES,
  type IsSanctioned,
  type OwnershipAssessment,
  type OwnershipHolder,
  type OwnershipProfile,
  ownershipNodes,
  sanctionedOwnership,
  sanctionsFromFindings,
} from '../ownership.ts';
import type { MonitoringContext, OwnershipResult, RuleDefinition } from '../types.ts';
import { primaryName } from './facts.ts';

const PROFILE = z.enum(['ofac', 'eu', 'uk']);

/** Record changes and the events that move funds: a change of owners is caught at the next transfer too. */
const EVENTS = ['customer.onboarded', 'customer.updated', 'withdrawal.requested', 'deposit.detected', 'fiat.transfer'] as const;

const PROFILE_NAME: Record<OwnershipProfile, string> = { ofac: 'OFAC', eu: 'EU', uk: 'UK' };

/** The customer record the event is about: the record the event carries, else the stored one. */
function customerOf(event: SekishoEvent, ctx: MonitoringContext): Customer | undefined {
  if (event.type === 'customer.onboarded' || event.type === 'customer.updated') return event.data.customer;
  return ctx.customer;
}

const pct = (n: number): string => `${Math.round(n * 100) / 100}%`;

function thresholdText(p: OwnershipProfile): string {
  const d = OWNERSHIP_PROFILES[p];
  return `${d.inclusive ? '≥' : '>'} ${d.threshold}%`;
}

/** "Ivan Petrov (OFAC-123) 30% through Lion Holding" */
function holderText(h: OwnershipHolder): string {
  const via = h.path.slice(1, -1);
  return `${h.name}${h.entityId ? ` (${h.entityId})` : ''}${h.possible ? ' [possible match]' : ''} ${pct(h.share)} ${via.length ? `through ${via.join(' → ')}` : 'directly'}`;
}

/** A finding on an owner of the customer's record (partiesOf keys 'owner:<path>'). */
const isOwnerFinding = (f: Finding): boolean => f.party.role === 'owner' && f.party.key.startsWith('owner:');

/** Whether a result carries the "if confirmed" figures (computed here, or by a server that kept them). */
function isAssessment(r: OwnershipResult): r is OwnershipAssessment {
  return typeof (r as OwnershipAssessment).possibleShare === 'number';
}

// ───────────────────────────── rule 6 ─────────────────────────────

const aggregationParams = z.strictObject({
  /** Share (percent) from which a holding under the threshold is a near miss for review. */
  nearMiss: z.number().nonnegative().max(100),
  /** The regimes whose ownership rule applies to this exchange (a Japanese exchange with no US or EU nexus may keep only some). */
  profiles: z.array(PROFILE).min(1),
});
type AggregationParams = z.infer<typeof aggregationParams>;

export const ownershipAggregation: RuleDefinition<AggregationParams> = {
  id: 'ownership-aggregation',
  no: 6,
  family: 'screening',
  title: 'Sanctioned ownership of a legal person, aggregated through chains of owners (OFAC, EU, UK)',
  source: 'OFAC 50 Percent Rule guidance (2014) and FAQs 398-401; EU Best Practices (3 Jul 2024) and Commission FAQ on Reg. 269/2014; UK SAMLA regulations reg. 7, Sch. 1, OFSI General Guidance 4.14 (research/monitoring.md S6, S7, S8)',
  events: EVENTS,
  params: aggregationParams,
  // 25%: rule 6's near-miss band (25-49%) and the APTCP beneficial-owner threshold.
  defaults: { nearMiss: 25, profiles: ['ofac', 'eu', 'uk'] },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const customer = customerOf(event, ctx);
    if (customer?.type !== 'legal') return undefined;
    // Nothing to compute without the server's figures or a finding on an owner (the common case).
    if (!ctx.ownership && !ctx.findings.some(isOwnerFinding)) return undefined;
    const computed = !ctx.ownership;
    const all: OwnershipResult[] = ctx.ownership ?? sanctionedOwnership(customer, sanctionsFromFindings(ctx.findings), { nearMiss: p.nearMiss });
    const results = all.filter((r) => p.profiles.includes(r.profile));
    const name = primaryName(customer);
    const blocked = results.filter((r) => r.blocked);
    const possibleBlocked = results.filter((r) => !r.blocked && isAssessment(r) && r.possibleBlocked);
    // The near-miss band is this rule's parameter, whatever band the server computed with.
    const near = results.filter((r) => !r.blocked && r.share > 0 && r.share >= p.nearMiss);
    const possibleNear = results.filter((r) => !r.blocked && !near.includes(r) && !possibleBlocked.includes(r) && isAssessment(r) && r.possibleShare > 0 && r.possibleShare >= p.nearMiss);
    if (!blocked.length && !possibleBlocked.length && !near.length && !possibleNear.length) return undefined;

    const reasons: string[] = [];
    for (const r of blocked) {
      reasons.push(`${PROFILE_NAME[r.profile]}: sanctioned persons hold ${pct(r.share)} of ${name} (${thresholdText(r.profile)}${r.profile === 'uk' ? ', one designated person' : ', aggregated'}): it counts as owned by them — ${r.holders.map(holderText).join('; ')}`);
    }
    for (const r of possibleBlocked) {
      const a = r as OwnershipAssessment;
      reasons.push(`${PROFILE_NAME[r.profile]}: if the possible matches are confirmed, sanctioned persons hold ${pct(a.possibleShare)} of ${name} (${thresholdText(r.profile)}; confirmed now: ${pct(r.share)}): confirm or clear ${a.possibleHolders.filter((h) => h.possible).map(holderText).join('; ')}`);
    }
    for (const r of near) {
      reasons.push(`${PROFILE_NAME[r.profile]}: sanctioned persons hold ${pct(r.share)} of ${name}, under the ${thresholdText(r.profile)} threshold but at or over the ${pct(p.nearMiss)} near-miss share — ${r.holders.map(holderText).join('; ')}`);
    }
    for (const r of possibleNear) {
      const a = r as OwnershipAssessment;
      reasons.push(`${PROFILE_NAME[r.profile]}: possible matches would hold ${pct(a.possibleShare)} of ${name} (near-miss share ${pct(p.nearMiss)}) — ${a.possibleHolders.filter((h) => h.possible).map(holderText).join('; ')}`);
    }
    const issues = results.find(isAssessment)?.issues ?? [];
    if (issues.length) reasons.push(`ownership data to correct: ${issues.join('; ')}`);

    let outcome: Decision | undefined;
    let score: number;
    if (blocked.length) {
      // At onboarding nothing is held yet: refuse the relationship. Later, the property is frozen.
      outcome = event.type === 'customer.onboarded' ? 'block' : 'freeze';
      score = 1;
    } else if (possibleBlocked.length) {
      outcome = 'hold';
      score = 0.8;
    } else {
      const top = Math.max(...near.map((r) => r.share / OWNERSHIP_PROFILES[r.profile].threshold), ...possibleNear.map((r) => (0.5 * (r as OwnershipAssessment).possibleShare) / OWNERSHIP_PROFILES[r.profile].threshold));
      score = Math.min(0.75, Math.max(0.3, top));
    }
    return {
      score,
      ...(outcome ? { outcome } : {}),
      ...(outcome === 'freeze' ? { report: 'asset-freeze' as const } : {}),
      reasons,
      evidence: {
        computedFrom: computed ? 'findings' : 'context',
        nearMiss: p.nearMiss,
        profiles: results.map((r) => ({
          profile: r.profile,
          share: r.share,
          blocked: r.blocked,
          nearMiss: !r.blocked && r.share > 0 && r.share >= p.nearMiss,
          holders: r.holders,
          ...(isAssessment(r) ? { possibleShare: r.possibleShare, possibleBlocked: r.possibleBlocked } : {}),
        })),
        ...(issues.length ? { issues } : {}),
      },
    };
  },
};

// ───────────────────────────── rule 7 ─────────────────────────────

const controlParams = z.strictObject({
  /** Share (percent) of the customer that makes a holding behind a trust or nominee, or a minority look-through interest, significant. */
  nearMiss: z.number().nonnegative().max(100),
  /** Words in an owner's legal form that mark a trust or nominee layer (case-insensitive). */
  layerForms: z.array(z.string().trim().min(1)).max(50),
});
type ControlParams = z.infer<typeof controlParams>;

interface Indicator {
  kind: 'largest-shareholder' | 'director' | 'corporate-director' | 'trust-or-nominee' | 'minority-interest';
  weight: number;
  reason: string;
  evidence: Record<string, unknown>;
}

const matchText = (m: { entityId?: string; possible?: boolean; caption?: string }): string =>
  `${m.caption ? `${m.caption}, ` : ''}${m.entityId ?? 'listed'}${m.possible ? ', possible match' : ', confirmed'}`;

/** The largest owner (or one of those tied for it) of a node, when sanctioned, with the next largest share. */
function largestShareholder(isSanctioned: IsSanctioned, owners: { party: Party; share: number; indexPath: string[] }[]) {
  if (!owners.length) return undefined;
  const max = Math.max(...owners.map((o) => o.share));
  const top = owners.filter((o) => o.share === max);
  const others = owners.filter((o) => !top.includes(o));
  const nextLargest = others.length ? Math.max(...others.map((o) => o.share)) : 0;
  for (const o of top) {
    const match = isSanctioned(o.party, o.indexPath);
    if (match) return { owner: o, match, nextLargest, tied: top.length > 1 };
  }
  return undefined;
}

export const controlIndicators: RuleDefinition<ControlParams> = {
  id: 'control-indicators',
  no: 7,
  family: 'screening',
  title: 'Control by sanctioned persons without majority ownership',
  source: 'EU Best Practices (Council, 3 Jul 2024) indications of control; OFAC 50 Percent Rule guidance (2014) and FAQ 400; Commission opinion on Reg. 269/2014 Art. 2(2) (8 Jun 2021) (research/monitoring.md S6, S7)',
  events: EVENTS,
  params: controlParams,
  // 25%: as rule 6. Legal forms: English, German (Treuhand), Japanese (信託) and the usual nominee wording.
  defaults: { nearMiss: 25, layerForms: ['trust', 'nominee', 'fiduciary', 'treuhand', '信託'] },
  outcome: 'review',
  evaluate(event, ctx, p) {
    const customer = customerOf(event, ctx);
    if (customer?.type !== 'legal') return undefined;
    if (!ctx.findings.some((f) => isOwnerFinding(f) || f.party.key.startsWith('director:'))) return undefined;
    const legal = customer as LegalCustomer;
    const isSanctioned = sanctionsFromFindings(ctx.findings);
    const indicators: Indicator[] = [];
    const profile = OWNERSHIP_PROFILES.ofac;
    const root = sanctionedOwnership(legal, isSanctioned, { nearMiss: p.nearMiss });
    const rootOfac = root.find((r) => r.profile === 'ofac')!;

    // (a) The largest shareholder of the customer, or of an owner through which at least the
    // near-miss share of the customer is held, is sanctioned, below the ownership threshold.
    for (const node of ownershipNodes(legal)) {
      if (node.indexPath.length && node.lookThrough < p.nearMiss) continue;
      const top = largestShareholder(isSanctioned, node.owners);
      if (!top || top.owner.share >= profile.threshold) continue;
      const who = primaryName(top.owner.party);
      const where = node.indexPath.length ? `${node.name} (through which ${pct(node.lookThrough)} of ${node.namePath[0]} is held: ${node.namePath.join(' → ')})` : node.name;
      indicators.push({
        kind: 'largest-shareholder',
        weight: top.match.possible ? 0.4 : 0.6,
        reason: `${who} (${matchText(top.match)}) is the ${top.tied ? 'joint ' : ''}largest shareholder of ${where} with ${pct(top.owner.share)} (next largest ${pct(top.nextLargest)}): an EU indication of control below 50%; check board appointment rights, voting agreements and de facto control`,
        evidence: { owner: who, entityId: top.match.entityId, share: top.owner.share, nextLargest: top.nextLargest, of: node.namePath, possible: !!top.match.possible },
      });
    }

    // (b) A director or representative is sanctioned (confirmed or possible).
    const directors = legal.directors ?? [];
    for (const f of ctx.findings) {
      const m = /^director:(\d+)$/.exec(f.party.key);
      if (!m || f.party.role !== 'director' || f.check !== 'sanctions.name') continue;
      const d = directors[Number(m[1])];
      const role = d?.role ? ` (${d.role})` : '';
      indicators.push({
        kind: 'director',
        weight: f.severity === 'confirmed' ? 0.9 : 0.5,
        reason: `director ${f.party.name}${role} matches ${f.caption} (${f.entityId}, ${f.source}, ${f.severity}): a sanctioned person acting for the customer (OFAC FAQ 400) and an indication of control (EU); no instruction from this person may be executed`,
        evidence: { key: f.party.key, role: d?.role, entityId: f.entityId, severity: f.severity },
      });
    }
    // A corporate director owned by sanctioned persons under any regime.
    directors.forEach((d, i) => {
      if (d.party.type !== 'legal') return;
      const res = sanctionedOwnership(d.party as LegalParty, sanctionsFromFindings(ctx.findings, `director:${i}/`), { nearMiss: p.nearMiss });
      const hit = res.find((r) => r.blocked) ?? res.find((r) => r.possibleBlocked);
      if (!hit) return;
      const confirmed = hit.blocked;
      indicators.push({
        kind: 'corporate-director',
        weight: confirmed ? 0.8 : 0.5,
        reason: `corporate director ${primaryName(d.party)}${d.role ? ` (${d.role})` : ''} is ${confirmed ? '' : 'possibly '}owned by sanctioned persons (${PROFILE_NAME[hit.profile]} ${pct(confirmed ? hit.share : hit.possibleShare)}): ${(confirmed ? hit.holders : hit.possibleHolders).map(holderText).join('; ')}`,
        evidence: { director: i, profile: hit.profile, share: hit.share, possibleShare: hit.possibleShare },
      });
    });

    // (c) A sanctioned holding behind a trust or nominee layer.
    const layer = new RegExp(p.layerForms.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
    const behindLayer = new Set<string>();
    for (const node of ownershipNodes(legal)) {
      if (!node.indexPath.length || !p.layerForms.length) continue;
      const form = (node.party as LegalParty).legalForm ?? '';
      if (!layer.test(form)) continue;
      const inner = sanctionedOwnership(node.party as LegalParty, (party, path) => isSanctioned(party, [...node.indexPath, ...path]), { nearMiss: p.nearMiss });
      for (const h of inner[0]!.lookThrough) {
        const share = (node.lookThrough * h.share) / 100;
        if (share < p.nearMiss || share <= 0) continue;
        behindLayer.add(h.entityId ?? h.name);
        indicators.push({
          kind: 'trust-or-nominee',
          weight: h.possible ? 0.4 : 0.6,
          reason: `${h.name}${h.entityId ? ` (${h.entityId})` : ''}${h.possible ? ' [possible match]' : ''} holds ${pct(share)} of ${node.namePath[0]} behind ${node.name} (${form}): a trust or nominee layer, an EU indication of control; identify settlor, beneficiaries and who instructs the nominee`,
          evidence: { holder: h.name, entityId: h.entityId, share, layer: node.namePath, legalForm: form },
        });
      }
    }

    // (d) A significant minority interest no 50% rule counts (ownership through entities that are not owned).
    const counted = new Map<string, number>();
    for (const h of rootOfac.holders) counted.set(h.entityId ?? h.name, (counted.get(h.entityId ?? h.name) ?? 0) + h.share);
    const largestReported = new Set(indicators.filter((i) => i.kind === 'largest-shareholder').map((i) => String(i.evidence.entityId ?? i.evidence.owner)));
    for (const h of rootOfac.lookThrough) {
      const id = h.entityId ?? h.name;
      if (h.share < p.nearMiss || (counted.get(id) ?? 0) >= p.nearMiss || behindLayer.has(id) || largestReported.has(id)) continue;
      indicators.push({
        kind: 'minority-interest',
        weight: h.possible ? 0.3 : 0.5,
        reason: `${h.name}${h.entityId ? ` (${h.entityId})` : ''}${h.possible ? ' [possible match]' : ''} has a ${pct(h.share)} look-through interest in ${primaryName(legal)} (${h.path.join(' → ')}) that the 50% rules do not count because the entities in between are not majority-owned: OFAC urges caution with significant minority interests; check control`,
        evidence: { holder: h.name, entityId: h.entityId, lookThrough: h.share, countedOfac: counted.get(id) ?? 0 },
      });
    }

    if (!indicators.length) return undefined;
    return {
      score: Math.min(1, Math.max(...indicators.map((i) => i.weight)) + 0.1 * (indicators.length - 1)),
      reasons: indicators.map((i) => i.reason),
      evidence: { indicators: indicators.map((i) => ({ kind: i.kind, ...i.evidence })), nearMiss: p.nearMiss },
    };
  },
};

/** Rules 6 and 7, for rules/index.ts. */
export const OWNERSHIP_RULES = [ownershipAggregation, controlIndicators];
