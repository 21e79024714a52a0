/**
 * @module names/transliterate/kana
 * Japanese kana (hiragana, katakana, half-width katakana) to Latin, for screening. Two jobs:
 *
 * - `kanaToHepburn`: the romanisation a Japanese customer's passport carries — modified Hepburn
 *   as the Ministry of Foreign Affairs prescribes it for passports (外務省「ヘボン式ローマ字綴方表」,
 *   旅券法施行規則 第5条第2項): long vowels unmarked (オウ/オオ → o, ウウ → u, ー dropped), ン → n
 *   but m before b/m/p, ッ doubles the next consonant (t before ch), no apostrophes.
 * - `kanaVariants`: katakana is also how Japanese media and KYC records write *foreign* names
 *   (ウラジーミル・プーチン for Vladimir Putin), and passport Hepburn of such a spelling
 *   ("urajimiru puchin") is far from the Latin the lists carry. The variants undo what katakana
 *   adds or merges: epenthetic vowels (ラブロフ raburofu → rabrof), the geminate ッ of "-ッチ"
 *   (-vitch → -vich), チ/ジ for Russian ти/ди (プーチン → putin, ウラジーミル → vladimir), an
 *   initial ウ for в before a consonant, and, for Korean and Chinese names, syllable splits
 *   (ヨンチョル → yong chol) and pinyin-like x/q. The b/v, l/r and y/i merges are left to
 *   `phoneticFold`, which the scorer applies to every token anyway.
 *
 * Pure and table-driven: the tables are built once at module load; one call parses the kana
 * once and renders it under a few fixed policies.
 */

// ---------------------------------------------------------------------------------------------
// Tables (module load)

/** Single katakana → Hepburn (passport table; ヂ ji, ヅ zu, ヲ o as passports write them). */
const SINGLE: Record<string, string> = {};
const SINGLE_ROWS =
  'ア a イ i ウ u エ e オ o カ ka キ ki ク ku ケ ke コ ko ガ ga ギ gi グ gu ゲ ge ゴ go ' +
  'サ sa シ shi ス su セ se ソ so ザ za ジ ji ズ zu ゼ ze ゾ zo タ ta チ chi ツ tsu テ te ト to ' +
  'ダ da ヂ ji ヅ zu デ de ド do ナ na ニ ni ヌ nu ネ ne ノ no ハ ha ヒ hi フ fu ヘ he ホ ho ' +
  'バ ba ビ bi ブ bu ベ be ボ bo パ pa ピ pi プ pu ペ pe ポ po マ ma ミ mi ム mu メ me モ mo ' +
  'ヤ ya ユ yu ヨ yo ラ ra リ ri ル ru レ re ロ ro ワ wa ヰ i ヱ e ヲ o ' +
  'ヴ vu ヷ va ヸ vi ヹ ve ヺ vo ' +
  // Small kana standing alone (no kana before them to combine with).
  'ァ a ィ i ゥ u ェ e ォ o ャ ya ュ yu ョ yo ヮ wa ' +
  // ヵ/ヶ occur almost only between kanji in place and family names, read ka / ga (関ヶ原 Sekigahara).
  'ヵ ka ヶ ga ' +
  // Katakana Phonetic Extensions (Ainu): small kana written as syllable-final consonants.
  'ㇰ k ㇱ sh ㇲ s ㇳ t ㇴ n ㇵ h ㇶ h ㇷ h ㇸ h ㇹ h ㇺ m ㇻ r ㇼ r ㇽ r ㇾ r ㇿ r';
for (let i = 0, p = SINGLE_ROWS.split(' '); i < p.length; i += 2) SINGLE[p[i]!] = p[i + 1]!;

/** Kana + small kana → one syllable (the passport table's 拗音 and its 外来語 additions). */
const PAIR = new Map<string, string>();
const SMALL_Y: Record<string, string> = { ャ: 'a', ュ: 'u', ョ: 'o' };
for (const [kana, rom] of Object.entries(SINGLE)) {
  if (!rom.endsWith('i') || rom.length < 2) continue;
  // キャ kya, ニュ nyu, but シャ sha, チョ cho, ジュ ju (Hepburn writes no y after sh/ch/j).
  const stem = rom === 'shi' || rom === 'chi' ? rom.slice(0, -1) : rom === 'ji' ? 'j' : rom.slice(0, -1) + 'y';
  for (const [small, v] of Object.entries(SMALL_Y)) PAIR.set(kana + small, stem + v);
  PAIR.set(kana + 'ェ', stem + 'e'); // シェ she, チェ che, ジェ je, キェ kye
}
const PAIR_ROWS =
  'ティ ti ディ di トゥ tu ドゥ du テュ tyu デュ dyu ' +
  'ファ fa フィ fi フェ fe フォ fo フュ fyu フャ fya フョ fyo ' +
  'ウァ wa ウィ wi ウェ we ウォ wo ウュ yu ' +
  'ヴァ va ヴィ vi ヴェ ve ヴォ vo ヴュ vyu ヴャ vya ヴョ vyo ' +
  'ツァ tsa ツィ tsi ツェ tse ツォ tso スィ si ズィ zi ' +
  'クァ kwa クィ kwi クェ kwe クォ kwo クヮ kwa グァ gwa グィ gwi グェ gwe グォ gwo グヮ gwa ' +
  'イェ ye ホゥ hu ㇷ\u309A p';
