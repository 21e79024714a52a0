/**
 * @module monitoring/ownership
 * The share of a legal person that sanctioned persons own, directly and through chains of owners,
 * under three regimes' ownership rules, kept apart because they disagree (rule 6 of
 * research/monitoring.md §3.2; sources S6, S7, S8):
 *
 * - **OFAC** (Revised Guidance on Entities Owned by Persons Whose Property and Interests in
 *   Property Are Blocked, 13 Aug 2014; FAQs 398-402; e.g. 31 CFR 587.406): an entity owned
 *   "50 percent or more", "directly or indirectly", "individually or in the aggregate" by blocked
 *   persons is blocked. FAQ 401: "indirectly" means through entities that are themselves 50% or
 *   more owned by blocked persons, and such an entity's holding counts whole, not multiplied
 *   (Example 2: X owns 50% of A, A owns 25% of C, so X "indirectly owns 25 percent of Entity C").
 *   A holding through an entity that is not blocked is disregarded (X owns 25% of A and of B,
 *   A and B each own 50% of C: C is not blocked). FAQ 398: the rule speaks to ownership, not
 *   control.
 * - **EU** (Council, EU Best Practices for the effective implementation of restrictive measures,
 *   update of 3 July 2024; Commission FAQ on Reg. 269/2014 Art. 2, "aggregate ownership", 2022):
 *   "50% or more" of the proprietary rights (before July 2024: "more than 50%"), holdings of
 *   several listed persons aggregated (30% + 25% is owned), whether or not they act in concert.
 *   An entity a listed person owns or controls is presumed to pass that control on to the assets
 *   it holds (Commission opinion of 8 June 2021 on Reg. 269/2014 Art. 2(2)), so, as for OFAC,
 *   an owned entity's holding counts whole and a minority entity's holding does not.
 * - **UK** (SAMLA regulations, e.g. Russia (Sanctions) (EU Exit) Regulations 2019 reg. 7 and
 *   Schedule 1; OFSI General Guidance ch. 4, para. 4.14 added 23 March 2022): a designated person
 *   P owns C when P holds "more than 50%" of the shares or voting rights, directly or indirectly.
 *   P holds indirectly what an entity P has a majority stake in holds (Schedule 1, chain of
 *   majority stakes; whole, not multiplied). Holdings of different designated persons are NOT
 *   aggregated unless they are held jointly (Sch. 1 para. 2) or under a joint arrangement
 *   (Sch. 1 para. 3) or one controls the other's rights (OFSI 4.14). The customer record cannot
 *   express a joint arrangement, so the UK share here is the largest single designated person's
 *   holding; a joint arrangement is for the analyst (and rule 7) to find.
 *
 * Besides the regimes' shares, the look-through share (shares multiplied along each chain, the
 * economic interest) is reported: no regime blocks on it, but OFAC's 2014 guidance and the EU
 * Best Practices ask for caution where a sanctioned person has a significant minority interest.
 *
 * Ownership data is customer-supplied: cycles (A owns B owns A) are cut, a level whose shares add
 * up to more than 100% is clamped at 100% without lowering any sanctioned holding (a data error
 * must never hide a sanctioned share), and both are recorded as issues for the analyst.
 */
import { MAX_OWNERSHIP_DEPTH, type LegalCustomer, type LegalParty, type Owner, type Party } from '../customers/schema.ts';
import type { Finding } from '../events/findings.ts';
import { primaryName } from './rules/facts.ts';
import type { OwnershipResult } from './types.ts';

export type OwnershipProfile = OwnershipResult['profile'];

/** What the caller knows of a party: listed (with the list entity), and whether only possibly. */
export interface SanctionMatch {
  entityId?: string;
  /** A possible match (not confirmed): counted only in the "if confirmed" figures. */
  possible?: boolean;
  caption?: string;
}

/**
 * Whether an owner is a sanctioned (listed) person. `path` is the owner's position below the
 * root as indexes into `owners` (['0', '1'] is owners[0].party.owners[1]), the same path
 * customers/parties.ts builds party keys from ('owner:0.1').
 */
export type IsSanctioned = (party: Party, path: string[]) => SanctionMatch | undefined;

