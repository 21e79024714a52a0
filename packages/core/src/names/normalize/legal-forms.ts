/**
 * @module names/normalize/legal-forms
 * Organisation legal forms ("OOO", "Pte. Ltd.", "株式会社", "s.r.o." ...) and the generic words
 * of company names ("Trading", "Group", "Holding"), so that screening can weigh them low instead
 * of letting them count as evidence (watchman #483: "11420 CORP." matched "CORP" at 100%) or
 * deleting them (a legal form still tells "Bitriver AG" from "Bitriver OOO", a little).
 *
 * Equivalent forms share one canonical code: a form, its abbreviation, its romanisations and the
 * English translation the lists use for it. OFAC writes the same Russian company as
 * "OOO X", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU X" and "LIMITED LIABILITY COMPANY X",
 * so ООО, OOO, the romanised phrase and LLC all map to 'llc' (likewise АО → 'jsc',
 * ПАО → 'pjsc', ЗАО → 'cjsc', ОАО → 'ojsc'). Distinct national forms keep their own code
 * ('gmbh', 'sro', 'ou', 'kk'); `legalFormFamily` groups codes whose translations are used
 * interchangeably (株式会社 is rendered "Co., Ltd.", ООО "Ltd"), so a matcher can treat a
 * family agreement as compatible and should make any disagreement cost little.
 *
 * Surfaces are written as the registries write them; '|' separates spelling alternatives of one
 * word (romanisation standards differ: BGN/PCGN 1947 "ogranichennoy", ICAO 9303 "ogranichennoi",
 * GOST 7.79-2000 system B "ogranichennoj"). Every surface is compiled through `asciiFold`, the
 * same fold queries go through, so "S.R.O." is the word sequence "s r o", "(株)" and "㈱" are
 * "株", and Cyrillic "й" folds to "и" on both sides.
 */
import { asciiFold } from '../fold.ts';

/**
 * Families of legal forms whose names are translated into one another in practice.
 * company: capital companies (limited liability and joint-stock alike: 株式会社 is "Co., Ltd.",
 * ООО is "LLC" or "Ltd"); partnership; sole: individual entrepreneurs and one-person
 * establishments; state: state or municipal unitary enterprises and institutions;
 * nonprofit: associations, foundations, non-commercial organisations.
 */
export type LegalFormFamily = 'company' | 'partnership' | 'sole' | 'state' | 'nonprofit';

/**
 * Where a form may stand in a name. 'edge': at the start or end (or next to another form there),
 * which is where registries put them; 'any': also in the middle (long unambiguous phrases and
 * the English words "Company", "Corporation", "Limited" that lists also use mid-name:
 * "MANAGEMENT COMPANY BITRIVER"); 'prefix' / 'suffix': only that side.
 */
export type FormPosition = 'edge' | 'any' | 'prefix' | 'suffix';

/** One group of surfaces sharing a code and the same ambiguity. */
export interface LegalFormDef {
  code: string;
  family: LegalFormFamily;
  /** Surfaces; words separated by spaces, spelling alternatives of one word by '|'. */
  forms: readonly string[];
  /** Default 'edge'. */
  pos?: FormPosition;
  /**
   * The surface is also an ordinary name token ("Ip" is a Cantonese surname, "Ou" a Chinese
   * one, "S A" a Russian name's initials "Petrov S. A."): only a legal form when the caller
   * says the name is an organisation or the name carries another legal form or generic word.
   */
  weak?: boolean;
}

const C = 'company' as const;
const P = 'partnership' as const;
const S = 'sole' as const;
const ST = 'state' as const;
const N = 'nonprofit' as const;

// Romanised Russian words, with the BGN/PCGN, ICAO 9303 and GOST 7.79 (B) spellings OFAC and
// passports produce (and the apostrophe-free forms asciiFold leaves of "otvetstvennost'yu").
const OBSHCHESTVO = 'obshchestvo|obshestvo|obschestvo|obshhestvo|obshchestva';
const S_ = 's|so';
// The last ones are misspellings OFAC itself publishes ("Ogrannichennoi", "Otvestvennostyu").
const OGRANICHENNOY = 'ogranichennoy|ogranichennoi|ogranichennoj|ogranichenoy|ogranichenoi|ogranichennoyu|ogrannichennoi|ogrannichenoy|ogrannichennoy';
const OTVETSTVENNOSTYU = 'otvetstvennostyu|otvetstvennostiu|otvetstvennostju|otvetstvennostu|otvetstvennost|otvetstvenostyu|otvetstvennostiyu|otvestvennostyu|otvetstsvennostyu';
const AKTSIONERNOE = 'aktsionernoe|aktsionernoye|aktsionernoie|akcionernoe|aktcionernoe|aktsyonernoe|aktsionernoj|aktsionerne';
const JOINT_STOCK = ['joint stock', 'joint-stock', 'jointstock'];
const jsPhrases = (pre: string): string[] =>
  JOINT_STOCK.flatMap((js) => [`${pre}${js} company`, `${pre}${js} co`, `${pre}${js} co.`, `${pre}${js} companies`]);

/**
 * The legal-form table. Sources per jurisdiction are cited on each block; codes are the
 * English-translation code where the lists translate the form (Russia/CIS), else the national
 * abbreviation.
 */
