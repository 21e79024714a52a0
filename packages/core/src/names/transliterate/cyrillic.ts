/**
 * @module names/transliterate/cyrillic
 * Romanisation of Cyrillic names into the several Latin spellings that sanctions lists, passports
 * and customers actually write. No single standard is "the" one: OFAC mixes BGN/PCGN
 * ("Arkadyevich", "Yevgeniy"), Russian passports since 2014 follow ICAO Doc 9303 Part 3
 * ("Arkadevich", "Iurii"), older passports the 1997 MVD table ("Yuriy"), the press writes
 * "Yuri", "Artyom", "Grigoriev", Ukrainian documents follow the 2010 national table ("Oleksandr",
 * "Zelenskyi"), Belarusian passports their own ("Aliaksandr", "Ryhoravich"). So
 * `cyrillicVariants` returns up to eight whole-string romanisations, each internally consistent
 * with one system, ordered by how often that system is the one a list or passport uses; the
 * matcher compares a query against all of them (research/ecosystem.md §2.5).
 *
 * Output is in `asciiFold` form (lower-case ASCII words separated by single spaces; apostrophes
 * dropped, other punctuation a word break), so its words compare directly with folded Latin names.
 * Tables are compiled at module load; a call does one pass per system over the words.
 */
import anyAscii from 'any-ascii';
import { asciiFold } from '../fold.ts';

/** Cyrillic (U+0400–U+052F), Cyrillic Extended-A/B/C. */
const CYRILLIC = /[\u0400-\u052F\u1C80-\u1C8F\u2DE0-\u2DFF\uA640-\uA69F]/;
const LATIN_LETTER = /[A-Za-z]/;
/** Apostrophes are dropped before splitting, as asciiFold does: Ukrainian Мар'яна, a list's Arkad'evich. */
const APOSTROPHES = /['’`ʼʹ‘´]/g;
const WORD_BREAK = /[^\p{L}\p{N}]+/u;
const NON_FOLDED = /[^a-z0-9]/;

/**
 * True when the text contains a Cyrillic character.
 * @example hasCyrillic('Путин Vladimir') // true
 */
export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

// ---------------------------------------------------------------------------------------------
// Tables. A system is a base letter table plus a few contextual rules; everything not listed
// falls back to any-ascii (Kazakh, Tatar, Old Church Slavonic letters ...).

type Table = Record<string, string>;

interface SystemSpec {
  /** Short name, for tests and explanations. */
  name: string;
  base: Table;
  /** Replaces base at the start of a word. */
  initial?: Table;
  /** Replaces base after a vowel letter (а е ё и і ї о у ы э ю я є). */
  afterVowel?: Table;
  /** Replaces base after ь, ъ or й. */
  afterSign?: Table;
  /** What ь becomes before е ё ю я є ї (Grigoriev, Daria); base otherwise. */
  softSignBeforeVowel?: string;
  /** Two-letter sequences read together (Ukrainian зг → zgh). */
  pairs?: Table;
  /** Word endings, longest first; applied when the word is longer than the ending plus one letter. */
  endings?: [string, string][];
}

/** The letters every system shares (ICAO 9303, BGN/PCGN and the national tables agree on these). */
const SHARED: Table = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ы: 'y', ь: '', ъ: '', э: 'e', ё: 'e', й: 'y', ю: 'yu', я: 'ya',
  // Ukrainian, Belarusian, Serbian, Macedonian letters as ICAO 9303 Part 3 (2015) table writes them.
  і: 'i', ї: 'i', є: 'ie', ґ: 'g', ў: 'u', ђ: 'd', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz',
  ѓ: 'g', ќ: 'k', ѕ: 'dz',
  // Central Asian letters, as the national Latin alphabets read them without diacritics.
  ә: 'a', ғ: 'g', қ: 'k', ң: 'ng', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u',
  ҫ: 's', ҙ: 'z', ӑ: 'a', ӗ: 'e', ҡ: 'k', ҝ: 'g', ҹ: 'j', ӏ: '',
};

const E_Y = { е: 'ye', ё: 'ye' };

