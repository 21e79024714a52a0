/**
 * @module screening/screen
 * Screens one party against the index: finds candidate names through shared or near tokens,
 * compares every name of each candidate entity with every name of the query, then applies the
 * qualifiers (birth date, country, gender, identifiers) and explains each step. Pure and
 * synchronous: no I/O on the withdrawal path.
 */
import { CoreErrors } from '../errors.ts';
import { countryCode } from '../model/countries.ts';
import { parseDateText } from '../model/dates.ts';
import { prepareName, type NameVariant, type PreparedName } from '../names/prepare.ts';
import { jaroWinkler } from '../names/similarity.ts';
import { compareVariants, TOKEN_FLOOR, type Comparison, type SimilarityCache } from './compare.ts';
import { COMMON_TOKEN_LIMIT, PREFIX_LENGTH, PREFIX_MIN_LENGTH, deletions, kindOf, normaliseIdentifier, schemaAllows, type IndexedEntity, type ScreeningIndex } from './index-build.ts';
import { DEFAULT_LIMIT, DEFAULT_THRESHOLD, type Feature, type NameExplanation, type ScreeningHit, type ScreeningQuery, type ScreeningResult } from './types.ts';

/** Candidate names scored in full per query (yente scores limit × 10; we need fewer). */
const CANDIDATES = 50;
/** The most the qualifiers (birth date +0.05, country +0.03) can add to a name score. */
const MAX_QUALIFIER_BONUS = 0.08;

/**
 * The least query coverage with which a name can still reach `threshold`. The name score is the
 * harmonic mean of query and candidate coverage, so with full candidate coverage it is
 * 2q / (1 + q); it must reach threshold − MAX_QUALIFIER_BONUS. At the default 0.7 that is
 * q ≥ 0.449: candidates below it are not compared at all (a small margin is kept).
 */
export function coverageFloor(threshold: number): number {
  const name = threshold - MAX_QUALIFIER_BONUS;
  if (name <= 0) return 0;
  return (name / (2 - name)) * 0.97;
}
/** A match on a weak alias counts this share of a match on a real name. */
const WEAK_ALIAS_FACTOR = 0.9;
const QUERY_SCHEMAS = new Set(['Person', 'Organization', 'Vessel', 'Aircraft', 'Any']);

/** Per-index scratch space, reused across queries (the engine is single-threaded per index). */
const scratch = new WeakMap<ScreeningIndex, { acc: Float64Array; stamp: Uint32Array; round: number }>();

function scratchFor(index: ScreeningIndex) {
  let s = scratch.get(index);
  if (!s) {
    s = { acc: new Float64Array(index.names.length), stamp: new Uint32Array(index.names.length), round: 0 };
    scratch.set(index, s);
  }
  return s;
}

/**
 * Index tokens near a query token: the same fold, or one insertion, deletion, substitution or
 * transposition away in the fold or in the literal text (symmetric deletion, as in SymSpell).
 */
function nearTokens(index: ScreeningIndex, fold: string, text = fold): Map<number, number> {
  const found = new Map<number, number>();
  const exact = index.tokenIds.get(fold);
  if (exact !== undefined) found.set(exact, 1);
  if (fold.length < 3) return found;
  const keys = new Set(fold.length >= 4 ? [fold, ...deletions(fold)] : [fold]);
  if (text !== fold && text.length >= 4) for (const k of [text, ...deletions(text)]) keys.add(k);
  if (fold.length >= PREFIX_MIN_LENGTH) {
    for (const id of index.prefixes.get(fold.slice(0, PREFIX_LENGTH)) ?? []) {
      if (found.has(id)) continue;
      const sim = jaroWinkler(fold, index.tokenFolds[id]!);
      if (sim >= TOKEN_FLOOR) found.set(id, sim);
    }
  }
  for (const key of keys) {
    for (const id of index.deletionKeys.get(key) ?? []) {
      if (found.has(id)) continue;
      const sim = jaroWinkler(fold, index.tokenFolds[id]!);
      if (sim >= TOKEN_FLOOR) found.set(id, sim);
    }
    // A query one letter longer than an index token: the token itself is a deletion of the query.
    const id = index.tokenIds.get(key);
    if (id !== undefined && !found.has(id)) {
      const sim = jaroWinkler(fold, index.tokenFolds[id]!);
      if (sim >= TOKEN_FLOOR) found.set(id, sim);
    }
  }
  return found;
}