export const LEGAL_FORMS: readonly LegalFormDef[] = [
  // ── Russia (Civil Code of the RF arts. 66.3, 87, 96–97; Federal Law 14-FZ on LLCs; 208-FZ on
  // JSCs; 99-FZ of 05.05.2014 replaced ОАО/ЗАО by ПАО/АО and introduced НАО). Belarus and
  // Kazakhstan use the same Russian abbreviations; Ukraine its own (Civil Code of Ukraine; Law
  // 2275-VIII on LLCs; Law 514-VI on JSCs, ПАТ/ПрАТ replacing ВАТ/ЗАТ).
  {
    code: 'llc', family: C, pos: 'any',
    forms: [
      'общество с|c ограниченной ответственностью', `${OBSHCHESTVO} ${S_} ${OGRANICHENNOY} ${OTVETSTVENNOSTYU}`,
      'limited liability company', 'limited liability co', 'limited liability co.', 'limited liability corporation',
      'товариство з обмеженою відповідальністю', 'tovarystvo z obmezhenoiu vidpovidalnistiu',
      'l.l.c.', 'l l c',
    ],
  },
  // The bare abbreviations: Russian/Belarusian ООО (and the ИООО/СООО of foreign- and joint-owned
  // Belarusian LLCs), Ukrainian ТОВ, Kyrgyz ОсОО / ЖЧК, Uzbek MChJ (mas'uliyati cheklangan
  // jamiyat, Law on LLCs 2001), Azerbaijani MMC (Civil Code), Tajik ҶДММ, Armenian ՍՊԸ (Law on
  // LLCs), Georgian შპს (Law on Entrepreneurs 2021), Arabic ش.ذ.م.م / ذ.م.م (UAE Decree-Law
  // 32/2021: شركة ذات مسؤولية محدودة) and ش.م.م (Lebanon: SARL), Vietnamese TNHH (Law on
  // Enterprises 2020: trách nhiệm hữu hạn), Chinese 有限责任公司 (Company Law art. 7).
  {
    code: 'llc', family: C,
    forms: [
      'ооо', 'ooo', 'o.o.o.', 'иооо', 'сооо', 'llc', 'тов', 'осоо', 'osoo', 'жчк', 'mchj', 'мчж', 'mmc', 'ммс', 'ҷдмм',
      'սպը', 'შპს', 'shps', 'ش.ذ.م.م', 'ذ.م.م', 'ش.م.م', 'tnhh', 'công ty tnhh', '有限责任公司', '有限責任公司',
    ],
  },
  {
    code: 'jsc', family: C, pos: 'any',
    forms: [
      'акционерное общество', `${AKTSIONERNOE} ${OBSHCHESTVO}`, ...jsPhrases(''), 'joint stock', 'joint-stock',
      'акціонерне товариство', 'aktsionerne tovarystvo', 'công ty cổ phần', 'cong ty co phan',
    ],
  },
  // АО (Russia), АТ (Ukraine), АҚ (Kazakh: акционерлік қоғам), AJ (Uzbek aksiyadorlik jamiyati),
  // სს (Georgia), АКБ / AKB / JSCB (акционерный коммерческий банк, "joint-stock commercial bank":
  // the bank part is kept apart only in the spelled-out form, where "bank" stays a name word).
  { code: 'jsc', family: C, forms: ['ао', 'ao', 'jsc', 'j.s.c.', 'ат', 'аҡ', 'ақ', 'სს', 'акб', 'akb', 'jscb'] },
  // Also ordinary name tokens: Pat, Tov (Siman Tov), Prat, Nao and Ano (Japanese names), Odo.
  { code: 'jsc', family: C, weak: true, forms: ['aj'] },
  { code: 'llc', family: C, weak: true, forms: ['tov'] },
  { code: 'cjsc', family: C, weak: true, forms: ['prat'] },
  { code: 'njsc', family: C, weak: true, forms: ['nao'] },
  { code: 'ano', family: N, weak: true, forms: ['ano'] },
  { code: 'odo', family: C, weak: true, forms: ['odo'] },
  {
    code: 'pjsc', family: C, pos: 'any',
    forms: [
      'публичное акционерное общество', `publichnoe|publichnoye|publichnoie ${AKTSIONERNOE} ${OBSHCHESTVO}`, ...jsPhrases('public '),
      'публічне акціонерне товариство',
    ],
  },
  // ПАТ (Ukraine); PJSC also in the UAE (Decree-Law 32/2021), Arabic ش.م.ع (شركة مساهمة عامة).
  { code: 'pjsc', family: C, forms: ['пао', 'pjsc', 'пат', 'ش.م.ع'] },
  { code: 'pjsc', family: C, weak: true, forms: ['pat', 'pao'] },
  {
    code: 'ojsc', family: C, pos: 'any',
    forms: ['открытое акционерное общество', `otkrytoe|otkrytoye|otkrytoie|otkrytoj ${AKTSIONERNOE} ${OBSHCHESTVO}`, ...jsPhrases('open ')],
  },
  // ВАТ (Ukraine), Armenian ԲԲԸ (բաց բաժնետիրական ընկերություն), Azerbaijani ASC.
  { code: 'ojsc', family: C, forms: ['оао', 'oao', 'ojsc', 'o.j.s.c.', 'ват', 'բբը', 'asc'] },
  {
    code: 'cjsc', family: C, pos: 'any',
    forms: [
      'закрытое акционерное общество', `zakrytoe|zakrytoye|zakrytoie|zakrytoj ${AKTSIONERNOE} ${OBSHCHESTVO}`, ...jsPhrases('closed '),
      // Ukraine's private JSC (приватне акціонерне товариство) replaced the closed JSC in 2009.
      'приватне акціонерне товариство', ...jsPhrases('private '),
    ],
  },
  // ЗАТ / ПрАТ (Ukraine), Armenian ՓԲԸ, Azerbaijani QSC, Arabic ش.م.خ (شركة مساهمة خاصة).
  { code: 'cjsc', family: C, forms: ['зао', 'zao', 'cjsc', 'c.j.s.c.', 'зат', 'прат', 'փբը', 'qsc', 'ش.م.خ'] },
  // НАО: Russian "non-public JSC" (99-FZ) and, in Kazakhstan, "non-commercial JSC"; both joint-stock.
  {
    code: 'njsc', family: C,
    forms: ['нао', 'njsc', 'непубличное акционерное общество', `nepublichnoe|nepublichnoye ${AKTSIONERNOE} ${OBSHCHESTVO}`, ...jsPhrases('non-public '), ...jsPhrases('non public ')],
  },
  // ОДО: additional-liability company (Belarus, Ukraine; Civil Code of Belarus art. 46).
  { code: 'odo', family: C, forms: ['одо', 'общество с|c дополнительной ответственностью', `${OBSHCHESTVO} ${S_} dopolnitelnoy|dopolnitelnoi ${OTVETSTVENNOSTYU}`] },
  // Belarusian-language forms (Civil Code of Belarus): ТАА таварыства з абмежаванай
  // адказнасцю (LLC), ААТ адкрытае акцыянернае таварыства (OJSC), ЗАТ (CJSC).
  { code: 'llc', family: C, forms: ['таа', 'taa', 'таварыства з абмежаванай адказнасцю'] },
  { code: 'ojsc', family: C, forms: ['аат', 'aat', 'адкрытае акцыянернае таварыства'] },
  // Kazakhstan: ТОО / ЖШС (Law on LLPs and ALPs 1998); the official English is "LLP", so ТОО and
  // the UK LLP (LLP Act 2000) share 'llp'. Japan's 有限責任事業組合 (LLP Act 2005) likewise.
  {
    code: 'llp', family: C, pos: 'any',
    forms: [
      'товарищество с|c ограниченной ответственностью', `tovarishchestvo|tovarishestvo|tovarischestvo ${S_} ${OGRANICHENNOY} ${OTVETSTVENNOSTYU}`,
      'limited liability partnership', '有限責任事業組合',
    ],
  },
  { code: 'llp', family: C, forms: ['тоо', 'too', 'жшс', 'llp', 'l.l.p.'] },
  // Individual entrepreneurs: ИП (Civil Code of the RF art. 23; Kazakhstan), ФОП (Ukraine),
  // ЧП (Belarus/Ukraine private enterprise, often one person). "IP" alone is also a Cantonese
  // surname (Ip Man): weak.
  {
    code: 'ip', family: S,
    forms: ['ип', 'индивидуальный предприниматель', 'individualnyy|individualnyi|individualnyj|individualny predprinimatel', 'individual entrepreneur', 'фоп', 'fop', 'чп'],
  },
  { code: 'ip', family: S, weak: true, forms: ['ip', 'chp'] },
  // Unitary enterprises (Federal Law 161-FZ of 14.11.2002) and federal budgetary institutions
  // (Federal Law 7-FZ): FGUP is written "FSUE" in OFAC's English ("FSUE NPP Gamma").
  {
    code: 'fgup', family: ST, pos: 'any',
    forms: [
      'фгуп', 'fgup', 'fsue', 'федеральное государственное унитарное предприятие',
      'federalnoe|federalnoye gosudarstvennoe|gosudarstvennoye unitarnoe|unitarnoye predpriyatie|predpriiatie|predprijatie',
      'federal state unitary enterprise', 'fse', 'federal state enterprise', 'federal sue',
    ],
  },
  {
    code: 'gup', family: ST, pos: 'any',
    forms: ['гуп', 'gup', 'state enterprise', 'государственное предприятие', 'державне підприємство', 'государственное унитарное предприятие', 'gosudarstvennoe|gosudarstvennoye unitarnoe|unitarnoye predpriyatie|predpriiatie|predprijatie', 'state unitary enterprise'],
  },
  { code: 'mup', family: ST, forms: ['муп', 'mup', 'муниципальное унитарное предприятие', 'municipal unitary enterprise'] },
  { code: 'up', family: ST, forms: ['уп', 'унитарное предприятие', 'unitary enterprise'] },
  // Belarus: private unitary enterprise (Civil Code of Belarus art. 113).
  { code: 'chup', family: S, forms: ['чуп', 'chup', 'частное унитарное предприятие', 'private unitary enterprise'] },
  { code: 'fgbu', family: ST, pos: 'any', forms: ['фгбу', 'fgbu', 'федеральное государственное бюджетное учреждение', 'federalnoe|federalnoye gosudarstvennoe|gosudarstvennoye byudzhetnoe|byudzhetnoye|biudzhetnoe uchrezhdenie', 'federal state budgetary institution'] },
  // Non-commercial organisations (Federal Law 7-FZ of 12.01.1996).
  { code: 'ano', family: N, forms: ['ано', 'автономная некоммерческая организация', 'avtonomnaya|avtonomnaia nekommercheskaya|nekommercheskaia organizatsiya|organizatsiia', 'autonomous non-profit organization|organisation', 'autonomous nonprofit organization|organisation'] },
  { code: 'npo', family: N, forms: ['нко', 'nko', 'некоммерческая организация', 'non-profit organization|organisation', 'nonprofit organization|organisation', 'non-commercial organization|organisation'] },

  // ── Estonia (Äriseadustik §2): OÜ osaühing, AS aktsiaselts, FIE sole trader; MTÜ non-profit.
  // asciiFold makes "OÜ" and the Chinese surname "Ou" one word; OÜ follows the company name,
  // while list persons are written "OU, Wei": suffix only.
  { code: 'ou', family: C, pos: 'suffix', forms: ['oü', 'osaühing'] },
  { code: 'as', family: C, forms: ['aktsiaselts'] },
  { code: 'fie', family: S, forms: ['fie'] },
  { code: 'mtu', family: N, forms: ['mtü', 'mittetulundusühing'] },
  // ── Latvia (Komerclikums): SIA, AS. "Sia" is also a given name: weak.
  { code: 'sia', family: C, pos: 'any', forms: ['sabiedrība ar ierobežotu atbildību'] },
  { code: 'sia', family: C, weak: true, forms: ['sia'] },
  { code: 'as', family: C, forms: ['akciju sabiedrība'] },
  // ── Lithuania (Law on Companies): UAB private, AB public; MB small partnership; VšĮ public institution.
  { code: 'uab', family: C, forms: ['uab', 'uždaroji akcinė bendrovė'] },
  { code: 'ab', family: C, forms: ['akcinė bendrovė', 'aktiebolag', 'aktiebolaget'] },
  { code: 'ab', family: C, weak: true, forms: ['ab'] },
  { code: 'mb', family: P, weak: true, forms: ['mb'] },
  { code: 'vsi', family: N, forms: ['všį'] },
  // ── Czechia (Act 90/2012 §132, §243) and Slovakia: s.r.o. / spol. s r.o., a.s.
  { code: 'sro', family: C, forms: ['s.r.o.', 'sro', 'spol. s r.o.', 'společnost s ručením omezeným', 'spoločnosť s ručením obmedzeným'] },
  // a.s. (Czech/Slovak akciová společnost), A.Ş. (Turkish anonim şirket, TTK 6102), AS (Estonia,
  // Latvia, Norway aksjeselskap), A/S (Denmark aktieselskab): joint-stock companies, one code.
  // Bare "as" is an English word and the Arabic article (As-Sahab): suffix only.
  { code: 'as', family: C, forms: ['akciová společnost', 'akciová spoločnosť', 'anonim şirketi', 'anonim sirket', 'aksjeselskap', 'aktieselskab'] },
  { code: 'as', family: C, pos: 'suffix', forms: ['as', 'asa'] },
  { code: 'as', family: C, pos: 'suffix', weak: true, forms: ['a.s.', 'a.ş.', 'a/s'] },
  // ── Poland (Kodeks spółek handlowych arts. 160, 305).
  { code: 'spzoo', family: C, pos: 'any', forms: ['sp. z o.o.', 'sp. z oo', 'spółka z ograniczoną odpowiedzialnością', 'spzoo'] },
  { code: 'sa', family: C, forms: ['spółka akcyjna'] },
  // ── Hungary (Civil Code Book 3): Kft., Zrt., Nyrt., Bt.
  { code: 'kft', family: C, forms: ['kft', 'kft.', 'korlátolt felelősségű társaság'] },
  { code: 'zrt', family: C, forms: ['zrt', 'zrt.'] },
  { code: 'nyrt', family: C, forms: ['nyrt', 'nyrt.'] },
  // ── Former Yugoslavia (company acts of Serbia, Croatia, Slovenia, BiH, Montenegro, N. Macedonia).
  { code: 'doo', family: C, forms: ['d.o.o.', 'д.о.о.', 'društvo s|sa ograničenom odgovornošću', 'dooel', 'дооел'] },
  { code: 'doo', family: C, pos: 'suffix', weak: true, forms: ['doo'] },
  { code: 'dd', family: C, pos: 'suffix', forms: ['d.d.', 'dd'] },
  // ── Bulgaria (Търговски закон art. 64): ЕООД, ООД, ЕАД, АД, ЕТ. АД is also Serbian/Macedonian a.d.
  { code: 'eood', family: C, forms: ['еоод', 'eood', 'еднолично дружество с|c ограничена отговорност'] },
  { code: 'ood', family: C, forms: ['оод', 'ood', 'дружество с|c ограничена отговорност'] },
  { code: 'ead', family: C, forms: ['еад', 'ead'] },
  { code: 'ad', family: C, pos: 'suffix', forms: ['ад', 'ad', 'a.d.', 'а.д.'] },
  { code: 'et', family: S, pos: 'prefix', forms: ['ет'] },
  // ── Romania, Moldova, Italy, Mexico (S. de R.L.): società/societate a responsabilità limitata.
  { code: 'srl', family: C, forms: ['s.r.l.', 'srl', 'societate cu răspundere limitată', 'società a responsabilità limitata', 's. de r.l.', 's. de r.l. de c.v.', 's de rl de cv', 'sociedad de responsabilidad limitada de capital variable'] },
  // Mexico (Ley Agraria: sociedad de producción rural, of limited or unlimited liability, with
  // or without variable capital), Colombia S.C.S. / S. en C. (sociedad en comandita simple),
  // Peru E.I.R.L. (empresa individual de responsabilidad limitada), Belgium A.S.B.L. (non-profit).
  { code: 'spr', family: C, forms: ['s. de p.r. de r.l.', 's.p.r. de r.l.', 's. de p.r. de r.l. de c.v.', 's.p.r. de r.l. de c.v.', 's.p.r. de r.i.', 's. de p.r. de r.i.', 's.p.r. de r.i. de c.v.'] },
  { code: 'scs', family: P, pos: 'suffix', forms: ['s.c.s.', 's. en c.', 's en c', 's. en c.s.'] },
  { code: 'sc', family: P, pos: 'suffix', weak: true, forms: ['s.c.'] },
  { code: 'eirl', family: S, pos: 'suffix', forms: ['e.i.r.l.', 'eirl'] },
  { code: 'asbl', family: N, pos: 'suffix', forms: ['a.s.b.l.', 'asbl', 'vzw', 'v.z.w.'] },
  { code: 'spa', family: C, forms: ['s.p.a.', 'società per azioni'] },
  { code: 'spa', family: C, pos: 'suffix', weak: true, forms: ['spa'] },
  // ── German-speaking (GmbHG §4, §5a; AktG §4; HGB §19; Swiss OR art. 950).
  { code: 'gmbh', family: C, pos: 'any', forms: ['gmbh', 'g.m.b.h.', 'gesellschaft mit beschränkter haftung', 'ges.m.b.h.', 'gesmbh'] },
  { code: 'ag', family: C, forms: ['aktiengesellschaft'] },
  // Tuareg names carry "ag" (son of) at the end: "Iyad ag Ghali" is listed "GHALI, Iyad ag".
  { code: 'ag', family: C, pos: 'suffix', weak: true, forms: ['ag', 'a.g.'] },
  { code: 'ug', family: C, pos: 'suffix', forms: ['ug', 'ug (haftungsbeschränkt)'] },
  // A GmbH & Co. KG is a KG whose general partner is a GmbH: one span, code 'kg'.
  { code: 'kg', family: P, pos: 'suffix', forms: ['kg', 'gmbh & co. kg', 'gmbh co kg', 'ag & co. kg', 'kommanditgesellschaft'] },
  { code: 'ohg', family: P, pos: 'suffix', forms: ['ohg', 'offene handelsgesellschaft'] },
  { code: 'ev', family: N, pos: 'suffix', forms: ['e.v.', 'eingetragener verein'] },
  // ── French-speaking (Code de commerce L223-1, L225-1, L227-1; Belgian CSA; Lebanon SAL;
  // Venezuela C.A. compañía anónima) and Spanish/Portuguese (LSC art. 1; LGSM Mexico; Lda./Ltda.).
  { code: 'sa', family: C, pos: 'suffix', forms: ['société anonyme', 'sociedad anónima', 'sociedade anónima|anônima', 's.a. de c.v.', 'sa de cv', 's.a.b. de c.v.', 's.a.l.', 'c.a.', 'compañía anónima', 's.a.c.', 's.a.a.'] },
  // Bare "SA" ends "Khun Sa"; "Sal" is a given name.
  { code: 'sa', family: C, pos: 'suffix', weak: true, forms: ['s.a.', 'sa', 'sal'] },
  { code: 'sa', family: C, pos: 'prefix', weak: true, forms: ['s.a.', 'sa'] },
  { code: 'sarl', family: C, forms: ['sarl', 's.a.r.l.', 'sàrl', 'société à responsabilité limitée', 'sprl', 's.p.r.l.'] },
  { code: 'sas', family: C, forms: ['s.a.s.', 'sasu', 'société par actions simplifiée', 'eurl', 'e.u.r.l.'] },
  { code: 'sas', family: C, pos: 'suffix', weak: true, forms: ['sas'] },
  { code: 'sl', family: C, pos: 'suffix', forms: ['s.l.', 'sl', 's.l.u.', 'slu', 'sociedad limitada', 'sociedad de responsabilidad limitada'] },
  { code: 'ltda', family: C, pos: 'suffix', forms: ['ltda', 'ltda.', 'lda', 'lda.', 'limitada'] },
  { code: 'snc', family: P, pos: 'suffix', forms: ['snc', 's.n.c.', 'société en nom collectif'] },
  // ── Benelux (BW 2:64, 2:175; Belgian CSA 2019: BV replaced BVBA).
  { code: 'bv', family: C, pos: 'suffix', forms: ['b.v.', 'bv', 'bvba', 'b.v.b.a.', 'besloten vennootschap'] },
  { code: 'nv', family: C, pos: 'suffix', forms: ['n.v.', 'nv', 'naamloze vennootschap'] },
  // ── Nordic (Aktiebolagslag; selskabsloven: ApS; osakeyhtiölaki: Oy, Oyj; Iceland ehf.).
  { code: 'aps', family: C, pos: 'suffix', forms: ['aps', 'anpartsselskab'] },
  { code: 'oy', family: C, pos: 'suffix', forms: ['oy', 'oyj', 'osakeyhtiö'] },
  { code: 'ehf', family: C, pos: 'suffix', forms: ['ehf', 'ehf.'] },
  { code: 'se', family: C, pos: 'suffix', weak: true, forms: ['se', 'societas europaea'] },
  // ── English-speaking: UK Companies Act 2006 ss.58–59 (Limited/Ltd, PLC), LLP Act 2000, Ireland
  // Companies Act 2014 (DAC), Cyprus Cap. 113 and Hong Kong Cap. 622 s.100 ("Limited"),
  // Australia Corporations Act s.148 (Pty Ltd), US state statutes (Delaware GCL §102(a)(1) lists
  // "company, corporation, incorporated, limited" and their abbreviations).
  // "Co., Ltd." is one form (the English of 有限公司, 株式会社, 주식회사), so one span.
  {
    code: 'ltd', family: C, pos: 'any',
    forms: ['ltd', 'ltd.', 'limited', 'co. ltd.', 'co ltd', 'co., ltd.', 'company limited', 'company ltd', 'co limited', 'ltd co', 'ltd. şti.', 'limited şirketi', 'ltd sti', '有限公司'],
  },
  { code: 'plc', family: C, pos: 'any', forms: ['plc', 'p.l.c.', 'public limited company', 'public company limited', 'public co ltd', 'public co., ltd.'] },
  { code: 'pty', family: C, pos: 'suffix', forms: ['pty ltd', 'pty. ltd.', 'pty limited', 'proprietary limited', 'pty'] },
  { code: 'lp', family: P, pos: 'any', forms: ['limited partnership', 'l.p.'] },
  { code: 'lp', family: P, pos: 'suffix', weak: true, forms: ['lp'] },
  { code: 'dac', family: C, pos: 'suffix', forms: ['dac', 'designated activity company'] },
  { code: 'inc', family: C, pos: 'any', forms: ['inc', 'inc.', 'incorporated'] },
  { code: 'corp', family: C, pos: 'any', forms: ['corp', 'corp.', 'corporation'] },
  // "Company" is as generic as "Corp": a legal-form word of its own, anywhere in the name.
  // Persian شرکت / "sherkat" and Arabic شركة are the same word; Chinese 公司 likewise.
  { code: 'co', family: C, pos: 'any', forms: ['co', 'co.', 'company', 'companies', 'cía.', 'cia', 'compañía', 'compagnie', 'cie', 'شرکت', 'شركة', 'sherkat|shirkat|sharikat|sharika|sherkate', '公司'] },
  // ── Singapore (Companies Act 1967 s.27: "Private Limited"/"Pte. Ltd."), India (Companies Act
  // 2013 s.2(68): "Private Limited"/"Pvt. Ltd."), Malaysia (Companies Act 2016: Sdn. Bhd.).
  { code: 'pte', family: C, pos: 'any', forms: ['pte ltd', 'pte. ltd.', 'pte limited', 'private limited', 'pvt ltd', 'pvt. ltd.', 'private ltd', 'pte', 'pvt'] },
  { code: 'sdnbhd', family: C, pos: 'suffix', forms: ['sdn bhd', 'sdn. bhd.', 'sendirian berhad'] },
  { code: 'bhd', family: C, pos: 'suffix', forms: ['bhd', 'berhad'] },
  // ── Indonesia (UU 40/2007: PT Perseroan Terbatas, Tbk listed), Thailand ("Public Company Limited" above).
  { code: 'pt', family: C, pos: 'prefix', forms: ['pt', 'p.t.', 'perseroan terbatas'] },
  { code: 'tbk', family: C, pos: 'suffix', forms: ['tbk', 'tbk.'] },
  // ── UAE and the Gulf: free-zone forms (JAFZA/DAFZA FZE and FZCO, Sharjah/RAK FZC, FZ-LLC of
  // Dubai Internet City; DMCC Company Regulations: the "DMCC" suffix; Arabic م.م.ح "free zone
  // establishment", ش.م.ح "free zone company", م.د.م.س DMCC), Bahrain/Qatar W.L.L.,
  // Oman/Bahrain SPC; "Est." (مؤسسة, a one-owner establishment).
  { code: 'fze', family: C, pos: 'any', forms: ['fze', 'f.z.e.', 'free zone establishment', 'م.م.ح'] },
  { code: 'fzco', family: C, pos: 'any', forms: ['fzco', 'f.z.co.', 'fzc', 'f.z.c.', 'free zone company', 'ش.م.ح'] },
  { code: 'fzllc', family: C, pos: 'any', forms: ['fz-llc', 'fz llc', 'fz l.l.c.'] },
  { code: 'dmcc', family: C, pos: 'any', forms: ['dmcc', 'dmcc branch', 'dmcest', 'م.د.م.س'] },
  { code: 'wll', family: C, pos: 'suffix', forms: ['wll', 'w.l.l.', 'with limited liability'] },
  { code: 'spc', family: C, pos: 'suffix', weak: true, forms: ['spc', 's.p.c.'] },
  { code: 'est', family: S, pos: 'suffix', weak: true, forms: ['est', 'est.', 'establishment'] },

  // ── Japan: Companies Act (会社法, 2005) arts. 2(1) and 6(2) require 株式会社, 合名会社,
  // 合資会社 or 合同会社 in the trade name; 特例有限会社 keep 有限会社 (整備法 art. 3). Other
  // 法人 types from their own acts (一般社団・財団法人法, 特定非営利活動促進法, 私立学校法,
  // 医療法, 社会福祉法, 宗教法人法, 独立行政法人通則法). Parenthesised one-character
  // abbreviations ((株), ㈱, (有), (同)...) are the conventional short forms.
  { code: 'kk', family: C, pos: 'any', forms: ['株式会社', '株式會社', 'kabushiki kaisha|gaisha', 'kabushikikaisha', 'kabushikigaisha', '주식회사'] },
  // One-character abbreviations lose their parentheses in asciiFold and other than 株 are also
  // surnames (Korean 주, Chinese 宗, 福, 有): the classifier treats them as ambiguous.
  { code: 'kk', family: C, forms: ['(株)', '(주)', 'k.k.', 'kk'] },
  { code: 'yk', family: C, pos: 'any', forms: ['有限会社', 'yugen|yuugen|yuhgen kaisha|gaisha', '유한회사', '有限會社'] },
  { code: 'yk', family: C, forms: ['(有)', 'y.k.', 'yk'] },
  { code: 'gk', family: C, pos: 'any', forms: ['合同会社', 'godo|goudou|godou|gohdoh kaisha|gaisha', '유한책임회사'] },
  { code: 'gk', family: C, forms: ['(同)', 'g.k.', 'gk'] },
  { code: 'goshi', family: P, pos: 'any', forms: ['合資会社', 'goshi|goushi kaisha|gaisha', '합자회사'] },
  { code: 'goshi', family: P, forms: ['(資)'] },
  { code: 'gomei', family: P, pos: 'any', forms: ['合名会社', 'gomei|goumei kaisha|gaisha', '합명회사'] },
  { code: 'gomei', family: P, forms: ['(名)'] },
  { code: 'ippan-shadan', family: N, pos: 'any', forms: ['一般社団法人', '(一社)', 'ippan shadan hojin|houjin'] },
  { code: 'ippan-zaidan', family: N, pos: 'any', forms: ['一般財団法人', '(一財)', 'ippan zaidan hojin|houjin'] },
  { code: 'koeki-shadan', family: N, pos: 'any', forms: ['公益社団法人', '(公社)', 'koeki|koueki shadan hojin|houjin'] },
  { code: 'koeki-zaidan', family: N, pos: 'any', forms: ['公益財団法人', '(公財)', 'koeki|koueki zaidan hojin|houjin'] },
  { code: 'npo', family: N, pos: 'any', forms: ['特定非営利活動法人', 'npo法人', '(特非)', 'npo hojin|houjin'] },
  { code: 'gakko-hojin', family: N, pos: 'any', forms: ['学校法人', '(学)'] },
  { code: 'iryo-hojin', family: N, pos: 'any', forms: ['医療法人', '(医)'] },
  { code: 'fukushi-hojin', family: N, pos: 'any', forms: ['社会福祉法人', '(福)'] },
  { code: 'shukyo-hojin', family: N, pos: 'any', forms: ['宗教法人', '(宗)'] },
  { code: 'dokuritsu-hojin', family: ST, pos: 'any', forms: ['独立行政法人', '(独)', '国立研究開発法人'] },
  // ── China (Company Law art. 7): 股份有限公司 company limited by shares.
  { code: 'jsc', family: C, pos: 'any', forms: ['股份有限公司'] },
];

