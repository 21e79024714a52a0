/**
 * @module screening/index-build
 * The in-memory screening index, compiled from the entities of the active list versions. Every
 * listed name is prepared once (all its romanisations); every distinct folded token gets an id,
 * a document frequency (for weights) and a posting list of the names that contain it; a
 * deletion neighbourhood (every token with one letter removed, as in SymSpell) finds tokens one
 * typo away without scanning. Identifiers and wallets are indexed by normalised value.
 */
import type { Entity, EntityName, Schema } from '../model/entity.ts';
import { prepareName, type NameVariant, type PreparedToken } from '../names/prepare.ts';

export interface IndexedEntity {
  entity: Entity;
  source: string;
  version: number;
  /** Birth years (and year ranges) of the entity, for the birth-date qualifier. */
  years: { from: number; to: number; circa: boolean }[];
  countries: Set<string>;
  /** Ids of the entity's names in ScreeningIndex.names. */
  names: number[];
}

export interface IndexedName {
  entity: number;
  name: EntityName;
  variants: NameVariant[];
}

export interface IndexInput {
  entity: Entity;
  source: string;
  version: number;
}

/** Tokens in more names than this are not used to find candidates (they still score). */
export const COMMON_TOKEN_LIMIT = 1500;
/** Long tokens also share a prefix key: variants two or more edits apart at the end of the word. */
export const PREFIX_LENGTH = 5;
export const PREFIX_MIN_LENGTH = 7;
/** Tokens shorter than this are matched exactly when finding candidates (no deletion keys). */
const MIN_DELETION_LENGTH = 4;

const COUNTRY_PROPERTIES = ['nationality', 'citizenship', 'country', 'jurisdiction'] as const;

/** An identifier value as compared: letters and digits only, upper case ("IMO 9000001" → "IMO9000001"). */
export function normaliseIdentifier(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The word with each one letter removed: the symmetric-deletion keys (SymSpell). */
export function deletions(fold: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < fold.length; i++) out.push(fold.slice(0, i) + fold.slice(i + 1));
  return out;
}

function years(entity: Entity): IndexedEntity['years'] {
  const out: IndexedEntity['years'] = [];
  for (const d of entity.birthDates) {
    const from = Number((d.date ?? d.from ?? '').slice(0, 4));
    const to = Number((d.date ?? d.to ?? d.from ?? '').slice(0, 4));
    if (from && to) out.push({ from, to, circa: Boolean(d.circa) });
  }
  return out;
}

/**
 * Token statistics from elsewhere, for an index too small to have its own (pair scoring):
 * how many names a fold appears in, out of `names`.
 */
export interface TokenStats {
  names: number;
  df: Record<string, number>;
}

export class ScreeningIndex {
  /** When set, weights come from these statistics instead of the index's own counts. */
  stats?: TokenStats;
  readonly entities: IndexedEntity[] = [];
  readonly names: IndexedName[] = [];
  /** fold → token id */
  readonly tokenIds = new Map<string, number>();
  readonly tokenFolds: string[] = [];
  /** Number of names whose variants contain the token. */
  tokenDf: number[] = [];
  /** token id → ids of the names containing it. */
  postings: number[][] = [];
  /** deletion key → token ids. */
  readonly deletionKeys = new Map<string, number[]>();
  /** First letters of long folds → token ids: "alexandros" finds "alexander" two edits away. */
  readonly prefixes = new Map<string, number[]>();
  /** consonant skeleton → token ids, for queries in Arabic or Hebrew script. */
  readonly skeletons = new Map<string, number[]>();
  /** normalised identifier or wallet → entity numbers. */
  readonly identifiers = new Map<string, { entity: number; label: string }[]>();
  readonly lists: { source: string; version: number }[] = [];
  builtAt = new Date();
  buildMs = 0;

  /** The token's weight, cached on the token (tokens belong to one index or one query). */
  weightOf = (token: PreparedToken): number => (token.w ??= this.weight(token));

  /** Inverse document frequency weight of a token, by class. */
  weight(token: PreparedToken): number {
    let df: number;
    let total: number;
    if (this.stats) {
      df = this.stats.df[token.fold] ?? 0;
      total = this.stats.names;
    } else {
      const id = this.tokenIds.get(token.fold);
      df = id === undefined ? 0 : this.tokenDf[id]!;
      total = this.names.length;
    }
    const idf = Math.log(1 + total / (1 + df));
    switch (token.cls) {
      case 'legalForm':
      case 'title':
        return idf * 0.1;
      case 'generic':
        return idf * 0.35;
      default:
        return idf;
    }
  }

  get size(): number {
    return this.entities.length;
  }
}

/**
 * Builds the index from the entities of the active list versions.
 * `readings` supplies extra romanisations for names in kanji (a Japanese reading dictionary
 * lives outside core); keys are the names as written.
 */
