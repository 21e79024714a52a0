/**
 * @module names/normalize
 * Token classes for screening: which words of a name are the name, and which are a legal form
 * ("OOO", "Pte. Ltd.", "株式会社"), a title ("Dr", "Sheikh", "様") or a generic organisation
 * word ("Trading", "Group"). The matcher weighs the last three low; it never drops them, so
 * "Bitriver AG" and "Bitriver OOO" still differ a little and a name made only of such words
 * can still be compared. This answers issue 3's normalisation requirement and watchman's
 * known flaw (#483), where "11420 CORP." reduced to "corp" and matched at 100%.
 *
 * Input is the word tokens of one name, either after `asciiFold` or in their original script
 * and case split on spaces: "S.R.O.", "Pte." and "(株)" are folded here into the same word
 * sequences the tables are compiled to, so both tokenisations classify alike.
 */
import { asciiFold } from '../fold.ts';
import { LEGAL_FORMS, ORG_WORDS, expandSurface, type FormPosition } from './legal-forms.ts';
import { TITLES } from './titles.ts';

export {
  LEGAL_FORMS,
  ORG_WORDS,
  expandSurface,
  legalFormCode,
  legalFormFamily,
  splitJapaneseLegalForm,
  type FormPosition,
  type LegalFormDef,
  type LegalFormFamily,
  type OrgWordDef,
} from './legal-forms.ts';
export { TITLES, splitJapaneseHonorific, type TitleDef } from './titles.ts';

export type TokenClass = 'name' | 'legalForm' | 'title' | 'generic';

export interface TokenClassification {
  class: TokenClass;
  /** Canonical code of the form ('llc', 'kk'), title ('dr') or generic word ('trade'); on a span's first token. */
  canonical?: string;
  /** On the first token of a recognised form, title or generic phrase: how many tokens it covers. */
  span?: number;
}

export interface ClassifyOptions {
  /**
   * What the name belongs to, when the caller knows (list entities carry a schema).
   * 'person': titles only; 'organization': legal forms and generic words, every ambiguous
   * form accepted; 'any' (default): all three, ambiguous forms only with corroboration.
   */
  kind?: 'person' | 'organization' | 'any';
}

type Marked = Exclude<TokenClass, 'name'>;

interface Entry {
  cls: Marked;
  canonical: string;
  pos: FormPosition;
  weak: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries?: Entry[];
}

const ROOT: TrieNode = { next: new Map() };
let phraseCount = 0;

function insert(words: string[], entry: Entry): void {
  let node = ROOT;
  for (const w of words) {
    let child = node.next.get(w);
    if (!child) node.next.set(w, (child = { next: new Map() }));
    node = child;
  }
  if (!node.entries) {
    node.entries = [];
    phraseCount++;
  }
  if (!node.entries.some((e) => e.cls === entry.cls && e.pos === entry.pos && e.weak === entry.weak && e.canonical === entry.canonical)) {
    node.entries.push(entry);
  }
}

/**
 * Two single letters ("S.A.", "A.S.", "L.P.", "H.E.") are also a person's initials ("Petrov S. A."),
 * so every such form is weak whatever its table says.
 */
const isTwoInitials = (words: string[]): boolean => words.length === 2 && words[0]!.length === 1 && words[1]!.length === 1;
/**
 * A lone CJK character left of "(주)", "(宗)": also a surname (주, 宗, 福, 有); 株 is not.
 * NFC first: asciiFold leaves Hangul decomposed into jamo.
 */
const isLoneCjk = (words: string[]): boolean => {
  const w = words.length === 1 ? words[0]!.normalize('NFC') : '';
  return w.length === 1 && w.charCodeAt(0) >= 0x2e80 && w !== '株';
};

for (const def of LEGAL_FORMS) {
  for (const surface of def.forms) {
    for (const words of expandSurface(surface)) {
      insert(words, { cls: 'legalForm', canonical: def.code, pos: def.pos ?? 'edge', weak: Boolean(def.weak) || isTwoInitials(words) || isLoneCjk(words) });
    }
  }
}
for (const def of TITLES) {
  for (const surface of def.forms) {
    for (const words of expandSurface(surface)) {
      insert(words, { cls: 'title', canonical: def.canonical, pos: def.pos, weak: Boolean(def.weak) || isTwoInitials(words) });
    }
  }
}
for (const def of ORG_WORDS) {
  for (const surface of def.forms) {
    for (const words of expandSurface(surface)) insert(words, { cls: 'generic', canonical: def.canonical, pos: 'any', weak: false });
  }
}