/**
 * Generic words of organisation names: weighed low (they are shared by thousands of unrelated
 * companies: 81 OFAC names end in "Trading", 255 in "Group") but not zero, because "Global" in
 * "Global Trading FZE" still has to be there. Kept modest on purpose: words naming an industry
 * ("Petroleum", "Airlines", "Refinery"), a kind of institution ("Bank", "Fund", "University")
 * or a place stay name words, since "Bank Melli" and "Melli" are not the same party. "Shipping"
 * is the exception: it ends hundreds of IRISL-network names that share nothing else. The
 * canonical is the English word, so the Russian, Turkish and Japanese forms align with it.
 */
export interface OrgWordDef {
  canonical: string;
  forms: readonly string[];
}

// Russian adjectives agree with their noun; the lists carry all genders, in Cyrillic and romanised.
export const ORG_WORDS: readonly OrgWordDef[] = [
  { canonical: 'trade', forms: ['trade', 'trading', 'traders', 'торговый|торговая|торговое|торговые', 'torgovyy|torgovyi|torgovy|torgovij|torgovaya|torgovaia|torgovaja|torgovoe|torgovoye', 'трейд', 'treyd|treid', 'трейдинг', 'treyding|treiding', 'ticaret', 'dis ticaret', 'tejaret', '貿易', '贸易', '商事', 'トレーディング'] },
  { canonical: 'trading house', forms: ['trading house', 'торговый дом', 'torgovyy|torgovyi|torgovy dom', 'тд'] },
  { canonical: 'group', forms: ['group', 'groups', 'group of companies', 'группа', 'gruppa', 'группа компаний', 'gruppa kompaniy|kompanii', 'групп', 'grupp', 'grup', 'grupo', 'gruppe', 'グループ', '集团', '集團'] },
  { canonical: 'holding', forms: ['holding', 'holdings', 'холдинг', 'kholding|holding', 'ホールディングス', '控股'] },
  { canonical: 'international', forms: ['international', 'intl', 'международный|международная|международное', 'mezhdunarodnyy|mezhdunarodnyi|mezhdunarodnaya|mezhdunarodnaia|mezhdunarodnoe|mezhdunarodnoye', 'uluslararasi', 'インターナショナル', '国际', '國際'] },
  { canonical: 'industry', forms: ['industries', 'industry', 'industrial', 'промышленный|промышленная|промышленное', 'promyshlennyy|promyshlennaya|promyshlennoe', 'sanayi', 'sanayi ve ticaret', '産業', '实业', '實業'] },
  { canonical: 'investment', forms: ['investment', 'investments', 'invest', 'инвест', 'инвестиционная|инвестиционный|инвестиционное', 'investitsionnaya|investitsionnyy|investitsionnoe', 'yatirim', '投资', '投資'] },
  { canonical: 'import', forms: ['import', 'импорт', 'ithalat'] },
  { canonical: 'export', forms: ['export', 'экспорт', 'eksport', 'ihracat'] },
  { canonical: 'import export', forms: ['import export', 'import & export', 'import and export', 'import-export', 'imp exp', 'ithalat ihracat'] },
  { canonical: 'general', forms: ['general'] },
  { canonical: 'general trading', forms: ['general trading'] },
  { canonical: 'service', forms: ['services', 'service', 'сервис', 'servis', 'hizmetleri', 'サービス'] },
  { canonical: 'enterprise', forms: ['enterprises', 'enterprise'] },
  { canonical: 'global', forms: ['global', 'глобал'] },
  { canonical: 'technology', forms: ['technologies', 'technology', 'tech', 'технологии', 'tekhnologii|tehnologii', 'teknoloji', 'テクノロジー', 'テクノロジーズ', '科技'] },
  { canonical: 'solutions', forms: ['solutions', 'solution', 'ソリューションズ'] },
  { canonical: 'management', forms: ['management', 'управляющая компания', 'upravlyayushchaya|upravliaiushchaia|upravlyayushaya kompaniya|kompaniia', 'управляющая', 'upravlyayushchaya'] },
  { canonical: 'logistics', forms: ['logistics', 'логистика', 'logistika', 'lojistik'] },
  { canonical: 'shipping', forms: ['shipping'] },
  { canonical: 'foundation', forms: ['foundation', 'фонд', 'fond', 'stiftung', 'stichting', 'bonyad'] },
  { canonical: 'capital', forms: ['capital', 'капитал', 'kapital'] },
  { canonical: 'partners', forms: ['partners'] },
  { canonical: 'consulting', forms: ['consulting', 'consultancy', 'консалтинг', 'konsalting'] },
  { canonical: 'systems', forms: ['systems', 'системы', 'sistemy'] },
  { canonical: 'development', forms: ['development'] },
  { canonical: 'commercial', forms: ['commercial', 'коммерческий|коммерческая', 'kommercheskiy|kommercheskaya'] },
  // Russian research-and-production designations (научно-производственное объединение /
  // предприятие / комплекс, НИИ, КБ): "AO NPO Splav". NPO here is not "non-profit".
  { canonical: 'npo', forms: ['нпо', 'npo', 'нпп', 'npp', 'нпк', 'npk', 'нии', 'nii', 'окб', 'okb', 'nauchno proizvodstvennoe|proizvodstvennoye obedinenie|obyedinenie|predpriyatie'] },
  { canonical: 'company', forms: ['компания', 'kompaniya|kompaniia|kompanija'] },
];

