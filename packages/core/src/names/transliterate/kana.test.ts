import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asciiFold, phoneticFold } from '../fold.ts';
import { jaroWinkler } from '../similarity.ts';
import { hasKana, kanaToHepburn, kanaVariants } from './kana.ts';

test('hasKana finds hiragana, katakana and half-width katakana only', () => {
  assert.equal(hasKana('プーチン'), true);
  assert.equal(hasKana('つかさ しのぶ'), true);
  assert.equal(hasKana('ﾌﾟｰﾁﾝ'), true);
  assert.equal(hasKana('株式会社ビットリバー'), true);
  assert.equal(hasKana('山田太郎'), false);
  assert.equal(hasKana('Vladimir Putin'), false);
  assert.equal(hasKana('Владимир・Путин'), false); // a lone ・ is punctuation, not kana
  assert.equal(hasKana(''), false);
});

test('kanaToHepburn follows the passport rules (外務省 ヘボン式)', () => {
  const cases: [string, string][] = [
    ['オオノ', 'ono'], // オオ → o
    ['サトウ', 'sato'], // オウ → o
    ['ユウコ', 'yuko'], // ウウ → u
    ['ジュンイチロウ', 'junichiro'], // ン before a vowel: n, no apostrophe
    ['ホンマ', 'homma'], // ン before m → m
    ['シンバシ', 'shimbashi'], // ン before b → m
    ['ナンバ', 'namba'],
    ['カンダ', 'kanda'],
    ['ハットリ', 'hattori'], // ッ doubles the consonant
    ['ハッチ', 'hatchi'], // ッチ → tch
    ['ケイコ', 'keiko'], // エイ stays ei
    ['ニイガタ', 'niigata'], // イイ stays ii
    ['チヅコ', 'chizuko'], // ヅ → zu
    ['フジ', 'fuji'],
    ['キョウコ', 'kyoko'],
    ['シャチョウ', 'shacho'],
    ['オオオカ', 'ooka'], // 大岡: one long vowel, then a new o
    ['ツカサ シノブ', 'tsukasa shinobu'],
  ];
  for (const [kana, latin] of cases) assert.equal(kanaToHepburn(kana), latin, kana);
});

test('kanaToHepburn reads hiragana like katakana', () => {
  assert.equal(kanaToHepburn('さとう たろう'), 'sato taro');
  assert.equal(kanaToHepburn('じゅんいちろう'), kanaToHepburn('ジュンイチロウ'));
  assert.equal(kanaToHepburn('ゔぁいおりん'), 'vaiorin');
  assert.equal(kanaToHepburn('みすゞ'), 'misuzu'); // iteration mark, voiced
});

test('kanaToHepburn handles ヴ, small kana and the foreign-sound combinations', () => {
  const cases: [string, string][] = [
    ['ヴ', 'vu'],
    ['ヴァ ヴィ ヴェ ヴォ', 'va vi ve vo'],
    ['ティ ディ デュ トゥ', 'ti di dyu tu'],
    ['ファ フィ フェ フォ', 'fa fi fe fo'],
    ['ウィ ウェ ウォ', 'wi we wo'],
    ['ツァ ツェ ツォ', 'tsa tse tso'],
    ['シェ ジェ チェ', 'she je che'],
    ['キャ ギュ ニョ リャ ピュ', 'kya gyu nyo rya pyu'],
    ['ジャ ジュ ジョ チャ', 'ja ju jo cha'],
    ['ヴィクトル', 'vikutoru'],
    ['ティムチェンコ', 'timuchenko'],
    ['ウ゛ァ', 'va'], // stand-alone dakuten as old data writes ヴ
    ['ムァ', 'ma'], // a small vowel the tables do not pair
  ];
  for (const [kana, latin] of cases) assert.equal(kanaToHepburn(kana), latin, kana);
});

test('kanaToHepburn normalises half-width katakana and separators', () => {
  assert.equal(kanaToHepburn('ｳﾗｼﾞｰﾐﾙ･ﾌﾟｰﾁﾝ'), 'urajimiru puchin');
  assert.equal(kanaToHepburn('ｳﾞｨｸﾄﾙ'), 'vikutoru');
  assert.equal(kanaToHepburn('ウラジーミル・プーチン'), 'urajimiru puchin');
  assert.equal(kanaToHepburn('アブー・バクル・アル＝バグダーディー'), 'abu bakuru aru bagudadi');
  assert.equal(kanaToHepburn('  キム　・ジョンウン  '), 'kimu jonun'); // ideographic space, repeats collapse
  assert.equal(kanaToHepburn('プ−チン'), 'puchin'); // a minus sign used as ー
});