/** Number of distinct word sequences the classifier recognises (all tables, all spellings). */
export const PHRASE_COUNT = phraseCount;

const NO_WORDS: readonly string[] = [];

/** A token as folded words: lower-case ASCII tokens as they are, anything else through asciiFold. */
function wordsOf(token: string): readonly string[] {
  let plain = token.length > 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
      plain = false;
      break;
    }
  }
  if (plain) return [token];
  const folded = asciiFold(token);
  return folded ? folded.split(' ') : NO_WORDS;
}

interface Span {
  start: number;
  end: number;
  entries: Entry[];
  chosen?: Entry;
}

const allowed = (kind: string, e: Entry): boolean =>
  kind === 'any' || (kind === 'person' ? e.cls === 'title' : e.cls !== 'title');

/** The longest table phrase starting at token `i` that covers whole tokens, or undefined. */
function longestAt(words: readonly (readonly string[])[], i: number, kind: string): Span | undefined {
  let node: TrieNode | undefined = ROOT;
  let best: Span | undefined;
  for (let t = i; t < words.length; t++) {
    const ws = words[t]!;
    if (ws.length === 0) {
      if (t === i) return undefined;
      continue; // "&" in "GmbH & Co. KG": punctuation inside a phrase is covered by it
    }
    for (const w of ws) {
      node = node.next.get(w);
      if (!node) return best;
    }
    if (node.entries) {
      const entries = node.entries.filter((e) => allowed(kind, e));
      if (entries.length > 0) best = { start: i, end: t + 1, entries };
    }
  }
  return best;
}

const PREFIX_OK: ReadonlySet<FormPosition> = new Set(['prefix', 'edge', 'any']);
const SUFFIX_OK: ReadonlySet<FormPosition> = new Set(['suffix', 'edge', 'any']);

/** The entry of class `cls` usable at this place, strong ones first. */
function pick(span: Span, cls: Marked, posOk: ReadonlySet<FormPosition>): Entry | undefined {
  let weak: Entry | undefined;
  for (const e of span.entries) {
    if (e.cls !== cls || !posOk.has(e.pos)) continue;
    if (!e.weak) return e;
    weak ??= e;
  }
  return weak;
}

const MIDDLE_OK: ReadonlySet<FormPosition> = new Set(['any']);

/**
 * Classifies the word tokens of one name. Multi-word forms ("obshchestvo s ogranichennoy
 * otvetstvennostyu", "pte ltd", "s r o") are one span: each covered token gets the class, the
 * first also `canonical` and `span`. Equivalent forms share a canonical code (ООО, OOO and
 * "limited liability company" are all 'llc').
 *
 * Rules, in order: legal forms stand at the start or end of the name (or next to another form
 * there), except long unambiguous phrases and "Company", "Corporation", "Limited", which may
 * stand anywhere. Ambiguous forms (also names or initials: "IP", "OU", "S A") count only when
 * `kind` is 'organization' or the name has another legal form or generic word. A name with an
 * unambiguous legal form has no titles. Titles stand before the name (honorifics such as 様
 * after it) with a name word beside them; titles that are also names ("Imam", "Major")
 * need two. Generic words count anywhere in names that are not known to be persons.
 * @example
 * classifyTokens(['ooo', 'management', 'company', 'bitriver']).map((c) => c.class)
 * // ['legalForm', 'generic', 'legalForm', 'name']
 * classifyTokens(['ABC', 'Pte.', 'Ltd.'])
 * // [{ class: 'name' }, { class: 'legalForm', canonical: 'pte', span: 2 }, { class: 'legalForm' }]
 */
