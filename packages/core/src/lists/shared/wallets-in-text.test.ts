import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ofacWalletsInText, walletsInText } from './wallets-in-text.ts';

test('OFAC remark form, with alt. prefixes and several tickers', () => {
  const text = 'DOB 25 Mar 1977; Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; alt. Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo; Digital Currency Address - ETH 0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c; Passport E51809923 (China).';
  assert.deepEqual(ofacWalletsInText(text), [
    { currency: 'XBT', address: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h' },
    { currency: 'XBT', address: '1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo' },
    { currency: 'ETH', address: '0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c' },
  ]);
});

test('unlabelled addresses take the ticker named just before them, in English or Japanese', () => {
  const text = '暗号資産アドレス：ビットコイン bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4；USDT（TRC20）：TN3W4H6rK2ce4vX9YnFQHwKENnHjoxb3m9；ETH 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
  assert.deepEqual(walletsInText(text), [
    { currency: 'XBT', address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' },
    { currency: 'ETH', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
    { currency: 'USDT', address: 'TN3W4H6rK2ce4vX9YnFQHwKENnHjoxb3m9' },
  ]);
});

test('full-width addresses are found; digit runs and short words are not addresses', () => {
  const wide = 'アドレス：１Ｋｕｆ２Ｒｄ８ｍＤｙＡＶｉｗＢｏｚＧＴＮＹｎｖＷＬ８ｕＹＦｒｋＶｏ';
  assert.deepEqual(walletsInText(wide), [{ currency: 'XBT', address: '1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo' }]);
  assert.deepEqual(walletsInText('Registration Number 1027700132195123456789012345 (Russia); tel 3000000000000000000000000001'), []);
});