/** ICAO Doc 9303 Part 3 (7th ed. 2015), §6 table: Russian passports since 2014. */
const ICAO: SystemSpec = {
  name: 'icao',
  base: { ...SHARED, й: 'i', ю: 'iu', я: 'ia', ъ: 'ie' },
};

/** BGN/PCGN 1947 Russian, diacritics dropped (ë → e): е, ё → ye initially and after vowels, ъ, ь, й. */
const BGN: SystemSpec = { name: 'bgn', base: SHARED, initial: E_Y, afterVowel: E_Y, afterSign: E_Y };

/**
 * Western press and sanctions-list practice: BGN-like, but ё → yo (Pyotr, Artyom, Korolyov;
 * plain e after hushing consonants, Gorbachev), е → ye only after a sign (Arkadyevich), and the
 * adjective endings -ий, -ый shortened to -y (Yury, Dmitry, Tolsty).
 */
const COMMON: SystemSpec = {
  name: 'common',
  base: { ...SHARED, ё: 'yo' },
  initial: { ё: 'yo' },
  afterSign: { е: 'ye', ё: 'yo' },
  pairs: { жё: 'zhe', чё: 'che', шё: 'she', щё: 'shche' },
  endings: [['ий', 'y'], ['ый', 'y']],
};

/**
 * Russian foreign passports 1997–2010 (MVD order 310; often called "GOST-style"): е, ё → e,
 * й → y, ю → yu, я → ya, signs dropped: Arkadevich, Yuriy, Evgeniy.
 */
const PASSPORT_1997: SystemSpec = { name: 'passport1997', base: SHARED };

/**
 * Western press spelling: -ий → -i, -ей → -ei (Yuri, Dmitri, Alexei, Sergei), ь before a vowel → i
 * (Grigoriev, Daria, Vasilievich), -ия → -ia (Maria, Yulia), кс → x (Alexander, Maxim), ё → e.
 */
const WESTERN: SystemSpec = {
  name: 'western',
  base: SHARED,
  softSignBeforeVowel: 'i',
  initial: { е: 'ye', ё: 'yo' },
  afterSign: { е: 'e', ё: 'o', ю: 'u', я: 'a', и: 'yi' }, // Grigoriev, Ulyana → Uliana, Ilyich
  pairs: { кс: 'x' },
  endings: [['ий', 'i'], ['ый', 'y'], ['ей', 'ei'], ['ия', 'ia']],
};

/**
 * й → j, as GOST 7.79-2000 and ISO 9 write it and German, Nordic, Polish and South Slavic records
 * follow (Sergej, Andrej, Vitalij, Anatoljevich, Jelena); ю ja, я ja likewise.
 */
const J_FORMS: SystemSpec = {
  name: 'j',
  base: { ...SHARED, й: 'j', ю: 'ju', я: 'ja', ё: 'jo' },
  softSignBeforeVowel: 'j',
  initial: { е: 'je', ё: 'jo' },
  afterVowel: { е: 'je', ё: 'jo' },
  afterSign: { е: 'e', ё: 'o', ю: 'u', я: 'a' }, // the sign already wrote the j: Natalja, Anatoljevich
};

/**
 * Plain simplifications seen in Central Asian and Caucasian names and German-influenced
 * spellings: х → h (Ahmed, Mihail), щ → sch (Schukin), -ий → -iy.
 */
const SIMPLE_H: SystemSpec = {
  name: 'simple-h',
  base: { ...SHARED, х: 'h', щ: 'sch' },
};

/** Russian-style ICAO with the old passport endings: -ий → -iy, -ый → -iy (Beliy), ё → yo. */
const ICAO_Y: SystemSpec = {
  name: 'icao-y',
  base: { ...SHARED, ё: 'yo', й: 'i', ю: 'iu', я: 'ia' },
  endings: [['ий', 'iy'], ['ый', 'iy']],
};

// --- Ukrainian ---