for (let i = 0, p = PAIR_ROWS.split(' '); i < p.length; i += 2) PAIR.set(p[i]!, p[i + 1]!);

/** Small kana that combine with the kana before them. */
const SMALL_VOWEL: Record<string, string> = { ァ: 'a', ィ: 'i', ゥ: 'u', ェ: 'e', ォ: 'o', ャ: 'ya', ュ: 'yu', ョ: 'yo', ヮ: 'wa' };

/** Voiced partner of each kana, for the iteration mark ヾ (みすゞ → misuzu). */
const VOICED: Record<string, string> = {};
for (const kana of Object.keys(SINGLE)) {
  const v = (kana + '\u3099').normalize('NFC');
  if (v.length === 1) VOICED[kana] = v;
}

/** Unit kinds of a parsed string. */
const SYL = 0; // a syllable (rom in `roms`)
const SOKUON = 1; // ッ
const MORAIC_N = 2; // ン
const LONG = 3; // ー
const LIT = 4; // a character that is not kana, kept as is
const SEP = 5; // a word separator

/** Characters that separate the words of a name written in kana (・ between given and family
 * name, ＝/゠ in hyphenated foreign names such as アル＝バグダーディー, any white space). */
const SEPARATORS = new Set([' ', '\t', '\n', '\r', '・', '=', '゠', '·', '•', '‧']);
/** Dash-like characters that stand for ー when they follow a kana (sloppy data: プ−チン). */
const DASHES = new Set(['ー', '‐', '‒', '–', '—', '―', '−', '─', '━', '〜', '～']);

const KANA_RE = /[\p{sc=Hiragana}\p{sc=Katakana}]/u;
/** Stand-alone sound marks; NFKC would turn them into a space + combining mark. */
const SPACING_MARKS_RE = /[\u309B\u309C]/g;

/** Syllables whose vowel Japanese adds after a foreign consonant (ラブロフ, ペスコフ, ドミトリー). */
const EPENTHETIC = new Set(['ku', 'gu', 'su', 'zu', 'tsu', 'fu', 'bu', 'pu', 'mu', 'ru', 'vu', 'to', 'do']);
/** Of those, the ones that can open a foreign consonant cluster at the start of a word before r
 * (br, gr, kr, pr, fr, vr, dr, tr: ブラジル, グリゴリー, クラスノフ, トロツキー). */
const CLUSTER_BEFORE_R = new Set(['bu', 'pu', 'ku', 'gu', 'fu', 'vu', 'do', 'to']);
const VOWELS = 'aeiou';

// ---------------------------------------------------------------------------------------------
// Parsing

interface Parsed {
  kinds: number[];
  /** Romanisation of a SYL (or the character of a LIT); '' for the others. */
  roms: string[];
  /** The katakana of a SYL, so that renderings can ask which kana it was (ジ vs ヂ, ル vs ロ). */
  kana: string[];
}

function toKatakana(c: string): string {
  const code = c.charCodeAt(0);
  // Hiragana ぁ..ゖ and ゝゞ sit exactly 0x60 below their katakana (ゔ → ヴ included).
  return (code >= 0x3041 && code <= 0x3096) || code === 0x309d || code === 0x309e ? String.fromCharCode(code + 0x60) : c;
}

