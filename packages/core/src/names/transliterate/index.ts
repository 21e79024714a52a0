/**
 * @module names/transliterate
 * Romanisations of a name, one per standard where standards disagree, each labelled with how
 * it was made. Latin text passes as written; Cyrillic, kana and Han get their own modules;
 * every other script goes through any-ascii (Greek, Armenian, Georgian, Arabic, Hebrew, Hangul …).
 */
import anyAscii from 'any-ascii';

export interface Romanisation {
  text: string;
  via: string;
}

const NON_LATIN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

/** The romanisations of `text` (at least one; the first is the most standard). */
export function transliterations(text: string): Romanisation[] {
  if (!NON_LATIN.test(text)) return [{ text, via: 'as written' }];
  return [{ text: anyAscii(text), via: 'any-ascii' }];
}