const UK_BASE: Table = { ...SHARED, г: 'h', ґ: 'g', и: 'y', і: 'i' };
/** With г → h, зг would read as ж; KMU 2010 writes zgh, BGN/PCGN z·h (Zghurskyi, not Zhurskyi). */
const ZGH: Table = { зг: 'zgh' };
/** Resolution of the Cabinet of Ministers of Ukraine no. 55 (2010): word-initial є ї й ю я → ye yi y yu ya, else ie i i iu ia; зг → zgh. */
const KMU: SystemSpec = {
  name: 'kmu2010',
  base: { ...UK_BASE, є: 'ie', ї: 'i', й: 'i', ю: 'iu', я: 'ia' },
  initial: { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' },
  pairs: ZGH,
};
/** BGN/PCGN 1965 Ukrainian and pre-2010 Ukrainian passports: є ye, ї yi, й y everywhere (Zelenskyy). */
const UK_BGN: SystemSpec = {
  name: 'uk-bgn',
  base: { ...UK_BASE, є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' },
  pairs: ZGH,
};
/** Press spelling of Ukrainian names: short adjective endings (Zelensky, Yuri). */
const UK_SHORT: SystemSpec = {
  name: 'uk-short',
  base: { ...UK_BASE, є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' },
  endings: [['ий', 'y'], ['ій', 'i']],
  pairs: ZGH,
};
/** A Ukrainian name read as Russian (г → g, и → i, й → y), as Russian-sourced records and OFAC often do. */
const UK_RUSSIAN: SystemSpec = {
  name: 'uk-russian',
  base: { ...SHARED, є: 'ye', ї: 'yi' },
  initial: { е: 'ye' },
};

// --- Belarusian ---

/** Belarusian passport practice (ICAO-based, г → h): Aliaksandr Ryhoravich Lukashenka, Siarhei. */
const BE_PASSPORT: SystemSpec = {
  name: 'be-passport',
  base: { ...SHARED, г: 'h', й: 'i', ю: 'iu', я: 'ia', ё: 'io', ў: 'u' },
  initial: { е: 'ie', ё: 'io' },
  afterVowel: { е: 'ie', ё: 'io' },
  afterSign: { е: 'ie', ё: 'io' },
  pairs: ZGH,
};
/** BGN/PCGN 1979 Belarusian: г h, ў w, й y, е/ё ye/yo initially and after vowels (Alyaksandr). */
const BE_BGN: SystemSpec = {
  name: 'be-bgn',
  base: { ...SHARED, г: 'h', ў: 'w', ё: 'yo' },
  initial: { е: 'ye', ё: 'yo' },
  afterVowel: { е: 'ye', ё: 'yo' },
  afterSign: { е: 'ye', ё: 'yo' },
  pairs: ZGH,
};
/** The same with ў → u, as OFAC writes Belarusian names (Yauhen, Aleh). */
const BE_COMMON: SystemSpec = { ...BE_BGN, name: 'be-common', base: { ...BE_BGN.base, ў: 'u' } };

// --- South Slavic ---

/** Bulgarian official transliteration (Transliteration Act 2009): ъ a, щ sht, х h, ь y, final -ия ia. */
const BULGARIAN: SystemSpec = {
  name: 'bg',
  base: { ...SHARED, х: 'h', щ: 'sht', ъ: 'a', ь: 'y' },
  endings: [['ия', 'ia']],
};
/** Older and English-language Bulgarian spellings: ъ u, х kh (Stoichkov, Kunchev). */
const BULGARIAN_EN: SystemSpec = {
  name: 'bg-en',
  base: { ...SHARED, щ: 'sht', ъ: 'u', ь: 'y' },
  endings: [['ия', 'ia']],
};
/** Serbian and Macedonian Latin alphabets, diacritics dropped, đ as dj (Djordjevic, Milosevic). */
const SERBIAN: SystemSpec = {
  name: 'sr',
  base: {
    ...SHARED, ж: 'z', ч: 'c', ш: 's', ц: 'c', х: 'h', ђ: 'dj', ћ: 'c', џ: 'dz', ј: 'j', й: 'j',
    ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
  },
};
/** Serbian names as English-language records write them (Milosevich, Djindjich). */
const SERBIAN_EN: SystemSpec = {
  name: 'sr-en',
  base: { ...SHARED, ђ: 'dj', ћ: 'ch', џ: 'dzh', ј: 'y', х: 'h', ѓ: 'gj', ќ: 'kj' },
};

/** Kazakh, Kyrgyz, Uzbek, Tajik letters as their Latin alphabets write them. */
const TURKIC: SystemSpec = {
  name: 'turkic',
  base: { ...SHARED, қ: 'q', ғ: 'gh', ҳ: 'h', х: 'kh', ң: 'ng', ҷ: 'j', ў: 'o', ц: 'ts' },
};

/** Which systems to try, best first, for the language the letters reveal. */
const ORDER = {
  ru: [ICAO, BGN, COMMON, PASSPORT_1997, WESTERN, SIMPLE_H, J_FORMS, ICAO_Y],
  uk: [KMU, UK_BGN, UK_RUSSIAN, ICAO, UK_SHORT, WESTERN, BGN],
  be: [BE_PASSPORT, BE_COMMON, BE_BGN, ICAO, BGN, COMMON, WESTERN],
  ukbe: [KMU, BE_PASSPORT, BE_COMMON, UK_BGN, UK_RUSSIAN, ICAO, BGN],
  bg: [BULGARIAN, BULGARIAN_EN],
  sr: [SERBIAN, ICAO, SERBIAN_EN, COMMON],
  turkic: [TURKIC, ICAO, BGN, COMMON, SIMPLE_H, WESTERN],
};
type Language = keyof typeof ORDER;

// ---------------------------------------------------------------------------------------------
// Compilation: tables indexed by code point − 0x400 for U+0400–U+052F.

const LOW = 0x400;
const SIZE = 0x130;
/** Letter classes by code point − LOW: the contexts the rules look at. */
const VOWEL = 1;
const SIGN = 2; // ь ъ й: BGN/PCGN writes ye after them as after a vowel
const IOTATED = 4; // е ё ю я є ї: a soft sign before them is a y-sound (Grigoriev, Natalia)
const CLASS = new Uint8Array(SIZE);
for (const ch of 'аеёиіїоуыэюяєӑӗәөүұ') CLASS[ch.charCodeAt(0) - LOW] = VOWEL;
for (const ch of 'еёюяєї') CLASS[ch.charCodeAt(0) - LOW] = VOWEL | IOTATED;
for (const ch of 'ьъй') CLASS[ch.charCodeAt(0) - LOW] = SIGN;
const SOFT_SIGN = 'ь'.charCodeAt(0) - LOW;

function classOf(code: number): number {
  return code >= 0 && code < SIZE ? CLASS[code]! : 0;
}

interface System {
  name: string;
  base: string[];
  initial: (string | undefined)[];
  afterVowel: (string | undefined)[];
  afterSign: (string | undefined)[];
  softSignBeforeVowel: string | undefined;
  pairs: Map<string, string> | undefined;
  /** 1 where a letter can start one of `pairs`, so most letters skip the map lookup. */
  pairStart: Uint8Array;
  endings: [string, string][];
}

/** any-ascii for the Cyrillic letters no table names (Ѣ, Ѳ, Ҁ ...). */
const FALLBACK: string[] = Array.from({ length: SIZE }, (_, i) => anyAscii(String.fromCharCode(LOW + i)).toLowerCase());

function sparse(table: Table | undefined): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(SIZE).fill(undefined);
  if (table) for (const [k, v] of Object.entries(table)) out[k.charCodeAt(0) - LOW] = v;
  return out;
}

function pairStarts(pairs: Table | undefined): Uint8Array {
  const out = new Uint8Array(SIZE);
  if (pairs) for (const k of Object.keys(pairs)) out[k.charCodeAt(0) - LOW] = 1;
  return out;
}

function compile(spec: SystemSpec): System {
  const base = FALLBACK.slice();
  for (const [k, v] of Object.entries(spec.base)) base[k.charCodeAt(0) - LOW] = v;
  return {
    name: spec.name,
    base,
    initial: sparse(spec.initial),
    afterVowel: sparse(spec.afterVowel),
    afterSign: sparse(spec.afterSign),
    softSignBeforeVowel: spec.softSignBeforeVowel,
    pairs: spec.pairs ? new Map(Object.entries(spec.pairs)) : undefined,
    pairStart: pairStarts(spec.pairs),
    endings: spec.endings ?? [],
  };
}

const COMPILED = new Map<SystemSpec, System>();
const SYSTEMS = Object.fromEntries(
  Object.entries(ORDER).map(([lang, specs]) => [
    lang,
    specs.map((s) => {
      let c = COMPILED.get(s);
      if (!c) COMPILED.set(s, (c = compile(s)));
      return c;
    }),
  ]),
) as Record<Language, System[]>;

/** Latin letters that look like Cyrillic ones, read as Cyrillic inside an otherwise Cyrillic word (Рыгоравiч, Oбщество). */
const HOMOGLYPHS: Table = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', I: 'І', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', x: 'х', y: 'у',
};
const MIXED_WORD = /[\p{L}\p{M}]+/gu;

/** Replaces Latin look-alikes in words that mix scripts, when every Latin letter there is a look-alike ("ERPскан" stays). */
function fixHomoglyphs(text: string): string {
  if (!LATIN_LETTER.test(text)) return text;
  return text.replace(MIXED_WORD, (word) => {
    if (!CYRILLIC.test(word) || !LATIN_LETTER.test(word)) return word;
    let out = '';
    for (const ch of word) {
      if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) {
        const cyr = HOMOGLYPHS[ch];
        if (cyr === undefined) return word;
        out += cyr;
      } else out += ch;
    }
    return out;
  });
}

