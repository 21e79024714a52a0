/**
 * @module names/fold
 * Folding names for comparison. `asciiFold` turns any Latin-script text into lower-case ASCII
 * words (diacritics, punctuation and apostrophes removed); `phoneticFold` then merges the
 * spelling differences romanisation standards and languages produce for the same sound, so
 * that OFAC's "Arkadyevich", a passport's "Arkadevich", French "Iouri" and Japanese
 * "urajimiru" come closer to "Arkadevich", "Iuri", "Vladimir". The fold is lossy on purpose;
 * the scorer counts a folded-only agreement a little below a literal one.
 */

const LATIN_MARKS = /([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu;
/** Letters NFD does not decompose, written as their usual ASCII spellings. */
const SPECIAL: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŋ: 'ng', ŧ: 't', ŀ: 'l', ĸ: 'k', ſ: 's',
};

/**
 * Lower-case ASCII words of a Latin-script string: NFKC, case folding, diacritics removed,
 * apostrophes dropped (O'Brien → obrien, Arkad'evich → arkadevich), other punctuation a space.
 * Characters of other scripts are kept (transliteration is a separate step).
 * @example asciiFold("José Müller-Lüdenscheidt") // 'jose muller ludenscheidt'
 */
export function asciiFold(text: string): string {
  // Marks are removed only after Latin and Greek letters: under NFD the kana voicing mark
  // (バ = ハ + U+3099), Cyrillic й (и + breve) and Hangul jamo are marks or parts too, and
  // removing them would change the letter, not drop an accent.
  let s = text.normalize('NFKC').toLowerCase().normalize('NFD').replace(LATIN_MARKS, '$1').normalize('NFC');
  s = s.replace(/[ßæœøđðþłıħŋŧŀĸſ]/g, (c) => SPECIAL[c] ?? c);
  s = s.replace(/['’`ʼʹ‘´]/g, '');
  return s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Ordered rewrite rules; earlier rules see the text before later ones. */
const RULES: [RegExp, string][] = [
  [/shch|sch|shh/g, 'sh'], // щ: BGN shch, German/Polish sch; ICAO shch
  [/tch/g, 'ch'], // French/English Tchaikovsky
  [/dzh|dj|zh/g, 'j'], // ж, дж: zh / dzh / dj / j
  [/kh/g, 'h'], // х: kh (BGN) / h (Ukrainian, ICAO h? no: kh) / ch (German)
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/ck/g, 'k'],
  [/c(?![eiyh])/g, 'k'], // a hard c: Victor / Viktor, Nicolai / Nikolai (ce, ci, ch keep theirs)
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'], // Polish/German w, Japanese ウ-row renderings
  [/v/g, 'b'], // Japanese writes v as b (ビ, ブ): Vladimir → ブラジミル
  [/l/g, 'r'], // Japanese has one liquid: Lavrov → ラブロフ (raburofu)
  [/ou/g, 'u'], // French Iouri
  [/y/g, 'i'], // й, ы: y / i / j; -iy / -yy / -ii endings
  [/(.)\1+/g, '$1'], // doubled letters: Abbas / Abas, Dmitrii / Dmitri
  [/ie/g, 'e'], // -ev / -yev / -iev
  [/h$/g, ''], // a final h (Abdallah / Abdalla)
];

/**
 * A token with spelling variation folded away (input: one asciiFold word).
 * @example phoneticFold('arkadyevich') === phoneticFold('arkadevich') // true
 */
export function phoneticFold(token: string): string {
  let s = token;
  for (const [pattern, replacement] of RULES) s = s.replace(pattern, replacement);
  return s;
}
