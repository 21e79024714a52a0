import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fallbackToAscii, hanPinyinVariants, hanToPinyin, hasHan } from './han.ts';

test('hasHan: kanji/hanzi/hanja, 々 and 〇 count; kana, Hangul and Latin do not', () => {
  assert.equal(hasHan('山田 Taro'), true);
  assert.equal(hasHan('佐々木'), true);
  assert.equal(hasHan('々'), true);
  assert.equal(hasHan('ヤマダ タロウ'), false);
  assert.equal(hasHan('김정은'), false);
  assert.equal(hasHan('Xi Jinping'), false);
  assert.equal(hasHan(''), false);
});

test('hanToPinyin: one lower-case syllable per character, single spaces', () => {
  assert.equal(hanToPinyin('习近平'), 'xi jin ping');
  assert.equal(hanToPinyin('毛泽东'), 'mao ze dong');
  assert.equal(hanToPinyin('金正恩'), 'jin zheng en');
  // Traditional characters read the same as simplified.
  assert.equal(hanToPinyin('習近平'), 'xi jin ping');
  assert.equal(hanToPinyin('李克強'), 'li ke qiang');
  // The iteration mark repeats the syllable before it.
  assert.equal(hanToPinyin('佐々木'), 'zuo zuo mu');
  // Other characters in the text go through the fallback, separated from the syllables.
  assert.equal(hanToPinyin('金正恩(Kim)'), 'jin zheng en kim');
});

test('hanPinyinVariants: syllables split and given name joined, as lists write Chinese names', () => {
  assert.deepEqual(hanPinyinVariants('习近平'), ['xi jin ping', 'xi jinping']);
  assert.deepEqual(hanPinyinVariants('毛泽东'), ['mao ze dong', 'mao zedong']);
  assert.deepEqual(hanPinyinVariants('金正恩'), ['jin zheng en', 'jin zhengen']);
  // Written with a space: the writer's grouping is kept.
  assert.deepEqual(hanPinyinVariants('习 近平'), ['xi jin ping', 'xi jinping']);
  // Two-character names have nothing to join.
  assert.deepEqual(hanPinyinVariants('王伟'), ['wang wei']);
});

test('hanPinyinVariants: compound surnames stay one word', () => {
  assert.ok(hanPinyinVariants('欧阳修').includes('ouyang xiu'));
  assert.ok(hanPinyinVariants('司马相如').includes('sima xiangru'));
  // any-ascii reads 尉迟 as wei chi; as a surname it is Yuchi.
  assert.ok(hanPinyinVariants('尉迟恭').includes('yuchi gong'));
});

test('hanPinyinVariants: a surname read differently from the character\'s common reading', () => {
  const zeng = hanPinyinVariants('曾国藩');
  assert.equal(zeng[0], 'ceng guo fan'); // any-ascii's reading stays first
  assert.ok(zeng.includes('zeng guofan'));
  assert.ok(zeng.includes('zeng guo fan'));
  // ü: passports write LYU, older documents LV.
  const lu = hanPinyinVariants('吕布');
  assert.ok(lu.includes('lyu bu') && lu.includes('lv bu') && lu.includes('lu bu'));
});

test('hanPinyinVariants: an organisation name also gets its syllables joined in two-character words', () => {
  // OFAC lists 丹东天富贸易有限公司 as 'Dandong Tianfu Trade Co., Ltd.'.
  assert.deepEqual(hanPinyinVariants('丹东天富贸易有限公司'), [
    'dan dong tian fu mao yi you xian gong si',
    'dandong tianfu maoyi youxian gongsi',
  ]);
});

test('hanPinyinVariants: mixed text gets the syllable form only', () => {
  assert.deepEqual(hanPinyinVariants('金正恩 Kim'), ['jin zheng en kim']);
  assert.deepEqual(hanPinyinVariants(''), ['']);
});

test('fallbackToAscii: Greek, Armenian, Georgian', () => {
  assert.equal(fallbackToAscii('Αλέξανδρος'), 'alexandros');
  assert.equal(fallbackToAscii('Νικόλαος'), 'nikolaos');
  assert.equal(fallbackToAscii('Արամ Խաչատրյան'), 'aram khachatryan');
  // Georgian ejectives come out with an apostrophe (ნიკ'ოლოზ); dropped like other apostrophes.
  assert.equal(fallbackToAscii('ნიკოლოზ'), 'nikoloz');
});

test('fallbackToAscii: Arabic and Hebrew give consonant skeletons (no vowels are written)', () => {
  assert.equal(fallbackToAscii('محمد علي'), 'mhmd ly');
  assert.equal(fallbackToAscii('عبد الله'), 'bd llh');
  assert.equal(fallbackToAscii('משה'), 'msh');
  assert.equal(fallbackToAscii('דוד'), 'dvd');
});

test('fallbackToAscii: Hangul one word per syllable, Thai and Devanagari through any-ascii', () => {
  assert.equal(fallbackToAscii('김정은'), 'gim jeong eun');
  assert.equal(fallbackToAscii('박지성'), 'bag ji seong');
  assert.equal(fallbackToAscii('สมชาย'), 'smchay');
  assert.equal(fallbackToAscii('राम'), 'ram');
});

test('fallbackToAscii: case, punctuation, symbols and emoji', () => {
  assert.equal(fallbackToAscii('José  Müller-Lüdenscheidt'), 'jose muller ludenscheidt');
  assert.equal(fallbackToAscii('ウラジーミル・プーチン'), 'urajimiru puchin');
  // Emoji and punctuation are no part of a name: nothing is left (not ':grinning:').
  assert.equal(fallbackToAscii('😀 !!! ★'), '');
  assert.equal(fallbackToAscii('A 😀 B'), 'a b');
});
