/**
 * @module names/prepare
 * Turns a name as written into the forms the matcher compares: one or more *variants*, each a
 * list of ASCII word tokens with their phonetic fold and token class. A Latin name gives one
 * variant; a Cyrillic, kana, Han or other-script name gives one per romanisation that
 * standards disagree on (ICAO vs BGN/PCGN, Hepburn with and without epenthetic vowels,
 * pinyin), each labelled with how it was made so the explanation can say so.
 */
import anyAscii from 'any-ascii';
import { asciiFold, phoneticFold } from './fold.ts';
import { classifyName, type NameKindHint, type TokenClass } from './classes.ts';
import { splitJapaneseLegalForm } from './normalize/index.ts';
import { transliterations } from './transliterate/index.ts';

export interface PreparedToken {
  /** asciiFold'ed word. */
  text: string;
  /** phoneticFold of `text`. */
  fold: string;
  cls: TokenClass;
  /** Legal-form code when cls is legalForm ('llc', 'jsc', ...). */
  canonical?: string;
  /** Consonant skeleton (vowels, y and w removed), for names written in an abjad. */
  skeleton: string;
  /** The token comes from Arabic or Hebrew script, which write no short vowels. */
  abjad?: boolean;
  /** Its weight in the index it was compared in (set by the index, cached). */
  w?: number;
  /** The index's id of its fold (listed tokens only). */
  id?: number;
  /** The index's id of this token's fold joined with the next one's (listed tokens only). */
  joinId?: number;
}

export interface NameVariant {
  tokens: PreparedToken[];
  /** How the variant was made: 'as written', 'ICAO 9303', 'BGN/PCGN', 'Hepburn', 'pinyin', 'reading', 'any-ascii' … */
  via: string;
}

export interface PreparedName {
  full: string;
  variants: NameVariant[];
}

/** Names longer than this are cut before preparation: no real name is longer, and cost stays bounded. */
export const MAX_NAME_LENGTH = 300;

const ABJAD = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;

/**
 * The consonants of a romanised word: Arabic and Hebrew write no short vowels, so محمد
 * romanises as "mhmd" and משה as "msh"; a listed "Mohamed" or "Moshe" has the same skeleton.
 */
export function consonantSkeleton(text: string): string {
  return text.replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1');
}

function toTokens(words: string[], abjad: boolean, kind: NameKindHint): PreparedToken[] {
  const classes = classifyName(words, kind);
  return words.map((text, i) => {
    const token: PreparedToken = { text, fold: phoneticFold(text), cls: classes[i]!.cls, skeleton: consonantSkeleton(text) };
    if (abjad) token.abjad = true;
    if (classes[i]!.canonical) token.canonical = classes[i]!.canonical;
    return token;
  });
}

/**
 * The variants of one name. `reading` is a kana reading given beside a kanji name (furigana);
 * it is used first when present, as Japanese KYC records carry it.
 * @example prepareName('Владимир Путин').variants.map((v) => v.via) // ['ICAO 9303', 'BGN/PCGN', …]
 */
export function prepareName(full: string, reading?: string, kind: NameKindHint = 'any'): PreparedName {
  let text = full.length > MAX_NAME_LENGTH ? full.slice(0, MAX_NAME_LENGTH) : full;
  // Japanese writes the legal form solid with the name (株式会社ビットリバー): split it off,
  // romanise the name, and keep the form as a token of its own (its code: kk, gk …).
  let formSuffix = '';
  if (/[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u.test(text)) {
    const split = splitJapaneseLegalForm(text);
    if (split.form && split.name.trim()) {
      text = split.name;
      formSuffix = ` ${split.form}`;
    }
  }
  const seen = new Set<string>();
  const variants: NameVariant[] = [];
  const abjad = ABJAD.test(text);
  const add = (romanised: string, via: string) => {
    const folded = asciiFold(romanised);
    // Whatever is still not ASCII after transliteration goes through the general fallback.
    const ascii = /[^\x00-\x7f]/.test(folded) ? asciiFold(anyAscii(folded)) : folded;
    if (!ascii || seen.has(ascii)) return;
    seen.add(ascii);
    const words = `${ascii}${formSuffix}`.split(' ');
    variants.push({ tokens: toTokens(words, abjad, formSuffix ? 'organization' : kind), via });
  };
  if (reading) for (const r of transliterations(reading)) add(r.text, `reading (${r.via})`);
  for (const r of transliterations(text)) add(r.text, r.via);
  return { full: text, variants };
}