export interface OwnershipHolder {
  name: string;
  entityId?: string;
  /** The share (0..100) of the root this holder contributes under the profile. */
  share: number;
  /** Names from the root down to the sanctioned holder. */
  path: string[];
  /** The holder is a possible (unconfirmed) match. */
  possible?: boolean;
}

/** One profile's result, with what an analyst needs besides the figures rule 6 acts on. */
export interface OwnershipAssessment extends OwnershipResult {
  holders: OwnershipHolder[];
  /** The regime's threshold (percent) and whether reaching it is enough (≥) or it must be exceeded (>). */
  threshold: number;
  inclusive: boolean;
  /** The legal test, one line with its source. */
  basis: string;
  /** The share if every possible match were confirmed (≥ share). */
  possibleShare: number;
  possibleBlocked: boolean;
  possibleHolders: OwnershipHolder[];
  /** Sanctioned persons' look-through (multiplied) interest in the root, largest first. */
  lookThrough: OwnershipHolder[];
  /** Data problems met on the way: cycles cut, levels over 100%, chains cut at the depth limit. */
  issues: string[];
}

export interface OwnershipOptions {
  /** A share at or over this (and under the threshold) is a near miss. Default 25 (rule 6: ALERT on 25-49%). */
  nearMiss?: number;
}

interface ProfileDef {
  threshold: number;
  inclusive: boolean;
  /** Holdings of different sanctioned persons add up (OFAC, EU) or are taken one person at a time (UK). */
  aggregate: boolean;
  basis: string;
}

/** The three regimes' ownership tests (see the module comment for the sources). */
export const OWNERSHIP_PROFILES: Readonly<Record<OwnershipProfile, ProfileDef>> = {
  ofac: {
    threshold: 50,
    inclusive: true,
    aggregate: true,
    basis: 'OFAC 50 Percent Rule (revised guidance of 13 Aug 2014, FAQs 398-401): 50% or more, directly or indirectly, in the aggregate; indirect only through entities themselves 50%-owned by blocked persons',
  },
  eu: {
    threshold: 50,
    inclusive: true,
    aggregate: true,
    basis: 'EU Best Practices (Council, 3 Jul 2024) and Commission FAQ on Reg. 269/2014 Art. 2: 50% or more of the proprietary rights, holdings of listed persons aggregated',
  },
  uk: {
    threshold: 50,
    inclusive: false,
    aggregate: false,
    basis: 'UK SAMLA regulations reg. 7 and Schedule 1, OFSI General Guidance 4.14: more than 50% held by one designated person directly or through majority stakes; different designated persons not aggregated without a joint arrangement',
  },
};

const PROFILE_IDS: readonly OwnershipProfile[] = ['ofac', 'eu', 'uk'];
const EPS = 1e-9;
const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Whether `share` meets a profile's threshold. */
export function meetsThreshold(share: number, p: { threshold: number; inclusive: boolean }): boolean {
  return p.inclusive ? share >= p.threshold - EPS : share > p.threshold + EPS;
}

type Root = LegalCustomer | LegalParty;

/**
 * An identity for cycle detection: the party's customer id, else its register number, else its
 * name. Two records of one company in a chain (A owns B owns "A") are one node.
 */