function parse(text: string): Parsed {
  const s = text.replace(SPACING_MARKS_RE, (m) => (m === '\u309B' ? '\u3099' : '\u309A')).normalize('NFKC');
  const kinds: number[] = [];
  const roms: string[] = [];
  const kana: string[] = [];
  let lastKana = ''; // the previous syllable's katakana, for ヽ/ヾ
  for (let i = 0; i < s.length; i++) {
    const c = toKatakana(s[i]!);
    const prevKind = kinds.length > 0 ? kinds[kinds.length - 1] : SEP;
    if (SEPARATORS.has(c) || /\s/.test(c)) {
      if (prevKind !== SEP) push(kinds, roms, kana, SEP, '', '');
      continue;
    }
    if (c === '\u3099' || c === '\u309A') continue; // a sound mark NFKC could not join to its kana
    if (c === 'ッ') { push(kinds, roms, kana, SOKUON, '', c); continue; }
    if (c === 'ン') { push(kinds, roms, kana, MORAIC_N, 'n', c); continue; }
    if (DASHES.has(c) && (c === 'ー' || prevKind === SYL || prevKind === MORAIC_N)) {
      push(kinds, roms, kana, LONG, '', c);
      continue;
    }
    if (c === 'ヽ' || c === 'ヾ') {
      const k = c === 'ヾ' ? VOICED[lastKana] ?? lastKana : lastKana;
      if (k !== '') push(kinds, roms, kana, SYL, SINGLE[k] ?? PAIR.get(k) ?? '', k);
      continue;
    }
    const single = SINGLE[c];
    if (single === undefined) {
      push(kinds, roms, kana, LIT, c, '');
      continue;
    }
    const next = s[i + 1];
    const pairKana = next === undefined ? '' : c + toKatakana(next);
    const pair = pairKana === '' ? undefined : PAIR.get(pairKana);
    if (pair !== undefined) {
      push(kinds, roms, kana, SYL, pair, pairKana);
      lastKana = pairKana;
      i++;
      continue;
    }
    const small = SMALL_VOWEL[c];
    if (small !== undefined && prevKind === SYL) {
      // A small kana the tables do not pair (ムァ, ニィ): join it to the syllable before.
      const j = kinds.length - 1;
      roms[j] = combineSmall(roms[j]!, small);
      kana[j] += c;
      continue;
    }
    push(kinds, roms, kana, SYL, single, c);
    lastKana = c;
  }
  if (kinds.length > 0 && kinds[kinds.length - 1] === SEP) { kinds.pop(); roms.pop(); kana.pop(); }
  return { kinds, roms, kana };
}

function push(kinds: number[], roms: string[], kana: string[], k: number, r: string, c: string): void {
  kinds.push(k);
  roms.push(r);
  kana.push(c);
}

/** ム+ァ → ma, ニ+ィ → ni, ボ+ァ → boa: a vowel after -u replaces it, the same vowel is a length mark. */
function combineSmall(rom: string, small: string): string {
  const last = rom[rom.length - 1]!;
  if (small.length === 1 && last === small) return rom;
  if (small.length === 1 && last === 'u' && rom.length > 1) return rom.slice(0, -1) + small;
  if (small.length === 2 && last === 'i' && rom.length > 1) return rom.slice(0, -1) + small; // ピャ-like
  return rom + small;
}

// ---------------------------------------------------------------------------------------------
// Rendering

interface Policy {
  /** Drop the vowels katakana adds after foreign consonants; drop ッ; final チ → ch (-vich). */
  foreign: boolean;
  /** Russian ти/ди/си written チ/ジ/シ: render ti/di/si (プーチン putin, ウラジーミル vladimir). */
  dental: boolean;
  /** Korean/Chinese: split a word into syllables (ヨンチョル → yon chol), フ as h(w) (フィ hwi). */
  syllables: boolean;
  /** Chinese pinyin: sh → x, ch → q (シー xi, チン qin). */
  pinyin: boolean;
}

const HEPBURN: Policy = { foreign: false, dental: false, syllables: false, pinyin: false };
/** Renderings for every name, passport Hepburn first. */
const POLICIES: Policy[] = [
  HEPBURN,
  { foreign: true, dental: false, syllables: false, pinyin: false },
  { foreign: true, dental: true, syllables: false, pinyin: false },
];
/** Further renderings for names shaped like Korean or Chinese ones (see `eastAsianName`). */
const EAST_ASIAN_POLICIES: Policy[] = [
  { foreign: false, dental: false, syllables: true, pinyin: false },
  { foreign: true, dental: false, syllables: true, pinyin: false },
  { foreign: false, dental: false, syllables: false, pinyin: true },
];

/** Kana that end a Korean syllable when a consonant or the word's end follows (パク, チョル, キム). */
const KOREAN_CODA: Record<string, string> = { ク: 'k', ル: 'l', ム: 'm', プ: 'p' };

function isWordEnd(p: Parsed, i: number): boolean {
  return i >= p.kinds.length || p.kinds[i] === SEP || p.kinds[i] === LIT;
}

function startsWithConsonant(p: Parsed, i: number): boolean {
  if (i >= p.kinds.length || p.kinds[i] !== SYL) return false;
  const c = p.roms[i]![0]!;
  return !VOWELS.includes(c) && c !== 'y';
}

