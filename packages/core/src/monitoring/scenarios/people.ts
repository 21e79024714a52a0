/**
 * @module monitoring/scenarios/people
 * Who the synthetic customers are: names (kanji with their katakana reading and the passport
 * romanisation for Japanese persons; native script and latin for foreign residents), Japanese
 * postal addresses, phone numbers and e-mail addresses that are unique in a stream, identity
 * documents, company names and corporate numbers (法人番号 with its check digit), banks, and
 * the counterparty VASPs. All names are common ones put together at random; none stands for a
 * real person, and real exchanges are not named (a fictional name cannot match a VASP list).
 */
import type { Customer, Party } from '../../customers/schema.ts';
import type { Random } from './random.ts';

type Reading = readonly [kanji: string, kana: string, latin: string];

/** The most common Japanese surnames (Meiji Yasuda survey order, roughly). */
const SURNAMES: readonly Reading[] = [
  ['佐藤', 'サトウ', 'SATO'], ['鈴木', 'スズキ', 'SUZUKI'], ['高橋', 'タカハシ', 'TAKAHASHI'], ['田中', 'タナカ', 'TANAKA'], ['伊藤', 'イトウ', 'ITO'],
  ['渡辺', 'ワタナベ', 'WATANABE'], ['山本', 'ヤマモト', 'YAMAMOTO'], ['中村', 'ナカムラ', 'NAKAMURA'], ['小林', 'コバヤシ', 'KOBAYASHI'], ['加藤', 'カトウ', 'KATO'],
  ['吉田', 'ヨシダ', 'YOSHIDA'], ['山田', 'ヤマダ', 'YAMADA'], ['佐々木', 'ササキ', 'SASAKI'], ['山口', 'ヤマグチ', 'YAMAGUCHI'], ['松本', 'マツモト', 'MATSUMOTO'],
  ['井上', 'イノウエ', 'INOUE'], ['木村', 'キムラ', 'KIMURA'], ['林', 'ハヤシ', 'HAYASHI'], ['斎藤', 'サイトウ', 'SAITO'], ['清水', 'シミズ', 'SHIMIZU'],
  ['山崎', 'ヤマザキ', 'YAMAZAKI'], ['森', 'モリ', 'MORI'], ['池田', 'イケダ', 'IKEDA'], ['橋本', 'ハシモト', 'HASHIMOTO'], ['阿部', 'アベ', 'ABE'],
  ['石川', 'イシカワ', 'ISHIKAWA'], ['山下', 'ヤマシタ', 'YAMASHITA'], ['中島', 'ナカジマ', 'NAKAJIMA'], ['石井', 'イシイ', 'ISHII'], ['小川', 'オガワ', 'OGAWA'],
  ['前田', 'マエダ', 'MAEDA'], ['岡田', 'オカダ', 'OKADA'], ['長谷川', 'ハセガワ', 'HASEGAWA'], ['藤田', 'フジタ', 'FUJITA'], ['後藤', 'ゴトウ', 'GOTO'],
  ['近藤', 'コンドウ', 'KONDO'], ['村上', 'ムラカミ', 'MURAKAMI'], ['遠藤', 'エンドウ', 'ENDO'], ['青木', 'アオキ', 'AOKI'], ['坂本', 'サカモト', 'SAKAMOTO'],
];

const MALE: readonly Reading[] = [
  ['翔太', 'ショウタ', 'SHOTA'], ['大輔', 'ダイスケ', 'DAISUKE'], ['健太', 'ケンタ', 'KENTA'], ['拓也', 'タクヤ', 'TAKUYA'], ['直樹', 'ナオキ', 'NAOKI'],
  ['誠', 'マコト', 'MAKOTO'], ['浩', 'ヒロシ', 'HIROSHI'], ['隆', 'タカシ', 'TAKASHI'], ['亮', 'リョウ', 'RYO'], ['和也', 'カズヤ', 'KAZUYA'],
  ['大樹', 'ダイキ', 'DAIKI'], ['悠斗', 'ユウト', 'YUTO'], ['蓮', 'レン', 'REN'], ['健一', 'ケンイチ', 'KENICHI'], ['修', 'オサム', 'OSAMU'],
  ['剛', 'ツヨシ', 'TSUYOSHI'], ['博之', 'ヒロユキ', 'HIROYUKI'], ['雄一', 'ユウイチ', 'YUICHI'], ['達也', 'タツヤ', 'TATSUYA'], ['翼', 'ツバサ', 'TSUBASA'],
];

