import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asciiFold } from '../fold.ts';
import { classifyTokens, type ClassifyOptions } from './index.ts';

/** Classes of a name folded the way the matcher folds it, as "token:class[=canonical]". */
function classes(name: string, options?: ClassifyOptions): string {
  const tokens = asciiFold(name).split(' ').filter(Boolean);
  const c = classifyTokens(tokens, options);
  return tokens.map((t, i) => `${t}:${c[i]!.class}${c[i]!.canonical ? `=${c[i]!.canonical}` : ''}`).join(' ');
}

const ORG: ClassifyOptions = { kind: 'organization' };

// Organisation names as OFAC and the UN publish them (2025-11 SDN advanced XML), plus the
// forms of the jurisdictions Russia-evasion typologies route through. Expected: the name words
// stay 'name', forms and generic words are marked, equivalent forms share a code.
const ORGS: [string, string][] = [
  ['OOO MANAGEMENT COMPANY BITRIVER', 'ooo:legalForm=llc management:generic=management company:legalForm=co bitriver:name'],
  ['LIMITED LIABILITY COMPANY MAIN CORPORATION', 'limited:legalForm=llc liability:legalForm company:legalForm main:name corporation:legalForm=corp'],
  ['PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA', 'public:legalForm=pjsc joint:legalForm stock:legalForm company:legalForm sberbank:name of:name russia:name'],
  ['ООО ГАРАНТЕКС ЮРОП', 'ооо:legalForm=llc гарантекс:name юроп:name'],
  ['GARANTEX EUROPE OU', 'garantex:name europe:name ou:legalForm=ou'],
  ['HYDRA MARKET', 'hydra:name market:name'],
  ['SUEX OTC, S.R.O.', 'suex:name otc:name s:legalForm=sro r:legalForm o:legalForm'],
  ['CHATEX', 'chatex:name'],
  ['AKTSIONERNOE OBSHCHESTVO KONTSERN AVTOMATIKA', 'aktsionernoe:legalForm=jsc obshchestvo:legalForm kontsern:name avtomatika:name'],
  ['Otkrytoye Aktsionernoye Obshchestvo AGAT-Sistem', 'otkrytoye:legalForm=ojsc aktsionernoye:legalForm obshchestvo:legalForm agat:name sistem:name'],
  ['OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU VTB PENSIONNY ADMINISTRATOR', 'obshchestvo:legalForm=llc s:legalForm ogranichennoi:legalForm otvetstvennostyu:legalForm vtb:name pensionny:name administrator:name'],
  ['Акционерное Общество Аргус Холдинг', 'акционерное:legalForm=jsc общество:legalForm аргус:name холдинг:generic=holding'],
  ['Дальморнефтегеофизика АО', 'дальморнефтегеофизика:name ао:legalForm=jsc'],
  ['FSUE NPP Gamma', 'fsue:legalForm=fgup npp:generic=npo gamma:name'],
  ['ABC Pte. Ltd.', 'abc:name pte:legalForm=pte ltd:legalForm'],
  ['Jiaxiang Energy Holding PTE. LTD.', 'jiaxiang:name energy:name holding:generic=holding pte:legalForm=pte ltd:legalForm'],
  ['Dandong Tianfu Trade Co., Ltd.', 'dandong:name tianfu:name trade:generic=trade co:legalForm=ltd ltd:legalForm'],
  ['Bank Melli Iran', 'bank:name melli:name iran:name'],
  ['Korea Kwangson Banking Corp', 'korea:name kwangson:name banking:name corp:legalForm=corp'],
  ['11420 CORP.', '11420:name corp:legalForm=corp'],
  ['Qemat al-Najah General Trading LLC', 'qemat:name al:name najah:name general:generic=general trading trading:generic llc:legalForm=llc'],
  ["Sabiedriba ar ierobezotu atbildibu 'FALON INTERNATIONAL'", 'sabiedriba:legalForm=sia ar:legalForm ierobezotu:legalForm atbildibu:legalForm falon:name international:generic=international'],
  ['SIA Baltic Trade', 'sia:legalForm=sia baltic:name trade:generic=trade'],
  ['UAB Gelsva', 'uab:legalForm=uab gelsva:name'],
  ['Garant Sp. z o.o.', 'garant:name sp:legalForm=spzoo z:legalForm o:legalForm o:legalForm'],
  ['Alfa Kft.', 'alfa:name kft:legalForm=kft'],
  ['Beta d.o.o.', 'beta:name d:legalForm=doo o:legalForm o:legalForm'],
  ['BM SYSTEMS EAD', 'bm:name systems:generic=systems ead:legalForm=ead'],
  ['Gamma EOOD', 'gamma:name eood:legalForm=eood'],
  ['AMITO TRADING LIMITED', 'amito:name trading:generic=trade limited:legalForm=ltd'],
  ['Eta LLP', 'eta:name llp:legalForm=llp'],
  ['Iota Trading FZE', 'iota:name trading:generic=trade fze:legalForm=fze'],
  ['Kappa FZCO', 'kappa:name fzco:legalForm=fzco'],
  ['Lambda DMCC', 'lambda:name dmcc:legalForm=dmcc'],
  ['Nu Teknoloji Sanayi ve Ticaret A.Ş.', 'nu:name teknoloji:generic=technology sanayi:generic=industry ve:generic ticaret:generic a:legalForm=as s:legalForm'],
  ['TOO Alfa', 'too:legalForm=llp alfa:name'],
  ['Товарищество с ограниченной ответственностью Альфа', 'товарищество:legalForm=llp с:legalForm ограниченной:legalForm ответственностью:legalForm альфа:name'],
  ['Alfa MChJ', 'alfa:name mchj:legalForm=llc'],
  ['ОсОО Альфа', 'осоо:legalForm=llc альфа:name'],
  ['Альфа ՍՊԸ', 'альфа:name սպը:legalForm=llc'],
  ['შპს ალფა', 'შპს:legalForm=llc ალფა:name'],
  ['ТАА БелКазТранс', 'таа:legalForm=llc белказтранс:name'],
  ['ORGANIC DISTRICT B.V.', 'organic:name district:name b:legalForm=bv v:legalForm'],
  ['GEX EXPLORE S. DE R.L. DE C.V.', 'gex:name explore:name s:legalForm=srl de:legalForm r:legalForm l:legalForm de:legalForm c:legalForm v:legalForm'],
  ['Bitriver GmbH & Co. KG', 'bitriver:name gmbh:legalForm=kg co:legalForm kg:legalForm'],
  ['Общество C Ограниченной Ответственностью Капитал Групп', 'общество:legalForm=llc c:legalForm ограниченной:legalForm ответственностью:legalForm капитал:generic=capital групп:generic=group'],
];

