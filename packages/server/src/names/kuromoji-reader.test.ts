import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IpadicFeatures } from 'kuromoji';
import { createKuromojiReader } from './kuromoji-reader.ts';

/** A stand-in tokenizer: one token per character, reading = the character; counts loads. */
function fakeLoader() {
  const calls: string[] = [];
  const loadTokenizer = async (dicPath: string) => {
    calls.push(dicPath);
    return {
      tokenize: (text: string) =>
        [...text].map((c) => ({ surface_form: c, pos: '名詞', reading: `R${c}` }) as IpadicFeatures),
    };
  };
  return { calls, loadTokenizer };
}

test('text without kanji is answered without loading the dictionary', async () => {
  const { calls, loadTokenizer } = fakeLoader();
  const reader = createKuromojiReader({ loadTokenizer, dicPath: '/dict' });
  assert.deepEqual(await reader.readings('ヤマダ タロウ'), []);
  assert.deepEqual(await reader.readings('Vladimir Putin'), []);
  assert.deepEqual(await reader.readings(''), []);
  assert.equal(calls.length, 0);
  assert.equal(reader.loaded, false);
  await reader.readings('山田');
  assert.deepEqual(calls, ['/dict']);
  assert.equal(reader.loaded, true);
});

test('concurrent first calls share one dictionary load, later calls reuse it', async () => {
  const { calls, loadTokenizer } = fakeLoader();
  const reader = createKuromojiReader({ loadTokenizer });
  const results = await Promise.all([reader.readings('山田'), reader.readings('田中'), reader.readings('中村')]);
  assert.deepEqual(results, [['R山 R田'], ['R田 R中'], ['R中 R村']]);
  await reader.readings('鈴木');
  assert.equal(calls.length, 1);
});

test('a dictionary that cannot be loaded rejects with SEK_JA_DICTIONARY, and is tried again later', async () => {
  let attempts = 0;
  const reader = createKuromojiReader({
    loadTokenizer: async () => {
      attempts++;
      if (attempts === 1) throw new Error('ENOENT: base.dat.gz');
      return { tokenize: (t: string) => [{ surface_form: t, pos: '名詞', reading: 'ヨミ' } as IpadicFeatures] };
    },
  });
  await assert.rejects(reader.readings('山田'), { code: 'SEK_JA_DICTIONARY' });
  assert.equal(reader.loaded, false);
  assert.deepEqual(await reader.readings('山田'), ['ヨミ']);
});

test('the real kuromoji dictionary: a missing folder rejects, never an empty answer', async () => {
  const reader = createKuromojiReader({ dicPath: '/nonexistent/kuromoji/dict' });
  await assert.rejects(reader.readings('山田太郎'), { code: 'SEK_JA_DICTIONARY' });
});

test('the real kuromoji dictionary reads Japanese names in katakana, one word per token', async () => {
  const reader = createKuromojiReader();
  assert.deepEqual(await reader.readings('山田太郎'), ['ヤマダ タロウ']);
  assert.deepEqual(await reader.readings('鈴木一郎'), ['スズキ イチロウ']);
  assert.deepEqual(await reader.readings('佐々木希'), ['ササキ ノゾミ']);
  // The writer's own separators are kept; kana and Latin pass as written (hiragana as katakana).
  assert.deepEqual(await reader.readings('山田・太郎'), ['ヤマダ タロウ']);
  assert.deepEqual(await reader.readings('山田 はなこ'), ['ヤマダ ハナコ']);
  assert.deepEqual(await reader.readings('山田 Taro'), ['ヤマダ Taro']);
  // An organisation: the legal form is read too (株式会社 = kabushiki gaisha).
  assert.deepEqual(await reader.readings('株式会社ビットリバー'), ['カブシキガイシャ ビット リバー']);
  // A character the dictionary cannot read stays a kanji, so the caller knows the reading is partial.
  const [xi] = await reader.readings('習近平');
  assert.ok(xi?.startsWith('習 '));
});
