/**
 * @module lists/uk/values
 * Reading the UK Sanctions List's field values: its DD/MM/YYYY dates with "dd"/"mm" standing
 * for an unknown day or month, the English language names of NonLatinScriptLanguage, country
 * names in FCDO spelling (and the demonyms passport notes use), and business registration
 * numbers written with their label ("INN: 7701234567", "OGRN 1027700123456").
 */
import { countryCode } from '../../model/countries.ts';
import { isoDate, parsePartialDate } from '../../model/dates.ts';
import type { PartialDate } from '../../model/entity.ts';
import { clean } from '../../model/text.ts';

/**
 * A UK list date as an ISO partial date. The list writes DD/MM/YYYY and keeps the literal
 * "dd" or "mm" where the day or month is unknown ("dd/mm/1945" is a year of birth).
 * Other shapes ("1958", "circa 1958") fall back to the shared reader; undefined when unreadable.
 */
export function parseUkDate(text: string): PartialDate | undefined {
  const t = clean(text);
  if (t === '') return undefined;
  const m = t.match(/^(dd|\d{1,2})\/(mm|\d{1,2})\/(\d{4})$/i);
  if (m) {
    const month = /^\d+$/.test(m[2]!) ? Number(m[2]) : undefined;
    // A known day without a known month says nothing usable: keep the year only.
    const day = month !== undefined && /^\d+$/.test(m[1]!) ? Number(m[1]) : undefined;
    const date = isoDate(Number(m[3]), month, day);
    return date ? { date } : undefined;
  }
  return parsePartialDate(t);
}

/** A full ISO date (for LastUpdated, DateDesignated, DateGenerated), or undefined. */
export function parseUkDay(text: string): string | undefined {
  const d = parseUkDate(text);
  return d?.date;
}

let languages: Map<string, string> | undefined;

/**
 * The BCP-47 code for an English language name as NonLatinScriptLanguage writes it
 * ("Russian", "Persian", "Romanian; Moldavian; Moldovan" — ISO 639-2 English names), built
 * from the ICU data Node ships. Undefined when unknown.
 */
export function languageCode(name: string): string | undefined {
  if (!languages) {
    languages = new Map();
    const names = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
    for (let a = 97; a <= 122; a++) {
      for (let b = 97; b <= 122; b++) {
        const code = String.fromCharCode(a, b);
        const label = names.of(code);
        // Deprecated codes ("mo", "iw", "in") name languages too: keep their canonical form.
        if (label && label !== code && !languages.has(label.toLowerCase())) languages.set(label.toLowerCase(), Intl.getCanonicalLocales(code)[0] ?? code);
      }
    }
    // ISO 639-2 names ICU spells differently, and Dari (a three-letter code only).
    for (const [label, code] of [['farsi', 'fa'], ['moldavian', 'ro'], ['moldovan', 'ro'], ['dari', 'prs'], ['pushto', 'ps'], ['panjabi', 'pa'], ['burmese', 'my'], ['chinese (simplified)', 'zh'], ['chinese (traditional)', 'zh']] as const) {
      languages.set(label, code);
    }
  }
  for (const part of name.split(/[;,/]/)) {
    const code = languages.get(clean(part).toLowerCase());
    if (code) return code;
  }
  return undefined;
}

/**
 * FCDO geographical names that ICU and the shared table read wrongly or not at all
 * (the shared table strips "(Democratic Republic)" and would answer Congo-Brazzaville).
 */
const FCDO_COUNTRIES: Record<string, string> = {
  'congo (democratic republic)': 'CD',
  'democratic republic of congo': 'CD',
  'occupied palestinian territories': 'PS',
  'the occupied palestinian territories': 'PS',
  'st kitts and nevis': 'KN',
  'st lucia': 'LC',
  'st vincent': 'VC',
  'st vincent and the grenadines': 'VC',
  'vatican city': 'VA',
  'korea (north)': 'KP',
  'korea (south)': 'KR',
};

