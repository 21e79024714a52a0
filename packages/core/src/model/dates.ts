/**
 * @module model/dates
 * Partial dates as sources publish them. FtM writes dates as ISO prefixes (`1977`, `1977-03`,
 * `1977-03-25`); lists write "25 Mar 1977", "Mar 1977", "circa 1970", "1960 to 1962",
 * "25.03.1977", "1977/03/25" or Japanese "1977年3月25日". An unreadable date is returned as
 * undefined so the caller can warn: a guessed birth date would mislead screening.
 */
import type { PartialDate } from './entity.ts';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Builds an ISO partial date from numbers, validating ranges; undefined when impossible. */
export function isoDate(year: number, month?: number, day?: number): string | undefined {
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return undefined;
  if (month === undefined || month === 0 || Number.isNaN(month)) return String(year);
  if (month < 1 || month > 12) return undefined;
  if (day === undefined || day === 0 || Number.isNaN(day)) return `${year}-${pad(month)}`;
  const max = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > max) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Parses one date expression (no ranges) to an ISO partial date. */
export function parseDateText(text: string): string | undefined {
  const t = text.trim().replace(/\.$/, '');
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?$/))) return isoDate(+m[1]!, m[2] ? +m[2] : undefined, m[3] ? +m[3] : undefined);
  if ((m = t.match(/^(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?$/))) return isoDate(+m[1]!, +m[2]!, m[3] ? +m[3] : undefined);
  if ((m = t.match(/^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/))) return isoDate(+m[3]!, +m[2]!, +m[1]!);
  if ((m = t.match(/^(\d{1,2})[./-](\d{4})$/))) return isoDate(+m[2]!, +m[1]!);
  if ((m = t.match(/^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/))) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? isoDate(+m[3]!, month, +m[1]!) : undefined;
  }
  if ((m = t.match(/^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/))) {
    const month = MONTHS[m[1]!.toLowerCase()];
    return month ? isoDate(+m[3]!, month, +m[2]!) : undefined;
  }
  if ((m = t.match(/^([A-Za-z]{3,9})\.?\s+(\d{4})$/))) {
    const month = MONTHS[m[1]!.toLowerCase()];
    return month ? isoDate(+m[2]!, month) : undefined;
  }
  if ((m = t.match(/^(\d{4})年(?:\s*(\d{1,2})月(?:\s*(\d{1,2})日)?)?$/))) return isoDate(+m[1]!, m[2] ? +m[2] : undefined, m[3] ? +m[3] : undefined);
  return undefined;
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A range written with full dates, folded back to the precision it means: lists write "1973"
 * as "01 Jan 1973 to 31 Dec 1973" and "Mar 1977" as its first and last days. A whole year
 * becomes `{date: '1973'}`, whole years `{from: '1960', to: '1962'}`, a whole month
 * `{date: '1977-03'}`; anything else stays a range as given.
 */
export function foldRange(from: string, to: string): PartialDate {
  const f = from.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const t = to.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!f || !t) return from === to ? { date: from } : { from, to };
  const [fy, fm, fd, ty, tm, td] = [+f[1]!, +f[2]!, +f[3]!, +t[1]!, +t[2]!, +t[3]!];
  if (from === to) return { date: from };
  if (fm === 1 && fd === 1 && tm === 12 && td === 31) return fy === ty ? { date: String(fy) } : { from: String(fy), to: String(ty) };
  if (fy === ty && fm === tm && fd === 1 && td === lastDayOf(ty, tm)) return { date: `${fy}-${f[2]}` };
  return { from, to };
}

/**
 * Parses a date expression that may be approximate or a range:
 * "circa 1970", "approximately 1970", "1960 to 1962", "1960 - 1962", "between 1960 and 1962".
 */
export function parsePartialDate(text: string): PartialDate | undefined {
  let t = text.trim();
  if (t === '') return undefined;
  let circa = false;
  const approx = t.match(/^(?:circa|ca\.?|c\.|approx(?:imately|\.)?|about)\s+(.*)$/i);
  if (approx) {
    circa = true;
    t = approx[1]!;
  }
  const range = t.match(/^(?:between\s+)?(.+?)\s+(?:to|and|-|–|〜|～)\s+(.+)$/i);
  if (range) {
    const from = parseDateText(range[1]!);
    const to = parseDateText(range[2]!);
    if (from && to) {
      const folded = foldRange(from, to);
      return circa ? { ...folded, circa } : folded;
    }
    return undefined;
  }
  const date = parseDateText(t);
  if (!date) return undefined;
  return circa ? { date, circa } : { date };
}

/** Adds a date unless the same one is already present. */
export function addDate(list: PartialDate[], date: PartialDate): void {
  const key = JSON.stringify(date);
  if (!list.some((d) => JSON.stringify(d) === key)) list.push(date);
}