function exactToken(index: ScreeningIndex, fold: string): Map<number, number> {
  const id = index.tokenIds.get(fold);
  return id === undefined ? new Map() : new Map([[id, 1]]);
}

/** Names sharing distinctive near tokens with the query, best first; `nearIds` collects the token ids found. */
function candidateNames(index: ScreeningIndex, queries: PreparedName[], nearIds: Set<number>, minCoverage: number): number[] {
  const s = scratchFor(index);
  s.round++;
  const touched: number[] = [];
  let queryWeight = 0;
  for (const q of queries) {
    for (const variant of q.variants) {
      let variantWeight = 0;
      for (const token of variant.tokens) variantWeight += index.weightOf(token);
      queryWeight = Math.max(queryWeight, variantWeight);
      const lookups: { fold: string; text?: string; w: number; skeleton?: string }[] = [];
      for (const token of variant.tokens) {
        if (token.cls === 'legalForm' || token.cls === 'title') continue;
        lookups.push({ fold: token.fold, text: token.text, w: index.weightOf(token), skeleton: token.abjad ? token.skeleton : undefined });
      }
      // "bit river" also looks for "bitriver", as the list may write it as one word (exactly:
      // near matches of joined words would crowd the candidates with noise).
      const joinedKeys = new Set<string>();
      for (let i = 0; i + 1 < variant.tokens.length; i++) {
        const [a, b] = [variant.tokens[i]!, variant.tokens[i + 1]!];
        if (a.cls === 'name' && b.cls === 'name') {
          joinedKeys.add(a.fold + b.fold);
          const skeleton = a.abjad ? (a.skeleton + b.skeleton).replace(/(.)\1+/g, '$1') : undefined;
          lookups.push({ fold: a.fold + b.fold, w: index.weightOf(a) + index.weightOf(b), skeleton });
        }
      }
      for (const { fold, text, w, skeleton } of lookups) {
        const near = joinedKeys.has(fold) ? exactToken(index, fold) : nearTokens(index, fold, text);
        // Arabic and Hebrew write consonants only: every listed token with the same skeleton is near.
        if (skeleton && skeleton.length >= 2) for (const id of index.skeletons.get(skeleton) ?? []) if (!near.has(id)) near.set(id, 0.97);
        for (const [id, sim] of near) {
          nearIds.add(id);
          const posting = index.postings[id]!;
          if (posting.length > COMMON_TOKEN_LIMIT) continue;
          const add = w * sim;
          for (const n of posting) {
            if (s.stamp[n] !== s.round) {
              s.stamp[n] = s.round;
              s.acc[n] = 0;
              touched.push(n);
            }
            s.acc[n] = s.acc[n]! + add;
          }
        }
      }
    }
  }
  touched.sort((a, b) => s.acc[b]! - s.acc[a]!);
  // A name whose near tokens cover less than `minCoverage` of the query's weight cannot reach
  // the threshold: the accumulated weight bounds its query coverage from above (similarity ≥
  // credit); see coverageFloor.
  const floor = minCoverage * queryWeight;
  const out: number[] = [];
  for (const n of touched) {
    if (out.length === CANDIDATES || s.acc[n]! < floor) break;
    out.push(n);
  }
  return out;
}

interface QueryFacts {
  schema: string;
  year?: number;
  date?: string;
  countries: string[];
  gender?: string;
  identifiers: string[];
}

function birthFeature(facts: QueryFacts, e: IndexedEntity): Feature | undefined {
  if (!facts.year || e.years.length === 0) return undefined;
  const y = facts.year;
  const slack = (r: IndexedEntity['years'][number]) => (r.circa ? 2 : 0);
  if (e.years.some((r) => y >= r.from - slack(r) && y <= r.to + slack(r))) {
    const exact = facts.date && facts.date.length === 10 ? e.entity.birthDates.find((d) => d.date?.length === 10) : undefined;
    if (exact?.date && facts.date) {
      if (exact.date === facts.date) return { feature: 'birthDate', effect: 0.05, detail: `same birth date ${facts.date}` };
      const [, qm, qd] = facts.date.split('-');
      const [, cm, cd] = exact.date.split('-');
      if (qm === cd && qd === cm) return { feature: 'birthDate', effect: 0, detail: `day and month swapped: ${facts.date} / ${exact.date}` };
      if (e.entity.birthDates.some((d) => d.date === facts.date)) return { feature: 'birthDate', effect: 0.05, detail: `same birth date ${facts.date}` };
      return { feature: 'birthDate', effect: -0.05, detail: `same year, other day: ${facts.date} / ${exact.date}` };
    }
    return { feature: 'birthDate', effect: 0.03, detail: `birth year ${y} fits the listed ${e.entity.birthDates.map((d) => d.date ?? `${d.from}–${d.to}`).join(', ')}` };
  }
  const nearest = Math.min(...e.years.map((r) => Math.min(Math.abs(y - r.from), Math.abs(y - r.to))));
  const effect = nearest <= 1 ? -0.05 : -0.15;
  return { feature: 'birthDate', effect, detail: `birth year ${y} against listed ${e.entity.birthDates.map((d) => d.date ?? `${d.from}–${d.to}`).join(', ')}` };
}