/** Picks the system list from the letters present (whole text: a name is in one language). */
function detectLanguage(text: string): Language {
  let i = false, ukLetters = false, cyrI = false, ruLetters = false, beU = false, sr = false, turkic = false, bg = false;
  for (let k = 0; k < text.length; k++) {
    switch (text[k]) {
      case 'і': i = true; break;
      case 'ї': case 'є': case 'ґ': ukLetters = true; break;
      case 'и': cyrI = true; break; // Russian or Ukrainian, never Belarusian
      case 'ў': beU = true; break;
      case 'ы': case 'э': case 'ё': ruLetters = true; break; // Russian or Belarusian, never Ukrainian
      case 'ђ': case 'ј': case 'љ': case 'њ': case 'ћ': case 'џ': case 'ѓ': case 'ќ': case 'ѕ': sr = true; break;
      case 'қ': case 'ғ': case 'ҳ': case 'ң': case 'ҷ': case 'ө': case 'ү': case 'ұ': case 'ә': case 'ӣ': case 'ӯ': turkic = true; break;
      case 'ь':
        // -ський, -цький: the Ukrainian adjective ending (Зеленський); Russian writes -ский.
        if (text[k + 1] === 'к' && (text[k - 1] === 'с' || text[k - 1] === 'ц')) ukLetters = true;
        break;
      case 'ъ': {
        // Russian ъ only precedes е ё ю я; before a consonant it is the Bulgarian vowel (Кънчев).
        const next = text[k + 1];
        if (next !== undefined && CONSONANTS.has(next)) bg = true;
        break;
      }
    }
  }
  if (sr) return 'sr';
  if (turkic) return 'turkic'; // before Belarusian: Uzbek also writes ў
  if (bg) return 'bg';
  if (ukLetters) return 'uk';
  if (beU) return 'be';
  if (i) return cyrI ? 'uk' : ruLetters ? 'be' : 'ukbe';
  return 'ru';
}
const CONSONANTS = new Set('бвгджзклмнпрстфхцчшщ');

