/**
 * @module screening/compare
 * Compares two prepared name variants: aligns their tokens one to one (best pairs first),
 * lets initials, joined or split words and phonetic spellings count, and weighs every token
 * by how informative it is. The score is the harmonic mean of how much of each side's weight
 * the alignment covers, so a query that matches only a common first name, or only a legal
 * form, scores low, and a listed name with extra middle names or a patronymic still scores high.
 */
import type { NameVariant, PreparedToken } from '../names/prepare.ts';
import { jaroWinkler } from '../names/similarity.ts';
import type { TokenMatch } from './types.ts';

/** Token similarity below which two tokens are not a match at all. */
export const TOKEN_FLOOR = 0.8;
/** A phonetic-fold agreement counts a little below a literal one. */
const PHONETIC_DISCOUNT = 0.96;
/** An initial against a name it abbreviates. */
const INITIAL_SCORE = 0.85;
/** Unmatched listed tokens (middle names, patronymics, second family names) count at this share. */
const UNMATCHED_CANDIDATE_SHARE = 0.5;

/**
 * How much a token pair's similarity counts towards coverage. Jaro-Winkler is generous in its
 * upper range (GREEN/REUBEN 0.82, MARK/MALEK 0.9), so similarity is mapped onto a steeper
 * curve: a typo in a long name (0.97) still counts almost fully, a loose resemblance barely.
 */
export function tokenCredit(sim: number): number {
  if (sim >= 1) return 1;
  if (sim <= TOKEN_FLOOR) return 0;
  return ((sim - TOKEN_FLOOR) / (1 - TOKEN_FLOOR)) ** CREDIT_EXPONENT;
}
const CREDIT_EXPONENT = 0.6;
/** Short tokens (4 letters or fewer) that differ are more likely different names than typos. */
const SHORT_TOKEN_PENALTY = 0.05;

export type WeightFn = (token: PreparedToken) => number;

export interface Comparison {
  score: number;
  queryCoverage: number;
  candidateCoverage: number;
  tokens: TokenMatch[];
  /** Whether a token that is not a legal form, title or generic word matched. */
  distinctive: boolean;
}

/** Similarity of two tokens and how it was reached; 0 when below the floor. */
export function tokenSimilarity(q: PreparedToken, c: PreparedToken): { sim: number; how: string } {
  if (q.text === c.text) return { sim: 1, how: 'exact' };
  const ql = q.text.length;
  const cl = c.text.length;
  if (ql === 1 || cl === 1) {
    // An initial ("V.") stands for a name beginning with it, never for another initial.
    if (ql === 1 && cl > 1 && c.text[0] === q.text) return { sim: INITIAL_SCORE, how: 'initial' };
    if (cl === 1 && ql > 1 && q.text[0] === c.text) return { sim: INITIAL_SCORE, how: 'initial' };
    return { sim: 0, how: '' };
  }
  if (q.fold === c.fold) return { sim: PHONETIC_DISCOUNT, how: 'phonetic' };
  // A name from Arabic or Hebrew script carries consonants only: compare skeletons.
  if ((q.abjad || c.abjad) && q.skeleton.length >= 1 && q.skeleton === c.skeleton) return { sim: CONSONANT_SCORE, how: 'consonants' };
  // One adjacent transposition ("SKO" for "SOK") is a typing slip, however short the name.
  if (ql === cl && isTransposition(q.text, c.text)) return { sim: TRANSPOSITION_SCORE, how: 'transposition' };
  // Length filter: JW cannot reach the floor when one token is much longer than the other.
  if (Math.min(ql, cl) * 2 < Math.max(ql, cl)) return { sim: 0, how: '' };
  const literal = mayReach(q.text, c.text) ? jaroWinkler(q.text, c.text) : 0;
  const phonetic = mayReach(q.fold, c.fold) ? jaroWinkler(q.fold, c.fold) * PHONETIC_DISCOUNT : 0;
  const sim = Math.max(literal, phonetic) - (Math.min(ql, cl) <= 4 ? SHORT_TOKEN_PENALTY : 0);
  if (sim < TOKEN_FLOOR) return { sim: 0, how: '' };
  return { sim, how: literal >= phonetic ? 'similar' : 'phonetic' };
}

const TRANSPOSITION_SCORE = 0.92;
const CONSONANT_SCORE = 0.97;

function isTransposition(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i >= a.length - 1) return false;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

const counts = new Int32Array(128);

/**
 * Whether two strings share enough characters for Jaro-Winkler to reach the token floor: JW ≥
 * 0.8 needs Jaro ≥ 2/3 (the prefix bonus adds at most 0.4 × (1 − Jaro)), hence m/|a| + m/|b| ≥ 1
 * matching characters, and m is at most the multiset intersection. Counting is cheaper than JW.
 */
function mayReach(a: string, b: string): boolean {
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i) & 127]!++;
  let common = 0;
  for (let i = 0; i < b.length; i++) {
    const k = b.charCodeAt(i) & 127;
    if (counts[k]! > 0) {
      counts[k]!--;
      common++;
    }
  }
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i) & 127] = 0;
  return common * (a.length + b.length) >= a.length * b.length;
}

interface Pair {
  qi: number;
  /** Second query token when two query tokens joined match one candidate token. */
  qj: number;
  ci: number;
  cj: number;
  sim: number;
  how: string;
}

function joined(a: PreparedToken, b: PreparedToken): PreparedToken {
  // The skeleton matters only for Arabic and Hebrew tokens; building it costs a regex.
  const token: PreparedToken = { text: a.text + b.text, fold: a.fold + b.fold, cls: a.cls, skeleton: a.abjad || b.abjad ? (a.skeleton + b.skeleton).replace(/(.)\1+/g, '$1') : '' };
  if (a.abjad) token.abjad = true;
  return token;
}