function render(p: Parsed, pol: Policy): string {
  const { kinds, roms, kana } = p;
  let out = '';
  let wordStart = true; // no syllable of the current word emitted yet
  let prevVowel = ''; // last vowel emitted by the previous unit if it was a syllable
  let collapsed = false; // the previous syllable was already absorbed as a long vowel
  let pendingQ = false;
  let syllableHasCoda = false;
  let splitWord = false; // pol.syllables and the current word looks like a CJK one
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i]!;
    if (k === SEP) {
      if (out.length > 0 && out[out.length - 1] !== ' ') out += ' ';
      wordStart = true; prevVowel = ''; pendingQ = false;
      continue;
    }
    if (k === LIT) {
      out += roms[i];
      wordStart = true; prevVowel = ''; pendingQ = false;
      continue;
    }
    if (k === LONG) { collapsed = true; continue; }
    if (k === SOKUON) {
      prevVowel = '';
      if (!pol.foreign && !pol.pinyin) pendingQ = true;
      continue;
    }
    if (k === MORAIC_N) {
      if (wordStart && pol.syllables) splitWord = eastAsianWord(p, i);
      // Passports write m before b, m, p (新橋 Shimbashi, 本間 Homma).
      const next = i + 1 < kinds.length && kinds[i + 1] === SYL ? roms[i + 1]![0] : '';
      // Not in a Korean/Chinese syllable split, where ン ends its own syllable (ヨンム Yong Mu).
      out += !splitWord && (next === 'b' || next === 'm' || next === 'p') ? 'm' : 'n';
      prevVowel = ''; pendingQ = false; wordStart = false;
      syllableHasCoda = true;
      continue;
    }
    // A syllable.
    let r = roms[i]!;
    const kn = kana[i]!;
    // Long vowels: オウ, オオ → o; ウウ → u (passport rule; once, so 大岡 オオオカ keeps ooka).
    if (!collapsed && ((r === 'u' && (prevVowel === 'o' || prevVowel === 'u')) || (r === 'o' && prevVowel === 'o'))) {
      collapsed = true;
      continue;
    }
    collapsed = false;
    const final = isWordEnd(p, i + 1);
    if (wordStart && pol.syllables) splitWord = eastAsianWord(p, i);
    if (splitWord) {
      const coda = KOREAN_CODA[kn];
      if (coda !== undefined && !wordStart && !syllableHasCoda && (final || startsWithConsonant(p, i + 1))) {
        out += coda;
        syllableHasCoda = true;
        prevVowel = '';
        continue;
      }
      // Chinese diphthongs -ei, -ai, -ui, -ao stay in their syllable (ウェイ wei, マオ mao);
      // イ before ン is the Korean syllable 인 (ジェイン Jae In).
      const glide: boolean = !wordStart && !syllableHasCoda && ((r === 'i' && 'aeu'.includes(prevVowel) && kinds[i + 1] !== MORAIC_N) || (r === 'o' && prevVowel === 'a'));
      if (!wordStart && !glide) out += ' ';
      syllableHasCoda = glide;
      if (r[0] === 'f') r = r === 'fu' ? 'hu' : 'hw' + r.slice(1); // ファン Hwang, フィ Hwi
    }
    if (pol.pinyin) {
      if (r.startsWith('sh')) r = 'x' + r.slice(2);
      else if (r.startsWith('ch')) r = 'q' + r.slice(2);
      else if (r.startsWith('ts')) r = 'c' + r.slice(2);
    }
    if (pol.dental) {
      if (r === 'ji') r = 'di';
      else if (r === 'shi') r = 'si';
      else if (r === 'chi' && !final) r = 'ti';
    }
    if (pol.foreign) {
      if (r === 'chi' && final && !wordStart) r = 'ch'; // -ич, -ッチ: Абрамович アブラモビッチ
      else if (r === 'shu' && final && !wordStart) r = 'sh';
      else if (EPENTHETIC.has(r) && dropsVowel(p, i, r, wordStart, final)) r = r.slice(0, -1);
      else if (r === 'u' && wordStart && kinds[i + 1] === SYL && roms[i + 1]![0] === 'r') r = 'v'; // Вл → ウラ
    }
    if (pendingQ) {
      // ッ doubles the next consonant; before ch the passport table writes t (ハッチ hatchi).
      const c = r[0]!;
      if (r.startsWith('ch')) r = 't' + r;
      else if (!VOWELS.includes(c)) r = c + r;
      pendingQ = false;
    }
    out += r;
    prevVowel = VOWELS.includes(r[r.length - 1]!) ? r[r.length - 1]! : '';
    wordStart = false;
  }
  return out.trim();
}