const FEMALE: readonly Reading[] = [
  ['陽子', 'ヨウコ', 'YOKO'], ['恵子', 'ケイコ', 'KEIKO'], ['美咲', 'ミサキ', 'MISAKI'], ['由美', 'ユミ', 'YUMI'], ['直美', 'ナオミ', 'NAOMI'],
  ['裕子', 'ユウコ', 'YUKO'], ['愛', 'アイ', 'AI'], ['真由美', 'マユミ', 'MAYUMI'], ['明美', 'アケミ', 'AKEMI'], ['結衣', 'ユイ', 'YUI'],
  ['さくら', 'サクラ', 'SAKURA'], ['彩', 'アヤ', 'AYA'], ['智子', 'トモコ', 'TOMOKO'], ['久美子', 'クミコ', 'KUMIKO'], ['麻衣', 'マイ', 'MAI'],
  ['千尋', 'チヒロ', 'CHIHIRO'], ['葵', 'アオイ', 'AOI'], ['香織', 'カオリ', 'KAORI'], ['舞', 'マイ', 'MAI'], ['優子', 'ユウコ', 'YUKO'],
];

/** Foreign residents' names: [native script, latin (passport order)]. */
const FOREIGN_NAMES: Record<string, readonly (readonly [string, string, 'male' | 'female'])[]> = {
  CN: [['王伟', 'WANG WEI', 'male'], ['李娜', 'LI NA', 'female'], ['张敏', 'ZHANG MIN', 'female'], ['刘洋', 'LIU YANG', 'male'], ['陈静', 'CHEN JING', 'female'], ['杨帆', 'YANG FAN', 'male'], ['赵磊', 'ZHAO LEI', 'male'], ['黄丽', 'HUANG LI', 'female'], ['周杰', 'ZHOU JIE', 'male'], ['吴芳', 'WU FANG', 'female']],
  KR: [['김민준', 'KIM MINJUN', 'male'], ['이서연', 'LEE SEOYEON', 'female'], ['박지훈', 'PARK JIHOON', 'male'], ['최수빈', 'CHOI SUBIN', 'female'], ['정우진', 'JUNG WOOJIN', 'male']],
  VN: [['Nguyễn Văn An', 'NGUYEN VAN AN', 'male'], ['Trần Thị Mai', 'TRAN THI MAI', 'female'], ['Lê Minh Đức', 'LE MINH DUC', 'male'], ['Phạm Thu Hà', 'PHAM THU HA', 'female']],
  PH: [['Maria Santos', 'SANTOS MARIA', 'female'], ['Jose Reyes', 'REYES JOSE', 'male'], ['Ana Cruz', 'CRUZ ANA', 'female']],
  US: [['John Miller', 'MILLER JOHN', 'male'], ['Emily Carter', 'CARTER EMILY', 'female'], ['Michael Turner', 'TURNER MICHAEL', 'male'], ['Sarah Collins', 'COLLINS SARAH', 'female']],
  GB: [['James Fletcher', 'FLETCHER JAMES', 'male'], ['Charlotte Hughes', 'HUGHES CHARLOTTE', 'female']],
  FR: [['Camille Lefèvre', 'LEFEVRE CAMILLE', 'female'], ['Julien Moreau', 'MOREAU JULIEN', 'male']],
  RU: [
    ['Алексей Смирнов', 'SMIRNOV ALEKSEI', 'male'], ['Ольга Кузнецова', 'KUZNETSOVA OLGA', 'female'], ['Дмитрий Волков', 'VOLKOV DMITRII', 'male'], ['Наталья Соколова', 'SOKOLOVA NATALIA', 'female'],
    ['Андрей Новиков', 'NOVIKOV ANDREI', 'male'], ['Екатерина Лебедева', 'LEBEDEVA EKATERINA', 'female'], ['Михаил Козлов', 'KOZLOV MIKHAIL', 'male'], ['Анна Павлова', 'PAVLOVA ANNA', 'female'],
    ['Павел Егоров', 'EGOROV PAVEL', 'male'], ['Илья Орлов', 'ORLOV ILIA', 'male'], ['Татьяна Васильева', 'VASILEVA TATIANA', 'female'], ['Роман Фёдоров', 'FEDOROV ROMAN', 'male'],
    ['Юлия Николаева', 'NIKOLAEVA IULIIA', 'female'], ['Артём Зайцев', 'ZAITSEV ARTEM', 'male'], ['Виктор Белов', 'BELOV VIKTOR', 'male'], ['Кирилл Морозов', 'MOROZOV KIRILL', 'male'],
  ],
  UA: [['Олена Коваленко', 'KOVALENKO OLENA', 'female'], ['Тарас Бондаренко', 'BONDARENKO TARAS', 'male'], ['Ірина Шевчук', 'SHEVCHUK IRYNA', 'female']],
};