/** Romanises one lower-case word under one system. */
function romaniseWord(word: string, sys: System): string {
  let end = word.length;
  let tail = '';
  for (const [suffix, latin] of sys.endings) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) {
      end = word.length - suffix.length;
      tail = latin;
      break;
    }
  }
  let out = '';
  let prevClass = -1; // -1: word start
  for (let k = 0; k < end; k++) {
    const code = word.charCodeAt(k) - LOW;
    if (code < 0 || code >= SIZE) {
      out += word[k]; // not Cyrillic: passes through, folded by the caller
      prevClass = 0;
      continue;
    }
    if (sys.pairStart[code] === 1 && k + 1 < end) {
      const pair = sys.pairs!.get(word.slice(k, k + 2));
      if (pair !== undefined) {
        out += pair;
        prevClass = classOf(word.charCodeAt(k + 1) - LOW);
        k++;
        continue;
      }
    }
    let latin: string | undefined;
    if (prevClass === -1) latin = sys.initial[code];
    else if (prevClass === SIGN) latin = sys.afterSign[code];
    else if ((prevClass & VOWEL) !== 0) latin = sys.afterVowel[code];
    if (latin === undefined) {
      latin =
        code === SOFT_SIGN && sys.softSignBeforeVowel !== undefined && (classOf(word.charCodeAt(k + 1) - LOW) & IOTATED) !== 0
          ? sys.softSignBeforeVowel
          : sys.base[code]!;
    }
    out += latin;
    prevClass = CLASS[code]!;
  }
  out += tail;
  return out;
}