function countryFeature(facts: QueryFacts, e: IndexedEntity): Feature | undefined {
  if (facts.countries.length === 0 || e.countries.size === 0) return undefined;
  const shared = facts.countries.filter((c) => e.countries.has(c));
  if (shared.length) return { feature: 'country', effect: 0.03, detail: `country ${shared.join(', ')} matches` };
  return { feature: 'country', effect: -0.08, detail: `country ${facts.countries.join(', ')} against listed ${[...e.countries].join(', ')}` };
}

function genderFeature(facts: QueryFacts, e: IndexedEntity): Feature | undefined {
  const listed = e.entity.properties.gender?.map((g) => g.toLowerCase());
  if (!facts.gender || !listed?.length) return undefined;
  if (listed.includes(facts.gender)) return undefined;
  return { feature: 'gender', effect: -0.1, detail: `gender ${facts.gender} against listed ${listed.join(', ')}` };
}

function queryNames(query: ScreeningQuery): PreparedName[] {
  const kind = kindOf(query.schema ?? 'Any');
  const main = prepareName(query.name, query.nameKana, kind);
  // A dictionary reading of kanji is a Japanese reading: its passport Hepburn form is enough
  // (the foreign-name forms of kana are for katakana renderings of foreign names).
  for (const reading of query.readings ?? []) main.variants.push(...prepareName(reading, undefined, kind).variants.slice(0, 1).map((v) => ({ ...v, via: `dictionary reading (${v.via})` })));
  const out = [main];
  for (const alias of query.aliases ?? []) if (alias.trim()) out.push(prepareName(alias, undefined, kind));
  return out.filter((p) => p.variants.length > 0);
}

function checkQuery(query: ScreeningQuery): void {
  if (typeof query.name !== 'string' || query.name.trim() === '') throw CoreErrors.SCREEN_QUERY('the name to screen is empty', { field: 'name' });
  if (query.schema !== undefined && !QUERY_SCHEMAS.has(query.schema)) throw CoreErrors.SCREEN_QUERY(`unknown schema "${query.schema}" (use Person, Organization, Vessel, Aircraft or Any)`, { field: 'schema' });
  if (query.threshold !== undefined && !(query.threshold >= 0 && query.threshold <= 1)) throw CoreErrors.SCREEN_QUERY(`threshold ${query.threshold} is not between 0 and 1`, { field: 'threshold' });
  if (query.limit !== undefined && !(Number.isInteger(query.limit) && query.limit >= 1 && query.limit <= 1000)) throw CoreErrors.SCREEN_QUERY(`limit ${query.limit} is not a whole number from 1 to 1000`, { field: 'limit' });
}

/**
 * Screens one party.
 * @example screen(index, { name: 'Vladimir Putin', schema: 'Person', birthDate: '1952' })
 */