export type ForeignNationality = keyof typeof FOREIGN_NAMES;

/** Japanese places: prefecture, city or ward, the first three digits of its postcodes, a latin name. */
const PLACES: readonly (readonly [string, string, string, string])[] = [
  ['東京都', '新宿区', '160', 'Shinjuku-ku, Tokyo'], ['東京都', '世田谷区', '154', 'Setagaya-ku, Tokyo'], ['東京都', '港区', '105', 'Minato-ku, Tokyo'], ['東京都', '練馬区', '176', 'Nerima-ku, Tokyo'],
  ['東京都', '江東区', '135', 'Koto-ku, Tokyo'], ['東京都', '八王子市', '192', 'Hachioji, Tokyo'], ['神奈川県', '横浜市港北区', '222', 'Yokohama, Kanagawa'], ['神奈川県', '川崎市中原区', '211', 'Kawasaki, Kanagawa'],
  ['大阪府', '大阪市北区', '530', 'Osaka'], ['大阪府', '堺市堺区', '590', 'Sakai, Osaka'], ['愛知県', '名古屋市中区', '460', 'Nagoya, Aichi'], ['福岡県', '福岡市博多区', '812', 'Fukuoka'],
  ['北海道', '札幌市中央区', '060', 'Sapporo, Hokkaido'], ['京都府', '京都市左京区', '606', 'Kyoto'], ['兵庫県', '神戸市中央区', '650', 'Kobe, Hyogo'], ['埼玉県', 'さいたま市大宮区', '330', 'Saitama'],
  ['千葉県', '千葉市中央区', '260', 'Chiba'], ['宮城県', '仙台市青葉区', '980', 'Sendai, Miyagi'], ['広島県', '広島市中区', '730', 'Hiroshima'], ['静岡県', '静岡市葵区', '420', 'Shizuoka'],
];

/**
 * Occupations as the KYC form records them, weighted by who uses an account how: the occasional
 * user is anyone (students and homemakers included); an active trader is mostly in work; a large
 * holder is an executive, a professional, self-employed or retired (in Japan the over-60s hold
 * most household financial assets).
 */
