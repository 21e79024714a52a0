import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitJapaneseHonorific } from './titles.ts';

test('splitJapaneseHonorific strips one honorific written after a name', () => {
  assert.deepEqual(splitJapaneseHonorific('山田太郎様'), { name: '山田太郎', title: 'sama' });
  assert.deepEqual(splitJapaneseHonorific('山田太郎 様'), { name: '山田太郎', title: 'sama' });
  assert.deepEqual(splitJapaneseHonorific('プーチン氏'), { name: 'プーチン', title: 'shi' });
  assert.deepEqual(splitJapaneseHonorific('山田先生'), { name: '山田', title: 'sensei' });
  assert.deepEqual(splitJapaneseHonorific('田中さん'), { name: '田中', title: 'san' });
  assert.deepEqual(splitJapaneseHonorific('総務部御中殿').title, 'dono');
  // 君 ends given names; a lone 氏 is not stripped from a one-character name.
  assert.deepEqual(splitJapaneseHonorific('王君'), { name: '王君' });
  assert.deepEqual(splitJapaneseHonorific('王氏'), { name: '王氏' });
  assert.deepEqual(splitJapaneseHonorific('様'), { name: '様' });
});