test('kanaToHepburn leaves what is not kana in place', () => {
  assert.equal(kanaToHepburn('山田タロウ'), '山田taro');
  assert.equal(kanaToHepburn('株式会社ビットリバー'), '株式会社bittoriba');
  assert.equal(kanaToHepburn('Vladimir・プーチン'), 'Vladimir puchin');
  assert.equal(kanaToHepburn('ＡＢＣ'), 'ABC'); // NFKC only
  assert.equal(kanaToHepburn(''), '');
  assert.equal(kanaToHepburn('・・'), '');
});

test('kanaVariants starts with Hepburn, is deduplicated, bounded and deterministic', () => {
  const names = ['ウラジーミル・プーチン', 'キム・ジョンウン', 'サトウ', 'アブラモビッチ', 'リー・ファンウェイ'];
  for (const name of names) {
    const v = kanaVariants(name);
    assert.equal(v[0], kanaToHepburn(name));
    assert.equal(new Set(v).size, v.length);
    assert.ok(v.length >= 1 && v.length <= 8);
    assert.deepEqual(kanaVariants(name), v);
  }
  assert.deepEqual(kanaVariants('サトウ'), ['sato']); // a Japanese name gets no foreign noise
  assert.deepEqual(kanaVariants(''), []);
});

test('kanaVariants undo the adaptations katakana makes to foreign names', () => {
  const has = (kana: string, latin: string): void => {
    const v = kanaVariants(kana);
    assert.ok(v.includes(latin), `${kana}: ${JSON.stringify(v)} lacks ${latin}`);
  };
  has('ウラジーミル・プーチン', 'vradimir putin'); // initial ウ for в, ジ/チ for ди/ти, -ル
  has('アブラモビッチ', 'abramobich'); // ッチ → ch, epenthetic u
  has('セルゲイ・ラブロフ', 'sergei rabrof');
  has('ストロフ', 'strof'); // a word-initial s-cluster
  has('ドミトリー', 'dmitri');
  has('キム・ジョンウン', 'kim jon un'); // Korean syllables
  has('キム・ヨンチョル', 'kim yon chol');
  has('チェ・フィ', 'che hwi');
});

/**
 * Real names as Japanese media write them, with the Latin spelling the OFAC SDN or UN
 * consolidated list carries (given name + family name as listed; the patronymics the lists
 * add are not in the katakana, so they are left out).
 */
