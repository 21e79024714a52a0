/**
 * @module names/transliterate/han
 * Han characters as Mandarin pinyin, the reading contract for Japanese kanji names, and the
 * general Unicode-to-ASCII fallback for every script without a module of its own (Greek,
 * Armenian, Georgian, Arabic, Hebrew, Hangul, Thai, Devanagari …).
 *
 * Pinyin comes from any-ascii's per-character table (the most frequent Mandarin reading, no
 * tones). Names are written the way GB/T 28039-2011 (Chinese personal names in pinyin) and the
 * sanctions lists write them: surname and given name as separate words, each joined
 * ('XI Jinping', 'OUYANG Xiu'); since lists also split syllables ('Kim Jong Un'), both forms
 * are produced. Where a character read as a surname has another reading than any-ascii's
 * default (曾 Zeng not Ceng, 单 Shan not Dan, 朴 Piao not Pu …) the surname reading is added
 * as a further variant, and ü (吕 Lü) is also given as 'lyu' (Chinese passports since 2012, as
 * GB/T 28039-2011 allows 'yu' for ü) and 'lv' (older passports and input-method spelling).
 *
 * A kanji name read in Japanese is not pinyin: 山田太郎 is Yamada Tarō, and its reading is
 * either given (furigana, as Japanese KYC records carry it) or looked up in a dictionary behind
 * `JapaneseReader` (I/O, so implemented in the server package). Korean names written in Han
 * (金正恩) need Sino-Korean readings, which no table here provides: pinyin 'jin zheng en' is
 * all this module offers for them.
 */
import anyAscii from 'any-ascii';

/**
 * Reads Japanese text containing kanji.
 *
 * Contract: `readings(text)` resolves to candidate readings of the whole text, best first, in
 * **katakana**, words separated by single spaces where the dictionary (or the text's own
 * spaces and ・) separates them: 山田太郎 → ['ヤマダ タロウ']. Kana is the form a furigana field
 * has, so a given reading and a dictionary reading go through the same romanisation
 * (`kanaToHepburn` in ./kana.ts) and the same variants (long vowels, passport Hepburn) after.
 * Characters the dictionary cannot read are kept as written (a kanji stays a kanji), so the
 * caller can see the reading is partial and send that part to `hanToPinyin`/`fallbackToAscii`.
 * Latin letters and digits are kept as written. Text without Han characters resolves to []
 * without loading anything (kana needs no dictionary). A dictionary that fails to load
 * rejects: a screen must never treat "could not read" as "no name".
 */
export interface JapaneseReader {
  readings(text: string): Promise<string[]>;
}

const HAN = /\p{Script=Han}/u;

/**
 * Whether the text holds a Han character (kanji, hanzi, hanja; 々 and 〇 count).
 * @example hasHan('山田 Taro') // true
 */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

// --- per-character transliteration -------------------------------------------------------

const ITERATION_MARK = 0x3005; // 々 repeats the character before it (佐々木 = 佐佐木)

/** CJK ideograph blocks (URO, Ext. A, compatibility, Ext. B–I, compat. supplement) and 〇. */
function isHanCodePoint(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x323af) ||
    cp === 0x3007
  );
}

/** Precomposed Hangul syllables: any-ascii romanises each on its own, one word per syllable as lists write Korean names ('Kim Jong Un'). */
function isHangulSyllable(cp: number): boolean {
  return cp >= 0xac00 && cp <= 0xd7a3;
}