/** Every surface of a def, spelling alternatives expanded, as asciiFold word sequences. */
export function expandSurface(surface: string): string[][] {
  let variants: string[] = [''];
  for (const word of surface.split(' ')) {
    const alts = word.split('|');
    const next: string[] = [];
    for (const v of variants) for (const a of alts) next.push(v ? `${v} ${a}` : a);
    variants = next;
  }
  const out: string[][] = [];
  for (const v of variants) {
    const folded = asciiFold(v);
    if (folded) out.push(folded.split(' '));
  }
  return out;
}

// ── Lookup tables, built once at module load.

const FAMILY = new Map<string, LegalFormFamily>();
/** Whole folded string → code (legalFormCode); the first def listing a phrase wins. */
const PHRASE_CODE = new Map<string, string>();
for (const def of LEGAL_FORMS) {
  FAMILY.set(def.code, def.family);
  for (const surface of def.forms) {
    for (const words of expandSurface(surface)) {
      const key = words.join(' ');
      if (!PHRASE_CODE.has(key)) PHRASE_CODE.set(key, def.code);
    }
  }
}

/**
 * The canonical code of a string that is, as a whole, a legal form; undefined otherwise.
 * Ambiguous short forms ("AS", "IP") are accepted here: the caller is asking about the string
 * alone. Words around it are not skipped (use `classifyTokens` for whole names).
 * @example legalFormCode('OOO') // 'llc'
 * @example legalFormCode('Obshchestvo s Ogranichennoy Otvetstvennost\'yu') // 'llc'
 * @example legalFormCode('Pte. Ltd.') // 'pte'
 * @example legalFormCode('㈱') // 'kk'
 */