export function partyIdentity(party: Root | Party): string {
  if (party.id) return `id:${party.id}`;
  if (party.type === 'legal' && party.registrationNumber) return `reg:${party.jurisdiction ?? ''}:${party.registrationNumber.replace(/\s+/g, '')}`;
  return `${party.type}:${primaryName(party).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

/** A share as given, made a number in 0..100 (the schema ensures it; unvalidated data may not). */
function cleanShare(raw: unknown, where: string, issues: Set<string>): number {
  const n = typeof raw === 'number' && Number.isFinite(raw) ? raw : 0;
  if (n !== raw || n < 0 || n > 100) issues.add(`${where}: share ${String(raw)} is not a percentage in 0..100; read as ${Math.min(100, Math.max(0, n))}`);
  return Math.min(100, Math.max(0, n));
}

interface Part {
  name: string;
  entityId?: string;
  share: number;
  /** Names below the node, down to the sanctioned holder. */
  path: string[];
  possible: boolean;
}

interface Holding {
  total: number;
  parts: Part[];
}

interface NodeEval {
  /** Per aggregating profile: what sanctioned persons hold of this node (clamped at 100). */
  agg: Map<OwnershipProfile, Holding>;
  /** Per sanctioned person (key): what they hold of this node, UK reading (majority stakes pass through). */
  single: Map<string, Holding>;
  /** Per sanctioned person: look-through (multiplied) interest in this node. */
  look: Map<string, Holding>;
}

const sum = (parts: Part[]): number => parts.reduce((s, p) => s + p.share, 0);

function add(map: Map<string, Holding>, key: string, part: Part): void {
  const h = map.get(key) ?? { total: 0, parts: [] };
  h.parts.push(part);
  h.total = Math.min(100, h.total + part.share);
  map.set(key, h);
}

interface Walk {
  isSanctioned: IsSanctioned;
  includePossible: boolean;
  issues: Set<string>;
}

/** Evaluates a node bottom-up: what sanctioned persons hold of it under each reading. */
function evaluateNode(node: Root | LegalParty, indexPath: string[], namePath: string[], ancestors: Set<string>, walk: Walk): NodeEval {
  const agg = new Map<OwnershipProfile, Holding>();
  const single = new Map<string, Holding>();
  const look = new Map<string, Holding>();
  const owners: Owner[] = Array.isArray(node.owners) ? node.owners : [];
  const where = namePath.join(' → ');

  const shares = owners.map((o, i) => cleanShare(o?.share, `${where}: owner ${i + 1}`, walk.issues));
  const given = shares.reduce((s, x) => s + x, 0);
  // A level over 100% is a data error: reported, and each regime's total of this node is capped
  // at 100 below, without scaling any sanctioned holding down (scaling would hide a 50% holder
  // behind someone else's inflated share).
  if (given > 100 + EPS) walk.issues.add(`${where}: owners' shares add up to ${round(given)}%; totals are capped at 100%`);

  owners.forEach((owner, i) => {
    const party = owner?.party;
    if (!party || !Array.isArray(party.names) || party.names.length === 0) {
      walk.issues.add(`${where}: owner ${i + 1} has no party record; skipped`);
      return;
    }
    const s = shares[i]!;
    if (s <= 0) return;
    const childIndex = [...indexPath, String(i)];
    const name = primaryName(party);
    const raw = walk.isSanctioned(party, childIndex);
    const match = raw && (walk.includePossible || !raw.possible) ? raw : undefined;
    const key = match ? (match.entityId ? `entity:${match.entityId}` : partyIdentity(party)) : '';

    if (match) {
      const part: Part = { name, share: s, path: [name], possible: !!match.possible, ...(match.entityId ? { entityId: match.entityId } : {}) };
      for (const id of PROFILE_IDS) if (OWNERSHIP_PROFILES[id].aggregate) addAgg(agg, id, { ...part });
      add(single, key, { ...part });
      add(look, key, { ...part });
    }

    if (party.type !== 'legal') return;
    const identity = partyIdentity(party);
    if (ancestors.has(identity)) {
      walk.issues.add(`${where}: ${name} appears again below itself (ownership cycle); the cycle is cut there`);
      return;
    }
    // customers/schema.ts refuses deeper chains; this bound keeps an unvalidated record finite.
    if (childIndex.length > MAX_OWNERSHIP_DEPTH) {
      if ((party as LegalParty).owners?.length) walk.issues.add(`${where} → ${name}: owners deeper than ${MAX_OWNERSHIP_DEPTH} levels are not read`);
      return;
    }
    ancestors.add(identity);
    const child = evaluateNode(party as LegalParty, childIndex, [...namePath, name], ancestors, walk);
    ancestors.delete(identity);

    // OFAC and EU: an entity owned at or over the threshold by sanctioned persons is itself
    // blocked/owned; its holding counts whole (FAQ 401 Example 2). A listed entity already counts
    // whole above. Who made it blocked is shown by spreading its holding over them pro rata.
    if (!match) {
      for (const id of PROFILE_IDS) {
        const def = OWNERSHIP_PROFILES[id];
        const h = child.agg.get(id);
        if (!def.aggregate || !h || !meetsThreshold(h.total, def)) continue;
        const weight = sum(h.parts);
        for (const p of h.parts) addAgg(agg, id, { ...p, share: (s * p.share) / weight, path: [name, ...p.path] });
      }
    }
    // UK: a person with a majority stake (> 50%) in the owner holds what the owner holds, whole.
    for (const [person, h] of child.single) {
      if (!meetsThreshold(h.total, OWNERSHIP_PROFILES.uk)) continue;
      const main = h.parts.reduce((a, b) => (b.share > a.share ? b : a));
      add(single, person, { ...main, share: s, path: [name, ...main.path], possible: h.parts.every((p) => p.possible) });
    }
    // Look-through: shares multiplied along the chain.
    for (const [person, h] of child.look) {
      for (const p of h.parts) add(look, person, { ...p, share: (s * p.share) / 100, path: [name, ...p.path] });
    }
  });
  return { agg, single, look };
}