export const OCCUPATIONS = {
  anyone: [['会社員', 30], ['公務員', 6], ['自営業', 8], ['会社役員', 3], ['エンジニア', 6], ['医師', 1], ['教員', 3], ['看護師', 3], ['パート', 8], ['学生', 8], ['主婦', 8], ['年金受給者', 8], ['フリーランス', 5]],
  trader: [['会社員', 40], ['エンジニア', 15], ['自営業', 12], ['フリーランス', 10], ['会社役員', 5], ['公務員', 5], ['年金受給者', 5], ['パート', 2], ['学生', 2]],
  wealthy: [['会社役員', 30], ['医師', 12], ['自営業', 20], ['会社員', 15], ['年金受給者', 15], ['不動産賃貸業', 8]],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;

/** Issued values are remembered so that no two customers share a phone, an e-mail or a document. */
export class Unique {
  private readonly seen = new Set<string>();

  /** Calls `make` until it gives a value not issued before. */
  take(kind: string, make: () => string): string {
    for (let i = 0; i < 1000; i++) {
      const v = make();
      const key = `${kind}\u0000${v.toLowerCase()}`;
      if (!this.seen.has(key)) {
        this.seen.add(key);
        return v;
      }
    }
    throw new Error(`could not find a fresh ${kind}`);
  }
}

export interface PersonName {
  name: string;
  kana?: string;
  latin: string;
  gender: 'male' | 'female';
}

export function japaneseName(rng: Random): PersonName {
  const gender = rng.chance(0.5) ? 'male' : 'female';
  const [sk, sr, sl] = rng.pick(SURNAMES);
  const [gk, gr, gl] = rng.pick(gender === 'male' ? MALE : FEMALE);
  return { name: `${sk} ${gk}`, kana: `${sr} ${gr}`, latin: `${sl} ${gl}`, gender };
}

export function foreignName(rng: Random, nationality: ForeignNationality): PersonName {
  const [name, latin, gender] = rng.pick(FOREIGN_NAMES[nationality]!);
  return { name, latin, gender };
}

export function japaneseAddress(rng: Random): NonNullable<Customer['addresses']>[number] {
  const [region, city, prefix] = rng.pick(PLACES);
  return { lines: [`${rng.int(1, 5)}-${rng.int(1, 30)}-${rng.int(1, 20)}`], city, region, postcode: `${prefix}-${rng.digits(4)}`, country: 'JP' };
}

/** A Japanese mobile number (070/080/090), unique in the stream. */
export function japanesePhone(rng: Random, unique: Unique): string {
  return unique.take('phone', () => `+81 ${rng.pick(['70', '80', '90'])}-${rng.digits(4)}-${rng.digits(4)}`);
}

/** A Japanese landline of a company (Tokyo 03, Osaka 06, …), unique in the stream. */
export function japaneseLandline(rng: Random, unique: Unique): string {
  return unique.take('phone', () => `+81 ${rng.pick(['3', '6', '45', '52', '92'])}-${rng.digits(4)}-${rng.digits(4)}`);
}

const JP_MAIL = ['gmail.com', 'yahoo.co.jp', 'docomo.ne.jp', 'icloud.com', 'outlook.jp', 'ezweb.ne.jp', 'softbank.ne.jp', 'nifty.com'];

/** An e-mail address built from the latin name, unique in the stream (Gmail dots and +tags ignored, as the link graph does). */
export function email(rng: Random, unique: Unique, latin: string, domains: readonly string[] = JP_MAIL): string {
  const parts = latin.toLowerCase().replace(/[^a-z ]/g, '').split(' ').filter(Boolean);
  const [family = 'user', given = 'x'] = parts;
  return unique.take('email', () => {
    const domain = rng.pick(domains);
    const local = `${rng.chance(0.5) ? `${given}.${family}` : `${family}${given[0]}`}${rng.int(1, 9999)}`;
    // Gmail ignores dots: write the form the link graph compares, so uniqueness holds after it.
    return `${domain === 'gmail.com' ? local.replace(/\./g, '') : local}@${domain}`;
  });
}

/** A birth date for an adult of `minAge`..`maxAge` at `at`. */
export function birthDate(rng: Random, at: number, minAge = 20, maxAge = 75): string {
  const age = rng.range(minAge, maxAge);
  return new Date(at - age * 365.25 * 86_400_000).toISOString().slice(0, 10);
}

/** A date `days` before `at`, YYYY-MM-DD. */
export const dateBefore = (at: number, days: number): string => new Date(at - days * 86_400_000).toISOString().slice(0, 10);

/**
 * A 法人番号 (corporate number): a check digit and a 12-digit base (National Tax Agency rule:
 * 9 − (Σ Pn·Qn mod 9), Pn the n-th digit from the right of the base, Qn 1 for odd n and 2 for even).
 */
export function corporateNumber(rng: Random, unique: Unique): string {
  return unique.take('corporate-number', () => {
    const base = `${rng.int(1, 9)}${rng.digits(11)}`;
    let sum = 0;
    for (let n = 1; n <= 12; n++) sum += Number(base[12 - n]) * (n % 2 ? 1 : 2);
    return `${9 - (sum % 9)}${base}`;
  });
}

const COMPANY_STEMS: readonly (readonly [string, string])[] = [
  ['さくら', 'Sakura'], ['ミライ', 'Mirai'], ['東和', 'Towa'], ['大和', 'Yamato'], ['光陽', 'Koyo'], ['北辰', 'Hokushin'], ['みなと', 'Minato'], ['青葉', 'Aoba'],
  ['富士見', 'Fujimi'], ['若葉', 'Wakaba'], ['瑞穂', 'Mizuho'], ['日向', 'Hinata'], ['朝日', 'Asahi'], ['翠', 'Midori'], ['白鷺', 'Shirasagi'], ['三ツ星', 'Mitsuboshi'],
];
const COMPANY_KINDS: readonly (readonly [string, string])[] = [
  ['商事', 'Shoji'], ['テクノロジー', 'Technology'], ['ホールディングス', 'Holdings'], ['トレーディング', 'Trading'], ['不動産', 'Real Estate'], ['物産', 'Bussan'], ['システムズ', 'Systems'], ['キャピタル', 'Capital'],
];

/** A Japanese company name: 株式会社 or 合同会社 with its English form. */
export function japaneseCompanyName(rng: Random, unique: Unique): { name: string; latin: string; legalForm: string } {
  let form = '株式会社';
  const v = unique.take('company', () => {
    const [s, sl] = rng.pick(COMPANY_STEMS);
    const [k, kl] = rng.pick(COMPANY_KINDS);
    form = rng.chance(0.75) ? '株式会社' : '合同会社';
    return `${form}${s}${k}|${sl} ${kl} ${form === '株式会社' ? 'K.K.' : 'G.K.'}`;
  });
  const [name, latin] = v.split('|') as [string, string];
  return { name, latin, legalForm: form };
}

const HUB_STEMS = ['Lion Gate', 'Pacific Bridge', 'Silk Route', 'Northern Star', 'Harbour Point', 'Golden Crescent', 'Eastwind', 'Baltic Pearl', 'Amber Line', 'Orient Vector', 'Volga Pacific', 'Ural Trade', 'Sable Ridge', 'Polar Arc'];

/** A company name and register number in the style of `jurisdiction` (SG, AE, HK, TR); unique in the stream when `unique` is given. */
export function hubCompany(rng: Random, unique: Unique | undefined, jurisdiction: string): { name: string; legalForm: string; registrationNumber: string } {
  const make = () => `${rng.pick(HUB_STEMS)} ${rng.pick(['Trading', 'Commodities', 'Logistics', 'Resources', 'Solutions', 'Import Export', 'Supply', 'Industrial'])}`;
  // A customer's name is unique in the stream; a counterparty's need not be (two shells may pay one supplier).
  const stem = unique ? unique.take('hub-company', make) : make();
  switch (jurisdiction) {
    case 'AE':
      return { name: `${stem} FZE`, legalForm: 'FZE', registrationNumber: `DMCC-${rng.digits(6)}` };
    case 'HK':
      return { name: `${stem} (HK) Limited`, legalForm: 'Limited', registrationNumber: rng.digits(8) };
    case 'TR':
      return { name: `${stem} Dış Ticaret Ltd. Şti.`, legalForm: 'Ltd. Şti.', registrationNumber: rng.digits(10) };
    default:
      return { name: `${stem} Pte. Ltd.`, legalForm: 'Pte. Ltd.', registrationNumber: `202${rng.int(3, 5)}${rng.digits(5)}${String.fromCharCode(65 + rng.int(0, 25))}` };
  }
}

/** Japanese banks (name, SWIFT BIC where it has one). */
export const BANKS: readonly { name: string; bic?: string }[] = [
  { name: '三菱UFJ銀行', bic: 'BOTKJPJT' },
  { name: '三井住友銀行', bic: 'SMBCJPJT' },
  { name: 'みずほ銀行', bic: 'MHCBJPJT' },
  { name: 'りそな銀行' },
  { name: 'ゆうちょ銀行' },
  { name: '楽天銀行' },
  { name: '住信SBIネット銀行' },
  { name: 'PayPay銀行' },
];

/** A bank account number (branch-account), unique in the stream. */
export function bankAccount(rng: Random, unique: Unique): string {
  return unique.take('bank-account', () => `${rng.digits(3)}-${rng.digits(7)}`);
}

/** Registered Japanese VASPs (fictional names) that ordinary customers send to and receive from. */
export const DOMESTIC_VASPS: readonly { name: string; country: string }[] = [
  { name: 'Sakura Coin K.K.', country: 'JP' },
  { name: 'Nihon Digital Exchange K.K.', country: 'JP' },
  { name: 'Kanto Crypto Securities K.K.', country: 'JP' },
  { name: 'Hinode Virtual Currency K.K.', country: 'JP' },
];

/** Foreign VASPs (fictional) by country, for the typologies that send abroad. */
export const FOREIGN_VASPS: Record<string, { name: string; country: string }> = {
  SC: { name: 'Mahé Digital Exchange Ltd.', country: 'SC' },
  VG: { name: 'Tortola Virtual Assets Ltd.', country: 'VG' },
  AE: { name: 'Oasis Crypto Brokerage FZE', country: 'AE' },
  KY: { name: 'Seven Mile Coin Markets Ltd.', country: 'KY' },
  SG: { name: 'Merlion Digital Pte. Ltd.', country: 'SG' },
  HK: { name: 'Victoria Harbour VA Trading Ltd.', country: 'HK' },
  TR: { name: 'Boğaziçi Kripto A.Ş.', country: 'TR' },
  KG: { name: 'Ala-Too Crypto LLC', country: 'KG' },
  GE: { name: 'Mtatsminda Digital LLC', country: 'GE' },
  US: { name: 'Hudson Street Digital Inc.', country: 'US' },
  GB: { name: 'Thames Crypto Exchange Ltd.', country: 'GB' },
};

/** The customer as a travel-rule party (what a beneficiary or originator field carries). */
export function partyOf(customer: Customer): Party {
  if (customer.type === 'person') {
    return {
      type: 'person',
      names: customer.names,
      ...(customer.birthDate ? { birthDate: customer.birthDate } : {}),
      ...(customer.nationalities ? { nationalities: customer.nationalities } : {}),
      ...(customer.residence ? { residence: customer.residence } : {}),
      ...(customer.addresses ? { addresses: customer.addresses } : {}),
    };
  }
  return {
    type: 'legal',
    names: customer.names,
    ...(customer.jurisdiction ? { jurisdiction: customer.jurisdiction } : {}),
    ...(customer.registrationNumber ? { registrationNumber: customer.registrationNumber } : {}),
    ...(customer.addresses ? { addresses: customer.addresses } : {}),
  };
}