/** Words of the prepared text, each with whether it needs transliteration. */
function prepare(text: string): { words: string[]; cyrillic: boolean[] } {
  const prepared = fixHomoglyphs(text.normalize('NFC')).toLowerCase().replace(APOSTROPHES, '');
  const words: string[] = [];
  const cyrillic: boolean[] = [];
  for (const raw of prepared.split(WORD_BREAK)) {
    if (raw === '') continue;
    if (CYRILLIC.test(raw)) {
      words.push(raw);
      cyrillic.push(true);
    } else {
      const folded = asciiFold(raw);
      if (folded !== '') {
        words.push(folded);
        cyrillic.push(false);
      }
    }
  }
  return { words, cyrillic };
}

/** The most variants returned: enough for the standards that differ, few enough to keep candidate lookups cheap. */
export const MAX_CYRILLIC_VARIANTS = 8;

/**
 * Lower-case ASCII romanisations of a text containing Cyrillic, in asciiFold form, deduplicated,
 * best first, at most {@link MAX_CYRILLIC_VARIANTS}. Russian text gets ICAO 9303, BGN/PCGN,
 * press/list spellings, the 1997 passport table and ending variants; Ukrainian text the 2010
 * national system (KMU no. 55) first, then BGN/PCGN and a Russian-style reading; Belarusian,
 * Bulgarian, Serbian/Macedonian and Central Asian letters are recognised. Non-Cyrillic words
 * pass through (folded). Text without Cyrillic returns `[asciiFold(text)]` (or `[]` when empty).
 * @example cyrillicVariants('Абрамович Роман Аркадьевич')
 * // ['abramovich roman arkadevich', 'abramovich roman arkadyevich', ...]
 */
export function cyrillicVariants(text: string): string[] {
  return romanise(text, undefined);
}

/** A romanisation and the system that produced it, for score explanations. */
export interface CyrillicRomanisation {
  /** 'icao', 'bgn', 'common', 'passport1997', 'western', 'simple-h', 'j', 'icao-y', 'kmu2010', 'uk-bgn', 'be-passport', ...; 'none' for text without Cyrillic. */
  system: string;
  text: string;
}

/**
 * The same list as {@link cyrillicVariants}, each with the system that produced it first.
 * @example cyrillicRomanisations('Юрий')[0] // { system: 'icao', text: 'iurii' }
 */
export function cyrillicRomanisations(text: string): CyrillicRomanisation[] {
  const systems: string[] = [];
  return romanise(text, systems).map((t, i) => ({ system: systems[i]!, text: t }));
}

function romanise(text: string, systemNames: string[] | undefined): string[] {
  const { words, cyrillic } = prepare(text);
  if (words.length === 0) return [];
  if (!cyrillic.includes(true)) {
    systemNames?.push('none');
    return [words.join(' ')];
  }
  const systems = SYSTEMS[detectLanguage(words.join(' '))];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const sys of systems) {
    let s = '';
    for (let w = 0; w < words.length; w++) {
      let word = words[w]!;
      if (cyrillic[w]) {
        word = romaniseWord(word, sys);
        if (NON_FOLDED.test(word)) word = asciiFold(word);
        if (word === '') continue;
      }
      s = s === '' ? word : `${s} ${word}`;
    }
    if (s !== '' && !seen.has(s)) {
      seen.add(s);
      out.push(s);
      systemNames?.push(sys.name);
      if (out.length === MAX_CYRILLIC_VARIANTS) break;
    }
  }
  return out;
}