export function legalFormCode(text: string): string | undefined {
  return PHRASE_CODE.get(asciiFold(text));
}

/**
 * The family of a legal-form code (see `LegalFormFamily`), undefined for an unknown code.
 * @example legalFormFamily('kk') === legalFormFamily('ltd') // true: 株式会社 is "Co., Ltd."
 */
export function legalFormFamily(code: string): LegalFormFamily | undefined {
  return FAMILY.get(code);
}

// ── Japanese (and Chinese/Korean) forms written solid with the name: 株式会社ビットリバー.

/**
 * Forms that stand attached before or after a CJK name, longest first so 特定非営利活動法人
 * wins over 法人-less prefixes. Includes the Zengin (全国銀行協会) bank-transfer abbreviations
 * Japanese account names use in half-width katakana: "ｶ)ﾋﾞｯﾄﾘﾊﾞｰ" / "ﾋﾞｯﾄﾘﾊﾞｰ(ｶ" for 株式会社
 * (カ), 有限会社 (ユ), 合同会社 (ド), 合名会社 (メ), 合資会社 (シ), 医療法人 (イ),
 * 特定非営利活動法人 (トクヒ), 一般社団法人 (シヤ/シャ), 一般財団法人 (ザイ), 学校法人 (ガク).
 */
const CJK_ATTACHED: readonly [string, string][] = (() => {
  const pairs: [string, string][] = [];
  const add = (code: string, ...surfaces: string[]) => {
    for (const s of surfaces) pairs.push([s.normalize('NFKC'), code]);
  };
  add('kk', '株式会社', '株式會社', '(株)', '㈱', '주식회사', '(주)', '㈜');
  add('yk', '有限会社', '(有)', '㈲', '유한회사');
  add('gk', '合同会社', '(同)', '유한책임회사');
  add('goshi', '合資会社', '(資)', '㈾', '합자회사');
  add('gomei', '合名会社', '(名)', '㈴', '합명회사');
  add('ippan-shadan', '一般社団法人', '(一社)');
  add('ippan-zaidan', '一般財団法人', '(一財)');
  add('koeki-shadan', '公益社団法人', '(公社)');
  add('koeki-zaidan', '公益財団法人', '(公財)');
  add('npo', '特定非営利活動法人', 'NPO法人', '(特非)');
  add('gakko-hojin', '学校法人', '(学)');
  add('iryo-hojin', '医療法人', '(医)');
  add('fukushi-hojin', '社会福祉法人', '(福)');
  add('shukyo-hojin', '宗教法人', '(宗)');
  add('dokuritsu-hojin', '独立行政法人', '(独)', '国立研究開発法人');
  add('llp', '有限責任事業組合');
  // Chinese (Company Law art. 7) and Taiwanese names end in these; longest first below.
  add('jsc', '股份有限公司');
  add('llc', '有限责任公司', '有限責任公司');
  add('ltd', '有限公司');
  return pairs.sort((a, b) => b[0].length - a[0].length);
})();