/**
 * Compares a query variant with a candidate variant.
 * @example compareVariants(prepareName('Vladimir Putin').variants[0], prepareName('PUTIN, Vladimir Vladimirovich').variants[0], () => 1).score
 */
/**
 * Token-pair similarities of one query, by query token and candidate token text: listed names
 * repeat their words (Mohammed, Ali, LLC), so one query meets the same pair many times.
 */
export type SimilarityCache = Map<PreparedToken, Map<string, { sim: number; how: string }>>;

function cachedSimilarity(cache: SimilarityCache | undefined, q: PreparedToken, c: PreparedToken): { sim: number; how: string } {
  if (!cache || (c.abjad ?? false) !== false) return tokenSimilarity(q, c);
  let byText = cache.get(q);
  if (!byText) cache.set(q, (byText = new Map()));
  let result = byText.get(c.text);
  if (!result) byText.set(c.text, (result = tokenSimilarity(q, c)));
  return result;
}

export function compareVariants(query: NameVariant, candidate: NameVariant, weight: WeightFn, cache?: SimilarityCache): Comparison {
  const Q = query.tokens;
  const C = candidate.tokens;
  const pairs: Pair[] = [];
  const qMatched = new Array<boolean>(Q.length).fill(false);
  const cMatched = new Array<boolean>(C.length).fill(false);
  for (let i = 0; i < Q.length; i++) {
    for (let j = 0; j < C.length; j++) {
      const { sim, how } = cachedSimilarity(cache, Q[i]!, C[j]!);
      if (sim > 0) {
        pairs.push({ qi: i, qj: -1, ci: j, cj: -1, sim, how });
        if (sim >= 0.9) qMatched[i] = cMatched[j] = true;
      }
    }
  }
  // Joined or split words ("abdul rahman" against "abdulrahman", and the other way round) are
  // looked for only where a token found no close partner: the common case pays nothing.
  if (qMatched.includes(false)) {
    for (let i = 0; i + 1 < Q.length; i++) {
      if (qMatched[i] && qMatched[i + 1]) continue;
      const qq = joined(Q[i]!, Q[i + 1]!);
      for (let j = 0; j < C.length; j++) {
        if (C[j]!.text.length < 4) continue;
        const { sim } = tokenSimilarity(qq, C[j]!);
        if (sim >= 0.9) pairs.push({ qi: i, qj: i + 1, ci: j, cj: -1, sim, how: 'joined' });
      }
    }
    for (let j = 0; j + 1 < C.length; j++) {
      if (cMatched[j] && cMatched[j + 1]) continue;
      const cc = joined(C[j]!, C[j + 1]!);
      for (let i = 0; i < Q.length; i++) {
        if (Q[i]!.text.length < 4) continue;
        const { sim } = tokenSimilarity(Q[i]!, cc);
        if (sim >= 0.9) pairs.push({ qi: i, qj: -1, ci: j, cj: j + 1, sim, how: 'joined' });
      }
    }
  }
  pairs.sort((a, b) => b.sim - a.sim || a.qi - b.qi || a.ci - b.ci);
  const qUsed = new Array<boolean>(Q.length).fill(false);
  const cUsed = new Array<boolean>(C.length).fill(false);
  const qSim = new Array<number>(Q.length).fill(0);
  const cSim = new Array<number>(C.length).fill(0);
  const tokens: TokenMatch[] = [];
  let distinctive = false;
  for (const p of pairs) {
    if (qUsed[p.qi] || cUsed[p.ci] || (p.qj >= 0 && qUsed[p.qj]) || (p.cj >= 0 && cUsed[p.cj])) continue;
    for (const i of [p.qi, p.qj]) if (i >= 0) (qUsed[i] = true), (qSim[i] = p.sim);
    for (const j of [p.ci, p.cj]) if (j >= 0) (cUsed[j] = true), (cSim[j] = p.sim);
    if (Q[p.qi]!.cls === 'name' && p.how !== 'initial') distinctive = true;
    tokens.push({
      query: p.qj >= 0 ? `${Q[p.qi]!.text} ${Q[p.qj]!.text}` : Q[p.qi]!.text,
      candidate: p.cj >= 0 ? `${C[p.ci]!.text} ${C[p.cj]!.text}` : C[p.ci]!.text,
      similarity: Math.round(p.sim * 1000) / 1000,
      how: p.how,
    });
  }
  let qTotal = 0;
  let qCovered = 0;
  for (let i = 0; i < Q.length; i++) {
    const w = weight(Q[i]!);
    qTotal += w;
    qCovered += w * tokenCredit(qSim[i]!);
  }
  let cTotal = 0;
  let cCovered = 0;
  for (let j = 0; j < C.length; j++) {
    const w = weight(C[j]!);
    cTotal += cUsed[j] ? w : w * UNMATCHED_CANDIDATE_SHARE;
    cCovered += w * tokenCredit(cSim[j]!);
  }
  const queryCoverage = qTotal > 0 ? qCovered / qTotal : 0;
  const candidateCoverage = cTotal > 0 ? cCovered / cTotal : 0;
  const score = queryCoverage + candidateCoverage > 0 ? (2 * queryCoverage * candidateCoverage) / (queryCoverage + candidateCoverage) : 0;
  return { score: distinctive ? score : score * 0.5, queryCoverage, candidateCoverage, tokens, distinctive };
}