test('real organisation names: legal forms, generic words and name words', () => {
  for (const [name, expected] of ORGS) assert.equal(classes(name, ORG), expected, name);
});

test('equivalent forms share one code across scripts, romanisations and translations', () => {
  const code = (name: string) => classifyTokens(asciiFold(name).split(' '), ORG)[0]!.canonical;
  const groups = [
    ['ООО X', 'OOO X', 'Obshchestvo s Ogranichennoy Otvetstvennost\'yu X', 'Obshchestvo s ogranichennoj otvetstvennost\'ju X', 'Limited Liability Company X', 'LLC X', 'ТОВ X', 'L.L.C. X'],
    ['АО X', 'AO X', 'Aktsionernoye Obshchestvo X', 'JSC X', 'Joint Stock Company X', 'Joint-Stock Company X'],
    ['ПАО X', 'PJSC X', 'Publichnoe Aktsionernoe Obshchestvo X', 'Public Joint Stock Company X'],
    ['ЗАО X', 'ZAO X', 'CJSC X', 'Closed Joint Stock Company X', 'Zakrytoe Aktsionernoe Obshchestvo X'],
    ['ОАО X', 'OAO X', 'OJSC X', 'Open Joint Stock Company X', 'ААТ X'],
    ['株式会社 X', '(株) X', '㈱ X', 'KK X', 'K.K. X', 'Kabushiki Kaisha X', 'Kabushiki Gaisha X'],
    ['合同会社 X', 'GK X', 'Godo Kaisha X'],
    ['Pte. Ltd. X', 'Private Limited X', 'Pvt Ltd X'],
  ];
  for (const group of groups) {
    const codes = new Set(group.map(code));
    assert.equal(codes.size, 1, `${group.join(' | ')} → ${[...codes].join(', ')}`);
    assert.ok([...codes][0], group[0]);
  }
  assert.notEqual(code('有限会社 X'), code('株式会社 X')); // yugen kaisha is its own form
});

test('raw tokens in their own script and case classify like folded ones', () => {
  const raw = classifyTokens(['SUEX', 'OTC,', 'S.R.O.'], ORG);
  assert.deepEqual(raw, [{ class: 'name' }, { class: 'name' }, { class: 'legalForm', canonical: 'sro', span: 1 }]);
  assert.deepEqual(classifyTokens(['ABC', 'Pte.', 'Ltd.']), [
    { class: 'name' },
    { class: 'legalForm', canonical: 'pte', span: 2 },
    { class: 'legalForm' },
  ]);
  assert.deepEqual(classifyTokens(['Bitriver', 'GmbH', '&', 'Co.', 'KG']).map((c) => c.class), ['name', 'legalForm', 'legalForm', 'legalForm', 'legalForm']);
  assert.deepEqual(classifyTokens(['ООО', '«Ромашка»']), [{ class: 'legalForm', canonical: 'llc', span: 1 }, { class: 'name' }]);
  assert.deepEqual(classifyTokens(['㈱', 'ビットリバー']).map((c) => c.canonical), ['kk', undefined]);
  assert.deepEqual(classifyTokens(['株式会社', 'ビットリバー']).map((c) => c.class), ['legalForm', 'name']);
  assert.deepEqual(classifyTokens(['ビットリバー', 'ホールディングス', '株式会社']).map((c) => c.class), ['name', 'generic', 'legalForm']);
});