export function buildIndex(inputs: Iterable<IndexInput>, readings?: Map<string, string[]>, stats?: TokenStats): ScreeningIndex {
  const started = performance.now();
  const index = new ScreeningIndex();
  if (stats) index.stats = stats;
  const listVersions = new Map<string, number>();
  const nameSets: Set<number>[] = [];
  const seenTexts = new Set<string>();
  for (const { entity, source, version } of inputs) {
    listVersions.set(source, version);
    const e = index.entities.length;
    const countries = new Set<string>();
    for (const p of COUNTRY_PROPERTIES) for (const c of entity.properties[p] ?? []) countries.add(c.toUpperCase());
    index.entities.push({ entity, source, version, years: years(entity), countries, names: [] });
    for (const id of entity.identifiers) addIdentifier(index, normaliseIdentifier(id.value), e, `${id.label} ${id.value}`);
    for (const w of entity.wallets) addIdentifier(index, normaliseIdentifier(w.address), e, `wallet ${w.currency} ${w.address}`);
    for (const name of entity.names) {
      const extra = readings?.get(name.full);
      const kind = kindOf(entity.schema);
      const prepared = prepareName(name.full, name.reading, kind);
      if (extra) for (const r of extra) prepared.variants.push(...prepareName(r, undefined, kind).variants.slice(0, 1).map((v) => ({ ...v, via: `dictionary reading (${v.via})` })));
      if (prepared.variants.length === 0) continue;
      const n = index.names.length;
      index.names.push({ entity: e, name, variants: prepared.variants });
      index.entities[e]!.names.push(n);
      const tokens = new Set<number>();
      for (const v of prepared.variants) {
        const keys: { fold: string; text: string; joined: boolean; skeleton?: string }[] = v.tokens.map((t) => ({ fold: t.fold, text: t.text, joined: false, skeleton: t.skeleton }));
        // Adjacent tokens joined ("bit river" → "bitriver") are keys too, so a query that writes
        // the name as one word finds it; they are looked up exactly, so they get no deletion keys.
        for (let i = 0; i + 1 < v.tokens.length; i++) {
          const [a, b] = [v.tokens[i]!, v.tokens[i + 1]!];
          if (a.cls === 'name' && b.cls === 'name') keys.push({ fold: a.fold + b.fold, text: a.fold + b.fold, joined: true });
        }
        for (const { fold, text, joined, skeleton } of keys) {
          let id = index.tokenIds.get(fold);
          if (id === undefined) {
            id = index.tokenFolds.length;
            index.tokenIds.set(fold, id);
            index.tokenFolds.push(fold);
            nameSets.push(new Set());
            if (!joined) {
              addDeletions(index, fold, id);
              if (fold.length >= PREFIX_MIN_LENGTH) {
                const key = fold.slice(0, PREFIX_LENGTH);
                const list = index.prefixes.get(key);
                if (list) list.push(id);
                else index.prefixes.set(key, [id]);
              }
            }
          }
          if (skeleton && skeleton.length >= 2) {
            const list = index.skeletons.get(skeleton);
            if (!list) index.skeletons.set(skeleton, [id]);
            else if (list[list.length - 1] !== id) list.push(id);
          }
          // The literal text's deletion keys too: a transposed typo ("lakahl" for "lakhal") is
          // one deletion away in the text but further in the fold.
          if (!joined && text !== fold && !seenTexts.has(text)) {
            seenTexts.add(text);
            addDeletions(index, text, id);
          }
          tokens.add(id);
        }
      }
      for (const id of tokens) nameSets[id]!.add(n);
    }
  }
  index.postings = nameSets.map((s) => [...s]);
  index.tokenDf = index.postings.map((p) => p.length);
  // Weights of listed tokens are fixed once the counts are known: compute them once.
  for (const name of index.names) {
    for (const v of name.variants) {
      v.tokens.forEach((t, i) => {
        t.w = index.weight(t);
        t.id = index.tokenIds.get(t.fold);
        const next = v.tokens[i + 1];
        if (next) t.joinId = index.tokenIds.get(t.fold + next.fold);
      });
    }
  }
  for (const [source, version] of [...listVersions].sort()) index.lists.push({ source, version });
  index.buildMs = performance.now() - started;
  return index;
}

function addDeletions(index: ScreeningIndex, word: string, id: number): void {
  if (word.length < MIN_DELETION_LENGTH) return;
  for (const key of deletions(word)) {
    const list = index.deletionKeys.get(key);
    if (!list) index.deletionKeys.set(key, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  }
}

function addIdentifier(index: ScreeningIndex, key: string, entity: number, label: string): void {
  if (key.length < 4) return;
  const list = index.identifiers.get(key);
  if (list) {
    if (!list.some((x) => x.entity === entity)) list.push({ entity, label });
  } else index.identifiers.set(key, [{ entity, label }]);
}

/** Whether a schema names a person or an organisation, for recognising titles and legal forms. */
export function kindOf(schema: string): 'person' | 'organization' | 'any' {
  if (schema === 'Person') return 'person';
  if (schema === 'Organization' || schema === 'Company' || schema === 'LegalEntity') return 'organization';
  return 'any';
}

/** Schemas a query schema may match. */
export function schemaAllows(query: string, schema: Schema): boolean {
  switch (query) {
    case 'Any':
      return true;
    case 'Person':
      return schema === 'Person';
    case 'Organization':
      return schema === 'Organization' || schema === 'Company' || schema === 'LegalEntity';
    case 'Vessel':
      return schema === 'Vessel';
    case 'Aircraft':
      return schema === 'Aircraft';
    default:
      return false;
  }
}