export function classifyTokens(tokens: readonly string[], options: ClassifyOptions = {}): TokenClassification[] {
  const kind = options.kind ?? 'any';
  const n = tokens.length;
  const words = tokens.map(wordsOf);

  // Candidate spans: the longest phrase at each position, left to right.
  const spans: Span[] = [];
  for (let i = 0; i < n; ) {
    const span = words[i]!.length > 0 ? longestAt(words, i, kind) : undefined;
    if (span) {
      spans.push(span);
      i = span.end;
    } else i++;
  }

  const out: TokenClassification[] = words.map((ws) => ({ class: ws.length === 0 ? 'generic' : 'name' }));
  if (spans.length === 0) return out;

  const skipEmpty = (i: number): number => {
    while (i < n && words[i]!.length === 0) i++;
    return i;
  };
  const skipEmptyBack = (i: number): number => {
    while (i > 0 && words[i - 1]!.length === 0) i--;
    return i;
  };

  // Legal forms: prefix chain, suffix chain, then the middle.
  const legal = new Map<Span, Entry>();
  let edge = skipEmpty(0);
  for (const s of spans) {
    if (s.start !== edge) break;
    const e = pick(s, 'legalForm', PREFIX_OK);
    if (!e) break;
    legal.set(s, e);
    edge = skipEmpty(s.end);
  }
  edge = skipEmptyBack(n);
  for (let k = spans.length - 1; k >= 0; k--) {
    const s = spans[k]!;
    if (s.end !== edge) break;
    const e = legal.get(s) ?? pick(s, 'legalForm', SUFFIX_OK);
    if (!e) break;
    legal.set(s, e);
    edge = skipEmptyBack(s.start);
  }
  for (const s of spans) {
    if (legal.has(s)) continue;
    const e = pick(s, 'legalForm', MIDDLE_OK);
    if (e) legal.set(s, e);
  }
  let strongLegal = false;
  for (const e of legal.values()) if (!e.weak) strongLegal = true;
  const hasGeneric = kind !== 'person' && spans.some((s) => s.entries.some((e) => e.cls === 'generic'));
  const corroborated = kind === 'organization' || strongLegal || hasGeneric;
  for (const [s, e] of legal) {
    if (e.weak && !corroborated) legal.delete(s);
    else s.chosen = e;
  }

  // Titles: not in organisations (a name with a sure legal form is one).
  if (kind !== 'organization' && !strongLegal) {
    const isFree = (s: Span) => !s.chosen;
    const covered = new Uint8Array(n);
    for (const s of spans) if (s.chosen) covered.fill(1, s.start, s.end);
    const nameTokensIn = (from: number, to: number): number => {
      let count = 0;
      for (let t = from; t < to; t++) if (words[t]!.length > 0 && !covered[t]) count++;
      return count;
    };
    const chain: Span[] = [];
    edge = skipEmpty(0);
    for (const s of spans) {
      if (s.start !== edge || !isFree(s) || !s.entries.some((e) => e.cls === 'title' && e.pos === 'prefix')) break;
      chain.push(s);
      edge = skipEmpty(s.end);
    }
    const after = nameTokensIn(edge, n);
    for (const s of chain) {
      const e = s.entries.find((x) => x.cls === 'title' && x.pos === 'prefix')!;
      if (after >= (e.weak ? 2 : 1)) s.chosen = e;
    }
    const tail: Span[] = [];
    edge = skipEmptyBack(n);
    for (let k = spans.length - 1; k >= 0; k--) {
      const s = spans[k]!;
      if (s.end !== edge || !isFree(s) || !s.entries.some((e) => e.cls === 'title' && e.pos === 'suffix')) break;
      tail.push(s);
      edge = skipEmptyBack(s.start);
    }
    const before = nameTokensIn(0, edge);
    for (const s of tail) {
      const e = s.entries.find((x) => x.cls === 'title' && x.pos === 'suffix')!;
      if (before >= (e.weak ? 2 : 1)) s.chosen = e;
    }
  }

  // Generic words: whatever is left.
  if (kind !== 'person') {
    for (const s of spans) if (!s.chosen) s.chosen = s.entries.find((e) => e.cls === 'generic');
  }

  for (const s of spans) {
    const e = s.chosen;
    if (!e) continue;
    out[s.start] = { class: e.cls, canonical: e.canonical, span: s.end - s.start };
    for (let t = s.start + 1; t < s.end; t++) out[t] = { class: e.cls };
  }
  return out;
}