function addAgg(agg: Map<OwnershipProfile, Holding>, id: OwnershipProfile, part: Part): void {
  const h = agg.get(id) ?? { total: 0, parts: [] };
  h.parts.push(part);
  h.total = Math.min(100, h.total + part.share);
  agg.set(id, h);
}

function holders(parts: Part[], rootName: string): OwnershipHolder[] {
  return parts
    .map((p) => ({ name: p.name, ...(p.entityId ? { entityId: p.entityId } : {}), share: round(p.share), path: [rootName, ...p.path], ...(p.possible ? { possible: true } : {}) }))
    .sort((a, b) => b.share - a.share || a.path.join('/').localeCompare(b.path.join('/')));
}

/** A profile's share and holders from one evaluation of the root. */
function profileFigures(id: OwnershipProfile, ev: NodeEval, rootName: string): { share: number; holders: OwnershipHolder[] } {
  const def = OWNERSHIP_PROFILES[id];
  if (def.aggregate) {
    const h = ev.agg.get(id);
    return { share: round(h?.total ?? 0), holders: holders(h?.parts ?? [], rootName) };
  }
  // One designated person at a time: the share is the largest person's; every person is listed.
  let share = 0;
  const all: Part[] = [];
  for (const h of ev.single.values()) {
    share = Math.max(share, h.total);
    all.push(...h.parts);
  }
  return { share: round(share), holders: holders(all, rootName) };
}

/**
 * The aggregated share sanctioned persons hold in a legal person under the OFAC, EU and UK
 * ownership rules, one result per profile. Pure; cycles and bad shares never throw.
 * @example
 * const [ofac, eu, uk] = sanctionedOwnership(customer, sanctionsFromFindings(findings));
 * if (ofac.blocked) freeze(customer) // 50% or more owned by blocked persons
 */
export function sanctionedOwnership(customer: LegalCustomer | LegalParty, isSanctioned: IsSanctioned, options: OwnershipOptions = {}): OwnershipAssessment[] {
  const nearMiss = options.nearMiss ?? 25;
  const rootName = primaryName(customer);
  const issues = new Set<string>();
  const ancestors = new Set([partyIdentity(customer)]);
  const confirmed = evaluateNode(customer, [], [rootName], ancestors, { isSanctioned, includePossible: false, issues });
  const possible = evaluateNode(customer, [], [rootName], new Set(ancestors), { isSanctioned, includePossible: true, issues: new Set() });
  const look = [...possible.look.values()]
    .map((h) => {
      const main = h.parts.reduce((a, b) => (b.share > a.share ? b : a));
      return { name: main.name, ...(main.entityId ? { entityId: main.entityId } : {}), share: round(h.total), path: [rootName, ...main.path], ...(h.parts.every((p) => p.possible) ? { possible: true } : {}) };
    })
    .sort((a, b) => b.share - a.share);
  return PROFILE_IDS.map((id) => {
    const def = OWNERSHIP_PROFILES[id];
    const now = profileFigures(id, confirmed, rootName);
    const ifConfirmed = profileFigures(id, possible, rootName);
    const blocked = meetsThreshold(now.share, def);
    return {
      profile: id,
      share: now.share,
      blocked,
      nearMiss: !blocked && now.share >= nearMiss - EPS && now.share > 0,
      holders: now.holders,
      threshold: def.threshold,
      inclusive: def.inclusive,
      basis: def.basis,
      possibleShare: ifConfirmed.share,
      possibleBlocked: meetsThreshold(ifConfirmed.share, def),
      possibleHolders: ifConfirmed.holders,
      lookThrough: look,
      issues: [...issues],
    };
  });
}

