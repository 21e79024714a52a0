/**
 * @module model/text
 * Small text helpers every parser shares: whitespace collapsing and script detection.
 * Script codes are ISO 15924; 'Jpan' is used when kana appear (Japanese mixes Han and kana),
 * 'Hani' for Han characters alone, 'Zyyy' when no letter decides.
 */

/** Collapses runs of white space (including NBSP and ideographic space) and trims. */
export function clean(value: string | null | undefined): string {
  if (value == null) return '';
  return value.replace(/[\s\u00a0\u3000]+/gu, ' ').trim();
}

const SCRIPT_TESTS: [string, RegExp][] = [
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Arab', /\p{Script=Arabic}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
  ['Grek', /\p{Script=Greek}/u],
  ['Armn', /\p{Script=Armenian}/u],
  ['Geor', /\p{Script=Georgian}/u],
  ['Hang', /\p{Script=Hangul}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Deva', /\p{Script=Devanagari}/u],
  ['Ethi', /\p{Script=Ethiopic}/u],
  ['Mymr', /\p{Script=Myanmar}/u],
  ['Khmr', /\p{Script=Khmer}/u],
];
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/** The dominant script of a name, by the first decisive character class found. */
export function detectScript(value: string): string {
  if (KANA.test(value)) return 'Jpan';
  if (HAN.test(value)) return 'Hani';
  for (const [code, test] of SCRIPT_TESTS) if (test.test(value)) return code;
  if (LATIN.test(value)) return 'Latn';
  return 'Zyyy';
}