const PAIRS: [string, string][] = [
  // Russia
  ['ウラジーミル・プーチン', 'Vladimir Putin'],
  ['ロマン・アブラモビッチ', 'Roman Abramovich'],
  ['セルゲイ・ラブロフ', 'Sergey Lavrov'],
  ['ドミトリー・メドベージェフ', 'Dmitry Medvedev'],
  ['セルゲイ・ショイグ', 'Sergei Shoigu'],
  ['オレグ・デリパスカ', 'Oleg Deripaska'],
  ['ミハイル・ミシュスチン', 'Mikhail Mishustin'],
  ['ドミトリー・ペスコフ', 'Dmitry Peskov'],
  ['エリビラ・ナビウリナ', 'Elvira Nabiullina'],
  ['イーゴリ・セーチン', 'Igor Sechin'],
  ['アリシェル・ウスマノフ', 'Alisher Usmanov'],
  ['ヴィクトル・ヴェクセリベルク', 'Viktor Vekselberg'],
  ['ゲンナジー・ティムチェンコ', 'Gennady Timchenko'],
  ['アルカジー・ローテンベルク', 'Arkady Rotenberg'],
  ['ラムザン・カディロフ', 'Ramzan Kadyrov'],
  ['エフゲニー・プリゴジン', 'Yevgeniy Prigozhin'],
  ['ニコライ・パトルシェフ', 'Nikolai Patrushev'],
  ['アレクサンドル・ボルトニコフ', 'Alexander Bortnikov'],
  ['セルゲイ・ナルイシキン', 'Sergey Naryshkin'],
  ['ワレンチナ・マトビエンコ', 'Valentina Matviyenko'],
  ['ヴャチェスラフ・ヴォロージン', 'Vyacheslav Volodin'],
  ['セルゲイ・キリエンコ', 'Sergei Kiriyenko'],
  ['ミハイル・フリードマン', 'Mikhail Fridman'],
  ['ウラジーミル・ポターニン', 'Vladimir Potanin'],
  ['アレクセイ・モルダショフ', 'Alexey Mordashov'],
  ['スレイマン・ケリモフ', 'Suleiman Kerimov'],
  ['アンドレイ・メリニチェンコ', 'Andrey Melnichenko'],
  ['アレクセイ・ミレル', 'Alexey Miller'],
  ['アンドレイ・コスチン', 'Andrey Kostin'],
  ['ゲルマン・グレフ', 'German Gref'],
  ['セルゲイ・チェメゾフ', 'Sergei Chemezov'],
  ['デニス・マントゥロフ', 'Denis Manturov'],
  ['セルゲイ・ソビャーニン', 'Sergey Sobyanin'],
  ['マリア・ザハロワ', 'Maria Zakharova'],
  ['アリーナ・カバエワ', 'Alina Kabaeva'],
  ['アントン・シルアノフ', 'Anton Siluanov'],
  ['アレクサンドル・ノバク', 'Alexander Novak'],
  ['ヴィクトル・ゾロトフ', 'Viktor Zolotov'],
  ['ワレリー・ゲラシモフ', 'Valery Gerasimov'],
  ['ユーリー・コワリチュク', 'Yuri Kovalchuk'],
  ['ウラジーミル・コロコリツェフ', 'Vladimir Kolokoltsev'],
  ['イーゴリ・ギルキン', 'Igor Girkin'],
  // Ukraine, Belarus
  ['ヴィクトル・ヤヌコーヴィチ', 'Viktor Yanukovych'],
  ['ヴィクトル・メドヴェドチュク', 'Viktor Medvedchuk'],
  ['ミコラ・アザロフ', 'Mykola Azarov'],
  ['セルヒー・クルチェンコ', 'Serhiy Kurchenko'],
  ['アレクサンドル・ルカシェンコ', 'Alexander Lukashenko'],
  ['ヴィクトル・シェイマン', 'Viktor Sheiman'],
  // DPRK (OFAC, UN)
  ['キム・ジョンウン', 'Kim Jong Un'],
  ['キム・ヨンチョル', 'Kim Yong Chol'],
  ['パク・トチュン', 'Pak To Chun'],
  ['チェ・チュンシク', 'Choe Chun Sik'],
  ['リ・マンゴン', 'Ri Man Gon'],
  ['チェ・フィ', 'Choe Hwi'],
  ['リ・ヨンム', 'Ri Yong Mu'],
  ['キム・ジョンシク', 'Kim Jong Sik'],
  // China
  ['リー・ファンウェイ', 'Li Fangwei'],
  ['アブドゥル・ハク', 'Abdul Haq'],
  // Arabic, Persian, Afghan, Southeast Asian (UN, OFAC)
  ['アイマン・ザワヒリ', 'Ayman Zawahiri'],
  ['アブー・バクル・アル＝バグダーディー', 'Abu Bakr al-Baghdadi'],
  ['ハムザ・ビン・ラディン', 'Hamza bin Laden'],
  ['シラジュディン・ハッカニ', 'Sirajuddin Haqqani'],
  ['アブドゥル・ガニ・バラダル', 'Abdul Ghani Baradar'],
  ['ムハンマド・ハサン・アクンド', 'Mohammad Hassan Akhund'],
  ['ムアンマル・カダフィ', 'Muammar Qadhafi'],
  ['サイフ・アル・イスラム・カダフィ', 'Saif al-Islam Qadhafi'],
  ['ハサン・ナスララ', 'Hasan Nasrallah'],
  ['ガセム・ソレイマニ', 'Qasem Soleimani'],
  ['アリ・ハメネイ', 'Ali Khamenei'],
  ['アブバカル・シェカウ', 'Abubakar Shekau'],
  ['モフタール・ベルモフタール', 'Mokhtar Belmokhtar'],
  ['イスニロン・ハピロン', 'Isnilon Hapilon'],
  // Japan (OFAC, Yamaguchi-gumi), in katakana and hiragana
  ['ツカサ・シノブ', 'Shinobu Tsukasa'],
  ['タカヤマ・キヨシ', 'Kiyoshi Takayama'],
  ['たかやま きよし', 'Takayama Kiyoshi'],
];

/** The scorer's token similarity: Jaro-Winkler on folded tokens, or on phonetically folded ones. */
function tokenSimilarity(a: string, b: string): number {
  return Math.max(jaroWinkler(a, b), jaroWinkler(phoneticFold(a), phoneticFold(b)));
}

/** Latin words that no variant word reaches at 0.85. */
function unmatchedWords(kana: string, latin: string): string[] {
  const words = new Set(kanaVariants(kana).flatMap((v) => asciiFold(v).split(' ')));
  return asciiFold(latin)
    .split(' ')
    .filter((w) => ![...words].some((v) => tokenSimilarity(w, v) >= 0.85));
}

test('katakana renderings of listed names reach every word of the Latin entry', () => {
  assert.ok(PAIRS.length >= 40);
  const failures = PAIRS.map(([kana, latin]) => ({ kana, latin, missing: unmatchedWords(kana, latin) })).filter(
    (f) => f.missing.length > 0,
  );
  assert.deepEqual(failures, []);
});

test('the similarity helper rejects unrelated names', () => {
  assert.notDeepEqual(unmatchedWords('ウラジーミル・プーチン', 'Igor Sechin'), []);
  assert.notDeepEqual(unmatchedWords('ツカサ・シノブ', 'Kiyoshi Takayama'), []);
});
