/**
 * @module names/transliterate/hangul
 * Korean names as lists write them. any-ascii gives Revised Romanization syllable by syllable
 * (김정은 → "gim jeong eun"); the OFAC and UN lists write North Korean names in the
 * McCune–Reischauer tradition without diacritics ("KIM Jong Un", "CHOE Ryong Hae", "RI Yong
 * Ho") and South Korean surnames in their customary spellings (Park, Lee, Choi). This adds that
 * form: customary surnames, word-initial voiceless consonants, ŏ/ŭ without breves (eo → o,
 * eu → u), final consonants as pronounced, and the given name's syllables joined or spaced.
 */

/** Customary spellings of common surnames (first syllable), Revised Romanization → lists. */
const SURNAMES: Record<string, string[]> = {
  gim: ['kim'], i: ['lee', 'ri', 'yi'], ri: ['ri', 'lee'], li: ['ri', 'lee'], bag: ['park', 'pak'], bak: ['park', 'pak'],
  choe: ['choe', 'choi'], jeong: ['jong', 'chung', 'jung'], jo: ['jo', 'cho'], gang: ['kang'], yun: ['yun', 'yoon'],
  jang: ['jang', 'chang'], im: ['im', 'lim'], han: ['han'], o: ['oh', 'o'], seo: ['so', 'suh'], sin: ['sin', 'shin'],
  gwon: ['kwon'], hwang: ['hwang'], an: ['an', 'ahn'], song: ['song'], ryu: ['ryu', 'yu'], yu: ['yu', 'yoo'], hong: ['hong'],
  jeon: ['jon', 'jeon', 'chun'], go: ['ko'], mun: ['mun', 'moon'], yang: ['yang'], son: ['son'], bae: ['pae', 'bae'],
  baek: ['paek', 'baek'], heo: ['ho', 'huh'], nam: ['nam'], sim: ['sim', 'shim'], no: ['ro', 'noh'], ha: ['ha'],
  gwak: ['kwak'], seong: ['song', 'sung'], cha: ['cha'], ju: ['ju', 'joo'], u: ['u', 'woo'], gu: ['ku', 'koo'],
  min: ['min'], jin: ['jin', 'chin'], ji: ['ji', 'chi'], eom: ['om', 'eom'], chae: ['chae'], won: ['won'],
  cheon: ['chon'], bang: ['pang', 'bang'], gong: ['kong'], hyeon: ['hyon'], ham: ['ham'], byeon: ['pyon'], yeom: ['yom'],
  yeo: ['yo'], chu: ['chu'], do: ['to', 'do'], so: ['so'], seok: ['sok'], seon: ['son', 'sun'], ma: ['ma'], gil: ['kil'],
  yeon: ['yon'], pyo: ['pyo'], wi: ['wi'], hyeong: ['hyong'], ryeom: ['ryom'], mo: ['mo'], tak: ['thak', 'tak'],
};

/** A syllable in McCune–Reischauer spelling without diacritics. */
function mrSyllable(syllable: string, initial: boolean): string {
  let s = syllable.replace(/eo/g, 'o').replace(/eu/g, 'u').replace(/ae/g, 'ae');
  // Final consonants as pronounced: RR writes 박 "bag", 학 "hag", 업 "eob", 받 "bad".
  s = s.replace(/g$/, s.endsWith('ng') ? 'g' : 'k').replace(/b$/, 'p').replace(/d$/, 't');
  if (initial) s = s.replace(/^g(?!w)/, 'k').replace(/^gw/, 'kw').replace(/^d/, 't').replace(/^b/, 'p').replace(/^j/, 'ch');
  return s;
}

/**
 * List-style romanisations of a Korean name already romanised syllable by syllable
 * ("gim jeong eun" → "kim jong un", "kim jongun", "kim chong un" …). At most four.
 */
export function koreanNameVariants(syllables: string): string[] {
  const parts = syllables.split(' ').filter(Boolean);
  if (parts.length < 2 || parts.length > 4) return [];
  const [surname, ...given] = parts;
  const surnames = SURNAMES[surname!] ?? [mrSyllable(surname!, true)];
  const givenMr = given.map((g) => mrSyllable(g, false));
  const givenSpaced = givenMr.join(' ');
  const givenJoined = givenMr.join('');
  const givenAspirated = given.map((g, i) => mrSyllable(g, i === 0)).join(' ');
  const out = new Set<string>();
  for (const s of surnames.slice(0, 2)) {
    out.add(`${s} ${givenSpaced}`);
    out.add(`${s} ${givenJoined}`);
  }
  out.add(`${surnames[0]} ${givenAspirated}`);
  return [...out].slice(0, 4);
}