/** The party key customers/parties.ts gives the owner at `path` ('owner:0.1', 'director:2/owner:0'). */
export function ownerKey(path: readonly string[], prefix = ''): string {
  return `${prefix}owner:${path.join('.')}`;
}

/**
 * Builds `isSanctioned` from screening findings on the customer's record: the finding on party
 * key `owner:<path>` (as partiesOf builds it; `prefix` 'director:<i>/' for a corporate
 * director's owners) marks the owner at that path. Confirmed findings count as sanctioned;
 * possible ones are passed on as possible, so the result shows the share "if confirmed"
 * separately. The findings must come from screening the same revision of the record (keys are
 * positions in its owner lists).
 * @example sanctionedOwnership(customer, sanctionsFromFindings(ctx.findings))
 */
export function sanctionsFromFindings(findings: readonly Finding[], prefix = ''): IsSanctioned {
  const byKey = new Map<string, { match: SanctionMatch; score: number }>();
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}owner:\\d+(\\.\\d+)*$`);
  for (const f of findings) {
    if (f.party.role !== 'owner' || !pattern.test(f.party.key)) continue;
    const possible = f.severity === 'possible';
    const prior = byKey.get(f.party.key);
    // A confirmed finding outranks a possible one; between equals the higher score wins.
    if (prior && (prior.match.possible ? false : possible)) continue;
    if (prior && !!prior.match.possible === possible && prior.score >= f.score) continue;
    byKey.set(f.party.key, { match: { entityId: f.entityId, caption: f.caption, ...(possible ? { possible: true } : {}) }, score: f.score });
  }
  return (_party, path) => byKey.get(ownerKey(path, prefix))?.match;
}

/** A legal node of the ownership tree, as rule 7 reads it. */
export interface OwnershipNode {
  party: LegalCustomer | LegalParty;
  name: string;
  /** Index path below the root ([] for the root). */
  indexPath: string[];
  /** Names from the root down to this node. */
  namePath: string[];
  /** The share (0..100) of the root that flows through this node, multiplied along the chain (100 for the root). */
  lookThrough: number;
  owners: { party: Party; share: number; indexPath: string[] }[];
}

/**
 * Every legal node of the ownership tree, top-down, with the share of the root held through it.
 * Cycles are cut and depth is bounded as in sanctionedOwnership.
 */
export function ownershipNodes(root: LegalCustomer | LegalParty): OwnershipNode[] {
  const out: OwnershipNode[] = [];
  const issues = new Set<string>();
  const visit = (node: LegalCustomer | LegalParty, indexPath: string[], namePath: string[], through: number, ancestors: Set<string>): void => {
    const owners = (Array.isArray(node.owners) ? node.owners : [])
      .map((o, i) => ({ party: o?.party, share: cleanShare(o?.share, namePath.join(' → '), issues), indexPath: [...indexPath, String(i)] }))
      .filter((o): o is { party: Party; share: number; indexPath: string[] } => !!o.party && Array.isArray(o.party.names) && o.party.names.length > 0);
    out.push({ party: node, name: namePath[namePath.length - 1]!, indexPath, namePath, lookThrough: round(through), owners });
    for (const o of owners) {
      if (o.party.type !== 'legal' || o.indexPath.length > MAX_OWNERSHIP_DEPTH) continue;
      const id = partyIdentity(o.party);
      if (ancestors.has(id)) continue;
      ancestors.add(id);
      visit(o.party as LegalParty, o.indexPath, [...namePath, primaryName(o.party)], (through * o.share) / 100, ancestors);
      ancestors.delete(id);
    }
  };
  visit(root, [], [primaryName(root)], 100, new Set([partyIdentity(root)]));
  return out;
}