/** Zengin abbreviations: prefix form "カ)", suffix forms "(カ" and "(カ)". */
const ZENGIN: readonly [string, string][] = [
  ['トクヒ', 'npo'], ['ガク', 'gakko-hojin'], ['ザイ', 'ippan-zaidan'], ['シヤ', 'ippan-shadan'], ['シャ', 'ippan-shadan'],
  ['カ', 'kk'], ['ユ', 'yk'], ['ド', 'gk'], ['メ', 'gomei'], ['シ', 'goshi'], ['イ', 'iryo-hojin'],
];

/** Separators left between a stripped form and the name: spaces (ASCII after NFKC) and ・. */
const EDGE_SEPARATORS = /^[\s・･]+|[\s・･]+$/g;

/**
 * Strips one leading or trailing legal form from a Japanese (or Chinese/Korean) name written
 * solid with it, as Japanese registries and KYC forms write them. The text is NFKC-normalised
 * first (so ㈱ is (株) and half-width ｶ) is カ)); `name` is the rest with separators trimmed.
 * When the form is the whole text there is nothing to strip and `name` is the text.
 * @example splitJapaneseLegalForm('株式会社ビットリバー') // { name: 'ビットリバー', form: 'kk', formText: '株式会社' }
 * @example splitJapaneseLegalForm('ﾋﾞｯﾄﾘﾊﾞｰ(ｶ') // { name: 'ビットリバー', form: 'kk', formText: '(カ' }
 */
export function splitJapaneseLegalForm(text: string): { name: string; form?: string; formText?: string } {
  const s = text.normalize('NFKC').trim();
  for (const [surface, code] of CJK_ATTACHED) {
    if (s.length > surface.length && s.startsWith(surface)) return result(s.slice(surface.length), code, surface, s);
    if (s.length > surface.length && s.endsWith(surface)) return result(s.slice(0, -surface.length), code, surface, s);
  }
  for (const [abbr, code] of ZENGIN) {
    const pre = `${abbr})`;
    if (s.length > pre.length && s.startsWith(pre)) return result(s.slice(pre.length), code, pre, s);
    const post = `(${abbr})`;
    if (s.length > post.length && s.endsWith(post)) return result(s.slice(0, -post.length), code, post, s);
    const open = `(${abbr}`;
    if (s.length > open.length && s.endsWith(open)) return result(s.slice(0, -open.length), code, open, s);
  }
  return { name: s };
}

function result(rest: string, code: string, formText: string, whole: string) {
  const name = rest.replace(EDGE_SEPARATORS, '');
  return name ? { name, form: code, formText } : { name: whole };
}