test('ambiguous short forms need an organisation context', () => {
  // Person names the OFAC list carries: Chinese surname Pao, Tuareg "ag" (son of), Khun Sa,
  // Cantonese surname Ip, a Russian name's initials, Korean surname 주.
  for (const name of ['PAO YU LIANG', 'GHALI, Iyad ag', 'Khun Sa', 'Ip Man', 'Petrov S A', '주, 창일', 'Alfa B.V.']) {
    assert.ok(!classes(name).includes('legalForm'), name);
  }
  assert.match(classes('Alfa B.V.', ORG), /b:legalForm=bv/);
  assert.match(classes('Sberbank PAO', ORG), /pao:legalForm=pjsc/);
  // Corroborated by a generic word or another form in the same name.
  assert.match(classes('Alfa Trading AG'), /ag:legalForm=ag/);
  // Arabic article "As-" stands first; the Nordic/Estonian AS last.
  assert.equal(classes('AS SAHAB MEDIA', ORG), 'as:name sahab:name media:name');
  assert.match(classes('Tallinna Vesi AS', ORG), /as:legalForm=as/);
});

test('legal forms stand at the edges; "Company", "Limited" and long phrases anywhere', () => {
  assert.equal(classes('KK BANK PLC', ORG), 'kk:legalForm=kk bank:name plc:legalForm=plc');
  assert.equal(classes('ALFA OOO BETA', ORG), 'alfa:name ooo:name beta:name');
  assert.equal(classes('INSURANCE COMPANY SBERBANK LIFE', ORG), 'insurance:name company:legalForm=co sberbank:name life:name');
});

test('titles are weighed low before a name, honorifics after it, never in organisations', () => {
  assert.equal(classes('Dr. Ivan Petrov'), 'dr:title=dr ivan:name petrov:name');
  assert.equal(classes('President Vladimir Putin'), 'president:title=president vladimir:name putin:name');
  assert.equal(classes('His Excellency Mr John Smith'), 'his:title=excellency excellency:title mr:title=mr john:name smith:name');
  assert.equal(classes('Sheikh Hassan Dahir Aweys'), 'sheikh:title=sheikh hassan:name dahir:name aweys:name');
  assert.equal(classes('Al-Haj Yehia Issa'), 'al:title=haji haj:title yehia:name issa:name');
  assert.equal(classes('Господин Иванов'), 'господин:title=mr иванов:name');
  assert.deepEqual(classifyTokens(['山田', '太郎', '様']).map((c) => c.class), ['name', 'name', 'title']);
  assert.deepEqual(classifyTokens(['ИВАНОВ', 'Иван', '氏']).map((c) => c.class), ['name', 'name', 'title']);
  // Names that are also titles stay names unless two name words follow.
  assert.equal(classes('Imam Samudra'), 'imam:name samudra:name');
  assert.equal(classes('Amir Hamudi Hassan'), 'amir:name hamudi:name hassan:name');
  assert.equal(classes('John Major'), 'john:name major:name');
  assert.equal(classes('Major John Smith'), 'major:title=major john:name smith:name');
  assert.equal(classes('Aung San Suu Kyi'), 'aung:name san:name suu:name kyi:name');
  // A title alone is a name; in an organisation it is part of the name.
  assert.equal(classes('Mr'), 'mr:name');
  assert.equal(classes('IMAM KHOMEINI RELIEF FOUNDATION', ORG), 'imam:name khomeini:name relief:name foundation:generic=foundation');
  assert.equal(classes('President Hotel LLC'), 'president:name hotel:name llc:legalForm=llc');
});

test('kind person turns legal forms and generic words off', () => {
  assert.equal(classes('Ivan Trading Ltd', { kind: 'person' }), 'ivan:name trading:name ltd:name');
  assert.equal(classes('Dr. Ivan Petrov', ORG), 'dr:name ivan:name petrov:name');
});

test('bad input: empty, punctuation-only and very long names', () => {
  assert.deepEqual(classifyTokens([]), []);
  assert.deepEqual(classifyTokens(['', '—', '🙂']), [{ class: 'generic' }, { class: 'generic' }, { class: 'generic' }]);
  const long = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? 'ltd' : `w${i}`));
  const out = classifyTokens(long, ORG);
  assert.equal(out.length, long.length);
  assert.equal(out[0]!.class, 'legalForm');
  assert.equal(out[1]!.class, 'name');
});