export function screen(index: ScreeningIndex, query: ScreeningQuery): ScreeningResult {
  checkQuery(query);
  const threshold = query.threshold ?? DEFAULT_THRESHOLD;
  const limit = query.limit ?? DEFAULT_LIMIT;
  const warnings: string[] = [];
  const facts: QueryFacts = { schema: query.schema ?? 'Any', countries: [], identifiers: [] };
  if (query.birthDate) {
    const date = parseDateText(query.birthDate);
    if (date) {
      facts.year = Number(date.slice(0, 4));
      facts.date = date;
    } else warnings.push(`birth date "${query.birthDate}" is not a date; ignored`);
  }
  for (const c of query.countries ?? []) {
    const code = countryCode(c);
    if (code) facts.countries.push(code);
    else warnings.push(`country "${c}" is not known; ignored`);
  }
  if (query.gender) facts.gender = query.gender.toLowerCase();
  facts.identifiers = (query.identifiers ?? []).map(normaliseIdentifier).filter((v) => v.length >= 4);

  const prepared = queryNames(query);
  if (prepared.length === 0) warnings.push('the name has no letters or digits to compare');
  // Candidate names, grouped by entity: only names that share a near token with the query can
  // score, so only they are compared in full.
  const entityNames = new Map<number, number[]>();
  const nearIds = new Set<number>();
  for (const n of prepared.length ? candidateNames(index, prepared, nearIds, coverageFloor(threshold)) : []) {
    const e = index.names[n]!.entity;
    const list = entityNames.get(e);
    if (list) list.push(n);
    else entityNames.set(e, [n]);
  }
  const idHits = new Map<number, string>();
  for (const id of facts.identifiers) for (const hit of index.identifiers.get(id) ?? []) idHits.set(hit.entity, hit.label);
  for (const e of idHits.keys()) if (!entityNames.has(e)) entityNames.set(e, index.entities[e]!.names);

  const weight = index.weightOf;
  const cache: SimilarityCache = new Map();
  const hits: ScreeningHit[] = [];
  for (const [e, names] of entityNames) {
    const indexed = index.entities[e]!;
    if (!schemaAllows(facts.schema, indexed.entity.schema)) continue;
    let best: { cmp: Comparison; q: PreparedName; qv: NameVariant; name: (typeof index.names)[number]; cv: NameVariant } | undefined;
    compare: for (const n of names) {
      const name = index.names[n]!;
      for (const q of prepared) {
        for (const qv of q.variants) {
          for (const cv of name.variants) {
            // Nothing beats a perfect name match: stop comparing this entity's names.
            if (best && best.cmp.score >= 1) break compare;
            // A variant with no token near the query's cannot score: skip it (identifier hits
            // are compared in full, since they may share no token at all).
            if (!idHits.has(e) && !cv.tokens.some((t) => (t.id !== undefined && nearIds.has(t.id)) || (t.joinId !== undefined && nearIds.has(t.joinId)))) continue;
            const cmp = compareVariants(qv, cv, weight, cache);
            // A weak alias (OFAC's "low quality a.k.a.", a nickname) is weaker evidence.
            if (name.name.kind === 'weak') cmp.score *= WEAK_ALIAS_FACTOR;
            if (!best || cmp.score > best.cmp.score) best = { cmp, q, qv, name, cv };
          }
        }
      }
    }
    const features: Feature[] = [];
    let score = best?.cmp.score ?? 0;
    const idLabel = idHits.get(e);
    if (idLabel) {
      features.push({ feature: 'identifier', effect: Math.max(0, 0.99 - score), detail: `shared identifier: ${idLabel}` });
      score = Math.max(score, 0.99);
    }
    for (const f of [birthFeature(facts, indexed), countryFeature(facts, indexed), genderFeature(facts, indexed)]) {
      if (!f) continue;
      // An identifier match is near-certain: the qualifiers are reported but do not undo it.
      if (!idLabel) score += f.effect;
      features.push(idLabel ? { ...f, effect: 0 } : f);
    }
    score = Math.min(1, Math.max(0, score));
    if (!best && !idLabel) continue;
    const explanation: NameExplanation = best
      ? {
          queryName: best.q.full,
          queryVia: best.qv.via,
          candidateName: best.name.name.full,
          candidateKind: best.name.name.kind,
          candidateVia: best.cv.via,
          tokens: best.cmp.tokens,
          queryCoverage: round(best.cmp.queryCoverage),
          candidateCoverage: round(best.cmp.candidateCoverage),
          score: round(best.cmp.score),
        }
      : { queryName: query.name, queryVia: '', candidateName: '', candidateKind: '', candidateVia: '', tokens: [], queryCoverage: 0, candidateCoverage: 0, score: 0 };
    features.unshift({ feature: 'name', effect: round(best?.cmp.score ?? 0), detail: best ? `${best.q.full} ~ ${best.name.name.full}` : 'no name compared' });
    hits.push({
      entityId: indexed.entity.id,
      schema: indexed.entity.schema,
      caption: indexed.entity.names.find((x) => x.kind === 'primary')?.full ?? indexed.entity.names[0]?.full ?? indexed.entity.id,
      source: indexed.source,
      listVersion: indexed.version,
      programs: indexed.entity.properties.program ?? [],
      score: round(score),
      match: score >= threshold,
      explanation: { name: explanation, features },
    });
  }
  hits.sort((a, b) => b.score - a.score || a.entityId.localeCompare(b.entityId));
  return { query, threshold, hits: hits.slice(0, limit), lists: index.lists, warnings };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
