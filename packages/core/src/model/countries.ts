/**
 * @module model/countries
 * Country names to ISO 3166-1 alpha-2 codes, the form FtM and screening use. The table is
 * built from the ICU data Node ships (Intl.DisplayNames, English and Japanese), plus the
 * spellings sanctions lists use that ICU does not ("Korea, North", "Burma", "Russian
 * Federation", "Crimea region of Ukraine"). Built once per process, lazily.
 */

const EXTRA: Record<string, string> = {
  'russian federation': 'RU', russia: 'RU', 'korea, north': 'KP', 'north korea': 'KP',
  "democratic people's republic of korea": 'KP', 'korea, democratic people’s republic of': 'KP',
  "korea, democratic people's republic of": 'KP', 'korea, south': 'KR', 'south korea': 'KR',
  'republic of korea': 'KR', 'korea, republic of': 'KR', burma: 'MM', 'iran (islamic republic of)': 'IR',
  'islamic republic of iran': 'IR', iran: 'IR', syria: 'SY', 'syrian arab republic': 'SY',
  'venezuela (bolivarian republic of)': 'VE', 'bolivia (plurinational state of)': 'BO',
  'united states of america': 'US', usa: 'US', 'united states': 'US', uk: 'GB',
  'united kingdom of great britain and northern ireland': 'GB', 'united kingdom': 'GB',
  'great britain': 'GB', 'viet nam': 'VN', 'lao people’s democratic republic': 'LA',
  "lao people's democratic republic": 'LA', laos: 'LA', 'congo, democratic republic of the': 'CD',
  'democratic republic of the congo': 'CD', 'congo (democratic republic)': 'CD', 'congo (the democratic republic of the)': 'CD',
  'congo, dem. rep.': 'CD', 'congo (republic)': 'CG', 'st kitts and nevis': 'KN', 'st lucia': 'LC',
  'st vincent and the grenadines': 'VC', 'occupied palestinian territories': 'PS', 'russian': 'RU', 'congo, republic of the': 'CG', 'republic of the congo': 'CG',
  'bahamas, the': 'BS', 'gambia, the': 'GM', 'the gambia': 'GM', 'cote d ivoire': 'CI', "cote d'ivoire": 'CI',
  'ivory coast': 'CI', 'turkiye': 'TR', 'türkiye': 'TR', turkey: 'TR', 'west bank': 'PS', gaza: 'PS',
  'palestinian territories': 'PS', 'state of palestine': 'PS', 'moldova, republic of': 'MD',
  'republic of moldova': 'MD', 'tanzania, united republic of': 'TZ', 'united republic of tanzania': 'TZ',
  'macedonia': 'MK', 'the former yugoslav republic of macedonia': 'MK', 'czech republic': 'CZ',
  'kyrgyz republic': 'KG', 'brunei darussalam': 'BN', 'cabo verde': 'CV', 'eswatini': 'SZ', swaziland: 'SZ',
  'micronesia, federated states of': 'FM', 'saint kitts and nevis': 'KN', 'saint lucia': 'LC',
  'saint vincent and the grenadines': 'VC', 'sao tome and principe': 'ST', 'holy see': 'VA',
  'taiwan, province of china': 'TW', 'hong kong sar': 'HK', 'macau': 'MO', 'macao': 'MO', kosovo: 'XK',
  congo: 'CG', 'hong kong': 'HK', 'republic of palau': 'PW', 'region: gaza': 'PS', 'st. vincent and the grenadines': 'VC',
  'north macedonia': 'MK', 'china, hong kong special administrative region': 'HK', 'hong kong sar, china': 'HK',
  'china, macao special administrative region': 'MO', myanmar: 'MM', 'man, isle of': 'IM', 'north macedonia, the republic of': 'MK', palestinian: 'PS', eritrean: 'ER',
  'region: crimea': 'UA', 'crimea region of ukraine': 'UA', crimea: 'UA', 'ussr': 'SU', 'soviet union': 'SU',
  'yugoslavia': 'YU', 'serbia and montenegro': 'CS', 'netherlands antilles': 'AN', 'east timor': 'TL',
  'the netherlands': 'NL', 'united arab emirates': 'AE', uae: 'AE', 'british virgin islands': 'VG',
  'virgin islands, british': 'VG', 'marshall islands': 'MH', 'st. kitts and nevis': 'KN',
  'ロシア連邦': 'RU', 'ロシア': 'RU', '北朝鮮': 'KP', '朝鮮民主主義人民共和国': 'KP', 'ベラルーシ共和国': 'BY',
  'ウクライナ': 'UA', 'イラン': 'IR', 'イラン・イスラム共和国': 'IR', 'シリア': 'SY', 'ミャンマー': 'MM',
};

/**
 * Codes ICU still names that are not current countries: groupings (EU, UN), and transitionally
 * reserved codes of countries that renamed or split (FX Metropolitan France, YU Yugoslavia, HV
 * Upper Volta, DY Dahomey, ZR Zaire …). Indexed, they would take over the current country's
 * name ("France" → FX). Old names a list still uses are mapped in EXTRA instead.
 */
const SKIP = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'FX', 'YU', 'CS', 'HV', 'DY', 'NH', 'TP', 'ZR', 'BU', 'SU', 'DD', 'YD', 'VD', 'RH', 'AN', 'UK', 'NT', 'PZ', 'CT', 'JT', 'MI', 'PU', 'WK', 'PC']);

let table: Map<string, string> | undefined;

function key(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s*&\s*/g, ' and ').replace(/\s+/g, ' ').replace(/\.$/, '').trim();
}

function build(): Map<string, string> {
  const map = new Map<string, string>();
  const en = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
  const ja = new Intl.DisplayNames('ja', { type: 'region', fallback: 'none' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (SKIP.has(code)) continue;
      for (const names of [en, ja]) {
        const name = names.of(code);
        if (!name || name === code) continue;
        if (!map.has(key(name))) map.set(key(name), code);
        // ICU writes "Myanmar (Burma)", "Congo - Kinshasa": index the plain form too, without overwriting.
        const plain = key(name.replace(/\s*\(.*\)$/, '').replace(/\s+-\s+.*$/, ''));
        if (plain && !map.has(plain)) map.set(plain, code);
      }
      map.set(code.toLowerCase(), code);
    }
  }
  for (const [name, code] of Object.entries(EXTRA)) map.set(key(name), code);
  return map;
}

/**
 * The ISO 3166-1 alpha-2 code for a country name or code, or undefined when unknown.
 * @example countryCode('Russian Federation') // 'RU'
 * @example countryCode('Korea, North') // 'KP'
 */
export function countryCode(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  table ??= build();
  const k = key(name);
  if (k === '') return undefined;
  // Stripping a bracket is the last resort: "Congo (Democratic Republic)" must not become "Congo".
  return table.get(k) ?? table.get(k.replace(/^the /, '')) ?? table.get(k.replace(/\s*\(.*\)$/, ''));
}
