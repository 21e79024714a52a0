/**
 * @module names/normalize/titles
 * Titles and honorifics that stand beside a person's name ("Mr", "Dr", "President", "Sheikh",
 * "様", "氏", "господин"). Screening weighs them low: "Dr. Ivan Petrov" and "Ivan Petrov" are the
 * same person, and two people sharing "Mullah" share nothing. They are never deleted, because
 * several are also names: on the OFAC list "Haji", "Mullah", "Qari" and "Sheikh" are recorded as
 * given-name parts ("Sheikh Hassan Dahir Aweys", "Haji Ibrahim"), so the matcher must still see
 * them on both sides.
 *
 * Position: Latin, Cyrillic and Arabic titles precede the name (ICAO Doc 9303 Part 3 §4.6.1
 * leaves titles out of the name fields altogether, which is why passports never carry them and
 * customer records do); Japanese (様, 氏, さん, 殿, 先生, 君) and Chinese/Korean honorifics follow
 * it. A title is only recognised in that position and only with a name beside it, so a lone
 * "Imam" or "President Hotel" stays a name.
 *
 * Not titles here, on purpose: "Amir" and "Emir" (OFAC carries 59 name parts "Amir", nearly all
 * given names: "Amir Hamudi Hassan"; Emir Kusturica) and "Sayyid"/"Syed" (a family name across
 * South Asia). "Jr", "Sr", "II" are generational markers that tell father from son: kept as names.
 */

/** One group of title surfaces with a canonical label and the side of the name it stands on. */
export interface TitleDef {
  canonical: string;
  /** 'prefix' for titles before the name, 'suffix' for honorifics after it. */
  pos: 'prefix' | 'suffix';
  /** Surfaces; words separated by spaces, spelling alternatives of one word by '|'. */
  forms: readonly string[];
  /**
   * Also a common given name or family name ("Imam Samudra", John Major, Sheikh Hasina,
   * Judge, Lord): a title only when at least two name words follow it.
   */
  weak?: boolean;
}