/** A word short enough and free of the marks of a Western name (ー, ッ, ヴ) to be a Korean or
 * Chinese given name written syllable by syllable (ジョンウン, チュンシク). */
function eastAsianWord(p: Parsed, i: number): boolean {
  let syllables = 0;
  for (; i < p.kinds.length; i++) {
    const k = p.kinds[i];
    if (k === SEP || k === LIT) break;
    if (k === LONG || k === SOKUON || p.kana[i]!.includes('ヴ')) return false;
    if (k === SYL && ++syllables > 4) return false;
  }
  return true;
}

/** Whether a name of several words has one that is a single syllable with at most a coda or a
 * long mark — the shape of a Korean or Chinese family name in katakana (キム, パク, リ, チェ,
 * リー, ワン), which Japanese and Western names almost never have. */
function eastAsianName(p: Parsed): boolean {
  const { kinds, kana } = p;
  let words = 1;
  let found = false;
  let syl = 0; // syllables in the current word
  let tail = 0; // codas and long marks after the first syllable
  let other = false; // the word has something else
  const close = (): void => {
    if (syl === 1 && tail <= 1 && !other) found = true;
    syl = 0; tail = 0; other = false;
  };
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i];
    if (k === SEP) { close(); words++; continue; }
    if (k === LIT) { other = true; continue; }
    if (syl === 0) {
      if (k === SYL) syl = 1;
      else other = true;
    } else if (k === LONG || k === MORAIC_N || (k === SYL && KOREAN_CODA[kana[i]!] !== undefined)) tail++;
    else other = true;
  }
  close();
  return words >= 2 && found;
}

/** Whether the vowel of an epenthetic-looking syllable goes: before a consonant or at the end
 * of a word, never before ー (a written long vowel is a real one) or ン. */
function dropsVowel(p: Parsed, i: number, r: string, wordStart: boolean, final: boolean): boolean {
  if (final) return !wordStart;
  if (!startsWithConsonant(p, i + 1)) return false;
  // -トル at the end of a word is far more often -tor (Виктор ヴィクトル) than -tr (Пётр).
  if (r === 'to' && p.kana[i + 1] === 'ル' && isWordEnd(p, i + 2)) return false;
  if (!wordStart) return true;
  // At the start of a word only clusters a foreign name can begin with: s + consonant
  // (スタ st, スミ sm), obstruent + r (ブラ br, トロ tr), d/t + m/v (ドミトリー Dmitry, トヴェリ Tver).
  const next = p.roms[i + 1]![0]!;
  if (r === 'su' || r === 'zu') return true;
  if (next === 'r') return CLUSTER_BEFORE_R.has(r);
  return (r === 'do' || r === 'to') && (next === 'm' || next === 'v');
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Whether the text contains any hiragana or katakana (full- or half-width).
 * @example hasKana('プーチン') // true
 * @example hasKana('山田 Taro') // false
 */
export function hasKana(text: string): boolean {
  return KANA_RE.test(text);
}

/**
 * Kana to passport Hepburn (外務省 ヘボン式): lower-case ASCII words separated by single
 * spaces; ・, ＝ and spaces separate words; characters that are not kana pass through
 * (after NFKC), so a mixed string keeps its Latin and kanji parts.
 * @example kanaToHepburn('ジュンイチロウ') // 'junichiro'
 * @example kanaToHepburn('ウラジーミル・プーチン') // 'urajimiru puchin'
 */
export function kanaToHepburn(text: string): string {
  return render(parse(text), HEPBURN);
}

/**
 * Romanisations of one kana name for matching against Latin list entries: the passport
 * Hepburn first, then renderings that undo katakana's adaptations of foreign names (at most 8,
 * deduplicated, always in the same order).
 * Text without kana comes back as its NFKC form; callers check `hasKana` first.
 * @example kanaVariants('ウラジーミル・プーチン') // ['urajimiru puchin', 'vrajimir puchin', 'vradimir putin']
 * @example kanaVariants('キム・ジョンウン') // ['kimu jonun', 'kim jonun', 'kim jon un']
 */
export function kanaVariants(text: string): string[] {
  const p = parse(text);
  const out: string[] = [];
  for (const pol of POLICIES) add(out, render(p, pol));
  if (eastAsianName(p)) for (const pol of EAST_ASIAN_POLICIES) add(out, render(p, pol));
  return out;
}

function add(out: string[], v: string): void {
  if (v !== '' && !out.includes(v)) out.push(v);
}
