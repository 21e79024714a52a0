/**
 * @module lists/jp-mof/dates
 * Dates as the MOF list writes them: Gregorian "1952年10月7日", "1975年頃" (about),
 * "1958年から1963年の間" (between), Japanese eras (和暦) "昭和27年10月7日" / "平成元年",
 * dotted notice dates "2022.3.1", full-width digits, and ISO dates from Excel date cells.
 * The forms come from the OpenSanctions crawler's date table for this list
 * (datasets/jp/mof_sanctions/jp_mof_sanctions.yml, `dates.formats` and `type.date`).
 * Anything else is undefined so the parser can warn: a guessed birth date misleads screening.
 */
import type { PartialDate } from '../../model/entity.ts';
import { isoDate, parseDateText } from '../../model/dates.ts';

/**
 * First years of the modern eras, minus one (era year N = offset + N). Cabinet Order on eras:
 * Meiji from 1868, Taisho 1912, Showa 1926, Heisei 1989, Reiwa 2019.
 */
const ERAS: Record<string, number> = { 明治: 1867, 大正: 1911, 昭和: 1925, 平成: 1988, 令和: 2018 };
const ERA_PATTERN = /(明治|大正|昭和|平成|令和)\s*(元|\d{1,2})\s*年/g;

/** Full-width digits and punctuation to ASCII, ideographic space to space. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** Rewrites era years as Gregorian years: "昭和27年" → "1952年", "平成元年" → "1989年". */
export function eraToGregorian(text: string): string {
  return text.replace(ERA_PATTERN, (_, era: string, year: string) => `${ERAS[era]! + (year === '元' ? 1 : Number(year))}年`);
}

/** One date without range or approximation words. */
function single(text: string): string | undefined {
  let t = text.trim().replace(/^[(:,、]+|[),。]+$/g, '').trim();
  // "1952年10月7日生" / "生まれ": the birth marker is not part of the date.
  t = t.replace(/\s*生(?:まれ)?$/, '').trim();
  // "1952年10月7" (day without 日) appears in the list; so does "2022.3.1".
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日?$/))) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  if ((m = t.match(/^(\d{4})\.(\d{1,2})(?:\.(\d{1,2}))?$/))) return isoDate(+m[1]!, +m[2]!, m[3] ? +m[3] : undefined);
  return parseDateText(t);
}

/**
 * Parses one MOF date expression (already split from its cell) to a partial date.
 * @example parseJapaneseDate('1952年10月7日') // { date: '1952-10-07' }
 * @example parseJapaneseDate('昭和27年10月7日') // { date: '1952-10-07' }
 * @example parseJapaneseDate('1975年頃') // { date: '1975', circa: true }
 * @example parseJapaneseDate('1958年から1963年の間') // { from: '1958', to: '1963' }
 */
export function parseJapaneseDate(text: string): PartialDate | undefined {
  let t = eraToGregorian(normalise(text));
  if (t === '') return undefined;
  let circa = false;
  const approx = t.match(/^(?:おおよそ|およそ|約)\s*(.+)$/);
  if (approx) {
    circa = true;
    t = approx[1]!;
  }
  const about = t.match(/^(.+?)\s*(?:の)?頃$/);
  if (about) {
    circa = true;
    t = about[1]!;
  }
  // Ranges: "1958年から1963年の間", "1972年から1973年までの間", "1955年-1958年", "1937年~1945年".
  const range = t.match(/^(.+?)\s*(?:から|~|〜|-|－|―|‐)\s*(.+?)\s*(?:まで)?(?:の間)?$/);
  if (range && !/^\d{4}-\d{1,2}(-\d{1,2})?$/.test(t)) {
    const from = single(range[1]!);
    const to = single(range[2]!);
    if (from && to) return circa ? { from, to, circa } : { from, to };
    return undefined;
  }
  const date = single(t);
  if (!date) return undefined;
  return circa ? { date, circa } : { date };
}

/**
 * Splits a date cell into its expressions: the list separates alternatives with line breaks,
 * "、", "；", "又は"/"または" (or) and "及び" (and).
 */
export function splitDateCell(text: string): string[] {
  return text
    .split(/\r?\n|[、；;]|又は|または|或いは|及び/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '不明');
}