/** Demonyms as passport notes and nationality fields write them ("Russian passport"). */
const DEMONYMS: Record<string, string> = {
  afghan: 'AF', algerian: 'DZ', american: 'US', armenian: 'AM', azerbaijani: 'AZ', bahraini: 'BH',
  belarusian: 'BY', belarussian: 'BY', bosnian: 'BA', british: 'GB', burmese: 'MM', canadian: 'CA',
  'central african': 'CF', chadian: 'TD', chinese: 'CN', cuban: 'CU', cypriot: 'CY', egyptian: 'EG',
  emirati: 'AE', eritrean: 'ER', estonian: 'EE', ethiopian: 'ET', french: 'FR', georgian: 'GE',
  german: 'DE', guinean: 'GN', haitian: 'HT', indian: 'IN', indonesian: 'ID', iranian: 'IR',
  iraqi: 'IQ', israeli: 'IL', italian: 'IT', jordanian: 'JO', kazakh: 'KZ', kazakhstani: 'KZ',
  kenyan: 'KE', kuwaiti: 'KW', kyrgyz: 'KG', latvian: 'LV', lebanese: 'LB', libyan: 'LY',
  lithuanian: 'LT', malian: 'ML', mauritanian: 'MR', moldovan: 'MD', montenegrin: 'ME', moroccan: 'MA',
  nicaraguan: 'NI', nigerian: 'NG', nigerien: 'NE', 'north korean': 'KP', pakistani: 'PK',
  palestinian: 'PS', qatari: 'QA', russian: 'RU', saudi: 'SA', 'saudi arabian': 'SA', serbian: 'RS',
  somali: 'SO', 'south sudanese': 'SS', spanish: 'ES', sudanese: 'SD', swiss: 'CH', syrian: 'SY',
  tajik: 'TJ', tunisian: 'TN', turkish: 'TR', ukrainian: 'UA', uzbek: 'UZ', venezuelan: 'VE',
  yemeni: 'YE', zimbabwean: 'ZW',
};

/** ISO2 for a country name (FCDO spelling included) or a demonym; undefined when unknown. */
export function ukCountryCode(text: string | undefined): string | undefined {
  const t = clean(text).replace(/\.$/, '');
  if (t === '') return undefined;
  const key = t.toLowerCase();
  return FCDO_COUNTRIES[key] ?? countryCode(t) ?? DEMONYMS[key];
}

/**
 * The issuing country a passport note names, if it names one: "Russia", "Afghanistan
 * diplomatic passport", "Russian passport", "Issued by Belarus", "(Iran)". The list has no
 * separate country field for passports (PassportDetails carries only PassportNumber and
 * PassportAdditionalInformation), so this is the only place the country can come from.
 */
export function countryInNote(note: string): string | undefined {
  const t = clean(note);
  if (t === '') return undefined;
  const whole = ukCountryCode(t);
  if (whole) return whole;
  const issued = t.match(/issued\s+(?:in|by)\s+(?:the\s+)?([A-Za-z][A-Za-z .'-]*?)(?:\s+(?:on|in)\s+\d|[,;.()]|$)/i);
  if (issued) {
    const code = ukCountryCode(issued[1]);
    if (code) return code;
  }
  const bracket = t.match(/\(([^()]+)\)/);
  if (bracket) {
    const code = ukCountryCode(bracket[1]);
    if (code) return code;
  }
  // Leading words before "passport"/"national ...": the longest prefix that is a country wins.
  const words = t.split(/[\s,;:]+/);
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const code = ukCountryCode(words.slice(0, n).join(' '));
    if (code) return code;
  }
  return undefined;
}

/** A business registration entry split into the source's label and the number. */
export interface LabelledNumber {
  label?: string;
  value: string;
}

const KNOWN_LABELS = /^(INN|OGRNIP|OGRN|KPP|OKPO|TIN|BIC|BIK|SWIFT(?:\/BIC)?|LEI|IMO|EDRPOU|UNP|Tax\s+(?:ID|Identification)\s+(?:No\.?|Number)|Registration\s+(?:No\.?|Number)|Company\s+(?:No\.?|Number)|Commercial\s+Registry\s+Number)\b\s*[:#.-]?\s*(\S.*)$/i;

/**
 * Splits a BusinessRegistrationNumber into label and value. The FCDO writes these free-form:
 * "INN: 7701234567", "OGRN 1027700123456", "Tax Identification Number: INN 7710140679",
 * "1027700123456"; several per element are separated by ";".
 */
export function splitRegistrationNumbers(text: string): LabelledNumber[] {
  const out: LabelledNumber[] = [];
  for (const piece of text.split(/;|\n/)) {
    const t = clean(piece);
    if (t === '') continue;
    const known = t.match(KNOWN_LABELS);
    if (known) {
      // "Tax Identification Number: INN 7710140679" — the more specific inner label wins.
      const inner = known[2]!.match(KNOWN_LABELS);
      if (inner) out.push({ label: clean(inner[1]), value: clean(inner[2]) });
      else out.push({ label: clean(known[1]), value: clean(known[2]) });
      continue;
    }
    const labelled = t.match(/^([A-Za-z][A-Za-z .()'/-]{1,60}?)\s*:\s*(\S.*)$/);
    if (labelled) {
      out.push({ label: clean(labelled[1]), value: clean(labelled[2]) });
      continue;
    }
    const suffixed = t.match(/^(\S+)\s*\(([A-Za-z][A-Za-z .'/-]{1,40})\)$/);
    if (suffixed) {
      out.push({ label: clean(suffixed[2]), value: clean(suffixed[1]) });
      continue;
    }
    out.push({ value: t });
  }
  return out;
}

/** Name text as a key for resolving "Parent company" and similar references: case, quotes and punctuation ignored. */
export function nameKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
