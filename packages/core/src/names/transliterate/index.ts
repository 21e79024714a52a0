/**
 * @module names/transliterate
 * Romanisations of a name, one per standard where standards disagree, each labelled with how
 * it was made. Latin text passes as written; Cyrillic, kana and Han get their own modules;
 * every other script goes through any-ascii (Greek, Armenian, Georgian, Arabic, Hebrew, Hangul …).
 */
import { cyrillicRomanisations, hasCyrillic } from './cyrillic.ts';
import { fallbackToAscii, hanPinyinVariants, hasHan } from './han.ts';
import { koreanNameVariants } from './hangul.ts';
import { hasKana, kanaVariants } from './kana.ts';

export * from './han.ts';
export { cyrillicRomanisations, cyrillicVariants, hasCyrillic } from './cyrillic.ts';
export { hasKana, kanaToHepburn, kanaVariants } from './kana.ts';

export interface Romanisation {
  text: string;
  via: string;
}

const HANGUL = /\p{Script=Hangul}/u;
const NON_LATIN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

/** The romanisations of `text` (at least one; the first is the most standard). */
export function transliterations(text: string): Romanisation[] {
  if (!NON_LATIN.test(text)) return [{ text, via: 'as written' }];
  const out: Romanisation[] = [];
  if (hasCyrillic(text)) for (const r of cyrillicRomanisations(text)) out.push({ text: r.text, via: r.system });
  // Kana first: a Japanese name mixing kanji and kana keeps its kanji for the reading step;
  // whatever stays non-Latin is romanised by the general fallback when the variant is prepared.
  else if (hasKana(text)) kanaVariants(text).forEach((v, i) => out.push({ text: v, via: i === 0 ? 'Hepburn' : 'Hepburn, foreign-name form' }));
  else if (hasHan(text)) for (const v of hanPinyinVariants(text)) out.push({ text: v, via: 'pinyin' });
  if (out.length === 0) {
    const ascii = fallbackToAscii(text);
    out.push({ text: ascii, via: 'any-ascii' });
    if (HANGUL.test(text)) for (const v of koreanNameVariants(ascii)) out.push({ text: v, via: 'McCune–Reischauer (list form)' });
  }
  return out;
}