const SYMBOL = /^\p{S}$/u; // emoji, currency, marks: no part of a name (any-ascii would spell 😀 as ':grinning:')
const APOSTROPHES = /['`]/g; // any-ascii's ʿayn (`), Georgian/Armenian ejective (') and the like: dropped, as asciiFold drops apostrophes
const NON_WORD = /[^a-z0-9]+/g;

/**
 * One pass over the text: Han and Hangul syllables become words of their own, every other
 * character goes through any-ascii; then lower-case, apostrophes dropped, anything else that
 * is not a letter or digit a space. Returns the words.
 */
function romaniseWords(text: string): string {
  let out = '';
  let previousSyllable = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out += ch;
      continue;
    }
    if (isHanCodePoint(cp) || isHangulSyllable(cp)) {
      previousSyllable = anyAscii(ch);
      out += ` ${previousSyllable} `;
    } else if (cp === ITERATION_MARK) {
      out += ` ${previousSyllable} `;
    } else if (SYMBOL.test(ch)) {
      out += ' ';
    } else {
      out += anyAscii(ch);
    }
  }
  return out.toLowerCase().replace(APOSTROPHES, '').replace(NON_WORD, ' ').trim();
}

/**
 * Han characters as Mandarin pinyin, one lower-case syllable per character, words separated
 * by single spaces; other characters go through the general fallback.
 * @example hanToPinyin('习近平') // 'xi jin ping'
 */
export function hanToPinyin(text: string): string {
  return romaniseWords(text);
}

/**
 * Every other script: any-ascii, lower-cased, apostrophes dropped, punctuation and symbols as
 * spaces, single spaces between words. Han and Hangul give one word per syllable.
 * @example fallbackToAscii('Νικόλαος') // 'nikolaos'
 * @example fallbackToAscii('김정은') // 'gim jeong eun'
 */
export function fallbackToAscii(text: string): string {
  return romaniseWords(text);
}

// --- Chinese personal names -------------------------------------------------------------

/**
 * Two-character surnames (複姓), simplified and traditional, with their surname reading; the
 * readings any-ascii gets wrong are the reason for the table (尉迟 Yuchi, 单于 Chanyu, 万俟 Moqi,
 * 澹台 Tantai, 拓跋 Tuoba), the rest say where the surname ends.
 */
const COMPOUND_SURNAMES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    欧阳: 'ouyang', 歐陽: 'ouyang', 司马: 'sima', 司馬: 'sima', 诸葛: 'zhuge', 諸葛: 'zhuge', 上官: 'shangguan',
    司徒: 'situ', 尉迟: 'yuchi', 尉遲: 'yuchi', 长孙: 'zhangsun', 長孫: 'zhangsun', 慕容: 'murong', 夏侯: 'xiahou',
    皇甫: 'huangfu', 公孙: 'gongsun', 公孫: 'gongsun', 东方: 'dongfang', 東方: 'dongfang', 令狐: 'linghu',
    端木: 'duanmu', 宇文: 'yuwen', 单于: 'chanyu', 單于: 'chanyu', 万俟: 'moqi', 萬俟: 'moqi', 轩辕: 'xuanyuan',
    軒轅: 'xuanyuan', 申屠: 'shentu', 闻人: 'wenren', 聞人: 'wenren', 西门: 'ximen', 西門: 'ximen', 呼延: 'huyan',
    澹台: 'tantai', 澹臺: 'tantai', 淳于: 'chunyu', 钟离: 'zhongli', 鍾離: 'zhongli', 独孤: 'dugu', 獨孤: 'dugu',
    南宫: 'nangong', 南宮: 'nangong', 拓跋: 'tuoba', 赫连: 'helian', 赫連: 'helian', 司空: 'sikong', 完颜: 'wanyan',
    完顏: 'wanyan', 百里: 'baili', 太史: 'taishi', 公冶: 'gongye',
  }),
);

/**
 * Single-character surnames whose surname reading differs from any-ascii's default reading
 * (polyphones: 曾 is céng "once" but Zēng as a surname), and ü surnames (吕 Lü), whose ASCII
 * spellings are 'lyu' (passports, GB/T 28039-2011) and 'lv' besides any-ascii's 'lu'.
 */
const SURNAME_READINGS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    曾: ['zeng'], 单: ['shan'], 單: ['shan'], 解: ['xie'], 仇: ['qiu'], 区: ['ou'], 區: ['ou'], 查: ['zha'],
    盖: ['ge'], 蓋: ['ge'], 朴: ['piao'], 乐: ['yue'], 樂: ['yue'], 覃: ['qin'], 翟: ['zhai'], 缪: ['miao'],
    繆: ['miao'], 种: ['chong'], 種: ['chong'], 召: ['shao'], 秘: ['bi'], 繁: ['po'], 员: ['yun'], 員: ['yun'],
    隗: ['kui'], 句: ['gou'], 重: ['chong'], 长: ['chang'], 長: ['chang'], 折: ['she'], 能: ['nai'], 薄: ['bo'],
    黑: ['he'], 乜: ['nie'], 宓: ['fu'], 郇: ['xun'],
    吕: ['lyu', 'lv'], 呂: ['lyu', 'lv'], 闾: ['lyu', 'lv'], 閭: ['lyu', 'lv'],
  }),
);

const GROUP_SEPARATORS = /[\s・･·.,\-‐]+/u; // spaces, katakana middle dot, interpunct, hyphens
const ALL_HAN = /^\p{Script=Han}+$/u;

/** Pinyin syllables of a run of Han characters (々 repeats the previous one). */
function syllables(group: string): string[] {
  return romaniseWords(group).split(' ');
}

/**
 * The romanisations of a Han name, most literal first: one word per syllable ('xi jin ping'),
 * then surname + joined given name ('xi jinping', GB/T 28039-2011), then the same with a
 * surname's own reading where it differs (曾国藩 → 'zeng guofan'). Names already written in
 * groups ('习 近平') are joined per group. A run longer than four characters (an organisation)
 * gets its syllables joined in pairs, the commonest length of a Chinese word. Mixed-script
 * text gets the syllable form only.
 * @example hanPinyinVariants('习近平') // ['xi jin ping', 'xi jinping']
 * @example hanPinyinVariants('欧阳修') // ['ou yang xiu', 'ouyang xiu']
 */
export function hanPinyinVariants(text: string): string[] {
  const out = [romaniseWords(text)];
  const add = (v: string) => {
    if (!out.includes(v)) out.push(v);
  };
  const groups = text.trim().split(GROUP_SEPARATORS).filter(Boolean);
  if (groups.length === 0 || !groups.every((g) => ALL_HAN.test(g))) return out;
  const first = groups[0]!;
  const chars = [...first]; // code points: CJK Extension B and later are surrogate pairs

  if (groups.length >= 2) {
    // Written in groups ('习 近平', '欧阳 修'): the writer said where the words end; the first
    // group is the surname.
    const rest = groups.slice(1).map(joined);
    const surnameReadings = chars.length === 1 ? SURNAME_READINGS.get(first) : undefined;
    const compound = COMPOUND_SURNAMES.get(first);
    for (const head of [joined(first), ...(surnameReadings ?? []), ...(compound ? [compound] : [])]) {
      add([head, ...rest].join(' '));
    }
    return out;
  }

  // A longer run is an organisation or place name: most Chinese words are two characters
  // (丹东 至诚 金属 材料 有限 公司), and lists write each word joined ('Dandong Zhicheng'),
  // so syllables joined in pairs are a better guess at the words than single syllables.
  if (chars.length > 4) {
    const all = syllables(first);
    const pairs: string[] = [];
    for (let i = 0; i < all.length; i += 2) pairs.push(all.slice(i, i + 2).join(''));
    add(pairs.join(' '));
    return out;
  }
  // One run of 2–4 characters: the shape of a Chinese (or Korean) personal name.
  if (chars.length < 2) return out;
  const all = syllables(first);
  const compound = chars.length >= 3 ? COMPOUND_SURNAMES.get(chars[0]! + chars[1]!) : undefined;
  if (compound) {
    const given = all.slice(2);
    for (const head of [all[0]! + all[1]!, compound]) {
      add(`${head} ${given.join('')}`);
      if (given.length > 1) add(`${head} ${given.join(' ')}`);
    }
    return out;
  }
  const given = all.slice(1);
  add(`${all[0]!} ${given.join('')}`);
  for (const head of SURNAME_READINGS.get(chars[0]!) ?? []) {
    add(`${head} ${given.join('')}`);
    if (given.length > 1) add(`${head} ${given.join(' ')}`);
  }
  // Four characters and no known compound surname: most often 2 + 2 (a compound surname not
  // in the table, or a married woman's double surname such as 陈李), so offer that split too.
  if (chars.length === 4) add(`${all[0]!}${all[1]!} ${all[2]!}${all[3]!}`);
  return out;
}

function joined(group: string): string {
  return syllables(group).join('');
}