export const TITLES: readonly TitleDef[] = [
  // Courtesy titles (English; French/German/Spanish forms seen in customer records).
  { canonical: 'mr', pos: 'prefix', forms: ['mr', 'mr.', 'mister', 'herr', 'monsieur', 'señor|senor', 'sr.'] },
  { canonical: 'mrs', pos: 'prefix', forms: ['mrs', 'mrs.', 'ms', 'ms.', 'miss', 'mx', 'madam', 'madame', 'mme', 'frau', 'señora|senora', 'sra.'] },
  { canonical: 'dr', pos: 'prefix', forms: ['dr', 'dr.', 'doctor', 'доктор', 'д-р', 'دكتور', 'الدكتور'] },
  { canonical: 'prof', pos: 'prefix', forms: ['prof', 'prof.', 'professor', 'профессор', 'проф'] },
  { canonical: 'sir', pos: 'prefix', forms: ['sir'] },
  { canonical: 'dame', pos: 'prefix', weak: true, forms: ['dame', 'lord', 'lady'] },
  { canonical: 'excellency', pos: 'prefix', forms: ['his excellency', 'her excellency', 'h.e.', 'his highness', 'her highness', 'h.h.', 'his royal highness', 'h.r.h.', 'the honourable|honorable'] },
  { canonical: 'rev', pos: 'prefix', forms: ['rev', 'rev.', 'reverend'] },
  // Islamic religious and honorific titles as they stand before names on the UN and OFAC lists.
  { canonical: 'sheikh', pos: 'prefix', weak: true, forms: ['sheikh', 'shaykh', 'shaikh', 'sheik', 'shaik', 'shaykh al', 'sheikh al', 'الشيخ', 'شيخ'] },
  { canonical: 'haji', pos: 'prefix', weak: true, forms: ['haji', 'hajji', 'hadji', 'hajj', 'al haj|hajj|haji', 'alhaj', 'alhajj', 'alhaji', 'الحاج', 'حاجی', 'حاجي'] },
  { canonical: 'mullah', pos: 'prefix', weak: true, forms: ['mullah', 'mulla', 'mollah', 'molla', 'الملا', 'ملا'] },
  { canonical: 'maulvi', pos: 'prefix', forms: ['maulvi', 'mawlawi', 'mawlavi', 'maulavi', 'moulvi', 'mowlawi', 'maulana', 'mawlana', 'مولوي', 'مولوی'] },
  { canonical: 'qari', pos: 'prefix', forms: ['qari', 'qary', 'قاري', 'قاری'] },
  { canonical: 'mufti', pos: 'prefix', forms: ['mufti', 'مفتي'] },
  { canonical: 'imam', pos: 'prefix', weak: true, forms: ['imam', 'إمام', 'امام'] },
  // Offices. "President" and "Minister" are not names; "Judge" is a family name.
  { canonical: 'president', pos: 'prefix', forms: ['president', 'vice president', 'prime minister', 'президент', 'prezident'] },
  { canonical: 'minister', pos: 'prefix', forms: ['minister', 'deputy minister', 'министр', 'ministr'] },
  { canonical: 'ambassador', pos: 'prefix', forms: ['ambassador', 'посол'] },
  { canonical: 'senator', pos: 'prefix', forms: ['senator', 'сенатор'] },
  { canonical: 'governor', pos: 'prefix', forms: ['governor', 'губернатор'] },
  { canonical: 'judge', pos: 'prefix', weak: true, forms: ['judge', 'justice'] },
  // Military ranks ("Gen.", "Lt. Col."); "Major" is a family name (John Major), so weak.
  // "General" is weak so "General Motors" falls through to the generic word, weighed low either way.
  {
    canonical: 'general', pos: 'prefix', weak: true,
    forms: ['general', 'gen', 'gen.', 'lieutenant general', 'lt gen', 'lt. gen.', 'major general', 'maj gen', 'maj. gen.', 'brigadier general', 'brig gen', 'brigadier', 'brig', 'brig.', 'генерал', 'general-leytenant', 'general-mayor', 'генерал-лейтенант', 'генерал-майор', 'генерал-полковник', 'general-polkovnik'],
  },
  { canonical: 'colonel', pos: 'prefix', forms: ['colonel', 'col', 'col.', 'lieutenant colonel', 'lt col', 'lt. col.', 'полковник', 'polkovnik', 'подполковник', 'podpolkovnik'] },
  { canonical: 'major', pos: 'prefix', weak: true, forms: ['major', 'maj', 'maj.', 'майор'] },
  { canonical: 'captain', pos: 'prefix', forms: ['captain', 'capt', 'capt.', 'cpt', 'капитан', 'kapitan'] },
  { canonical: 'lieutenant', pos: 'prefix', forms: ['lieutenant', 'lt', 'lt.', 'лейтенант'] },
  { canonical: 'admiral', pos: 'prefix', forms: ['admiral', 'adm', 'adm.', 'vice admiral', 'rear admiral', 'адмирал', 'вице-адмирал', 'контр-адмирал'] },
  { canonical: 'commander', pos: 'prefix', forms: ['commander', 'cdr', 'field marshal', 'маршал'] },
  // Russian courtesy forms (господин / г-н, госпожа / г-жа) and their romanisations.
  { canonical: 'mr', pos: 'prefix', forms: ['господин', 'г-н', 'gospodin'] },
  { canonical: 'mrs', pos: 'prefix', forms: ['госпожа', 'г-жа', 'gospozha', 'gospoja'] },
  // Japanese honorific suffixes (written after the name, often with no space: see
  // `splitJapaneseHonorific`), Chinese 先生/女士/小姐 and Korean 씨/님, which follow the name too.
  // Only in their own script: romanised "San" ends Aung San, "Kun" Chinese given names.
  { canonical: 'sama', pos: 'suffix', forms: ['様', 'さま', 'サマ'] },
  { canonical: 'shi', pos: 'suffix', forms: ['氏'] },
  { canonical: 'san', pos: 'suffix', forms: ['さん'] },
  { canonical: 'dono', pos: 'suffix', forms: ['殿', 'どの'] },
  { canonical: 'sensei', pos: 'suffix', forms: ['先生', 'せんせい'] },
  { canonical: 'kun', pos: 'suffix', forms: ['君', 'くん'] },
  { canonical: 'mrs', pos: 'suffix', forms: ['女士', '小姐'] },
  { canonical: 'ssi', pos: 'suffix', forms: ['씨', '님'] },
  { canonical: 'esq', pos: 'suffix', forms: ['esq', 'esq.', 'esquire'] },
];

/**
 * Japanese honorifics written solid after a name. 君 is left out: it ends given names
 * (e.g. Chinese 王君) too often; 氏 only when two or more characters remain.
 */
const ATTACHED_HONORIFICS: readonly string[] = ['先生', 'さま', '様', '殿', 'さん', '氏'];

/**
 * Strips one honorific written solid after a Japanese name: "山田太郎様" → "山田太郎".
 * The text is NFKC-normalised; separators before the honorific are trimmed.
 * @example splitJapaneseHonorific('山田太郎様') // { name: '山田太郎', title: 'sama' }
 */
export function splitJapaneseHonorific(text: string): { name: string; title?: string } {
  const s = text.normalize('NFKC').trim();
  for (const h of ATTACHED_HONORIFICS) {
    if (!s.endsWith(h)) continue;
    const name = s.slice(0, -h.length).replace(/[\s・･]+$/, '');
    if (name.length >= (h === '氏' ? 2 : 1)) return { name, title: HONORIFIC_CANONICAL[h] };
  }
  return { name: s };
}

const HONORIFIC_CANONICAL: Record<string, string> = { 先生: 'sensei', さま: 'sama', 様: 'sama', 殿: 'dono', さん: 'san', 氏: 'shi' };
