import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileInput, sharedPath, textInput } from '../../test/helpers.ts';
import { parseTagFiles, poolSlug } from './index.ts';
import type { ListFile } from '../lists/types.ts';
import type { TagFormat } from './types.ts';

const pack = (name: string) => fileInput(sharedPath(`chain-analytics/tagpacks/${name}`));
const pools = (name: string) => fileInput(sharedPath(`chain-analytics/mining-pools_${name}`));

async function failure(format: TagFormat, files: ListFile[]): Promise<{ code?: string; file?: string; position?: string }> {
  try {
    await parseTagFiles(format, files);
  } catch (error) {
    const e = error as { code?: string; details?: { file?: string; position?: string } };
    return { code: e.code, file: e.details?.file, position: e.details?.position };
  }
  return {};
}

// Counts below were taken independently from the files (PyYAML BaseLoader / json in Python).

test('hydra.yaml: 117 Hydra Market tags, header values as defaults for every tag', async () => {
  const { tags, actors } = await parseTagFiles('tagpack', [pack('hydra.yaml')]);
  assert.equal(tags.length, 117);
  assert.equal(actors.length, 0);
  assert.ok(tags.every((t) => t.actor === 'hydramarket' && t.category === 'market' && t.currency === 'BTC' && t.label === 'Hydra Market' && t.confidence === 'authority_data'));
  assert.equal(tags[0]?.address, '1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA');
  assert.equal(tags[2]?.address, 'bc1qj6j6p0jdefl6pvdzx3kx8245yy5mz6q4luhzes');
  assert.equal(tags[0]?.source, 'https://home.treasury.gov/policy-issues/financial-sanctions/recent-actions/20220405');
});

test('tag fields override the header: binance wallets carry their own currency and label', async () => {
  const { tags } = await parseTagFiles('tagpack', [pack('exchange-wallets-binance.yaml')]);
  assert.equal(tags.length, 86);
  const byCurrency: Record<string, number> = {};
  for (const t of tags) byCurrency[t.currency] = (byCurrency[t.currency] ?? 0) + 1;
  assert.deepEqual(byCurrency, { BTC: 4, ETH: 32, TRX: 9, BEP2: 25, BEP20: 16 });
  assert.ok(tags.every((t) => t.actor === 'binance' && t.category === 'exchange'));
  assert.equal(tags.find((t) => t.address === '0xbe0eb53f46cd790cd13851d5eff43d12404d33e8')?.label, 'binance reserve wallets ETH');
});

test('ofac.yaml: 572 tags over 13 currencies; ransomware.yaml keeps GraphSense abuse', async () => {
  const { tags } = await parseTagFiles('tagpack', [pack('ofac.yaml'), pack('ransomware.yaml')]);
  const ofac = tags.slice(0, 572);
  assert.equal(tags.length, 572 + 7178);
  assert.equal(new Set(ofac.map((t) => t.currency)).size, 13);
  assert.ok(ofac.every((t) => t.category === 'user' && t.label === 'Asset listed under US Treasury OFAC Sanctions List'));
  const ransomware = tags.slice(572);
  assert.ok(ransomware.every((t) => t.abuse === 'ransomware' && t.category === undefined));
  assert.equal(ransomware[0]?.label, '7ev3n');
});

test('usdt_blacklist.yaml: addresses stay strings as written (0x0000… is not the number 0), context kept', async () => {
  const { tags } = await parseTagFiles('tagpack', [pack('usdt_blacklist.yaml')]);
  assert.equal(tags.length, 774);
  assert.equal(tags[1]?.address, '0x0000000000000000000000000000000000000000');
  assert.equal(tags[1]?.currency, 'ETH');
  assert.match(tags[1]?.context ?? '', /"token": "USDT"/);
});

test('miners.yaml (4 MB): 37,439 tags, actor per tag', async () => {
  const { tags } = await parseTagFiles('tagpack', [pack('miners.yaml')]);
  assert.equal(tags.length, 37439);
  assert.equal(tags.filter((t) => t.actor === 'deepbitnet').length, 31105);
  assert.equal(tags.filter((t) => t.actor === undefined).length, 528);
  assert.deepEqual(tags[0], {
    address: '1NFw6R8ySoyzCvRrKGK2jWDuVUcq8ECggP',
    currency: 'BTC',
    label: 'Sigmapool.com',
    actor: 'sigmapool',
    category: 'miner',
    source: 'https://github.com/MatteoRomiti/Deep_Dive_BTC_Mining_Pools/blob/master/dataset/miners.json',
    confidence: 'forensic',
  });
});

test('graphsense.actorpack.yaml: 3,813 actors; garantex is a Russian exchange', async () => {
  const { tags, actors } = await parseTagFiles('actorpack', [pack('graphsense.actorpack.yaml')]);
  assert.equal(tags.length, 0);
  assert.equal(actors.length, 3813);
  assert.deepEqual(actors.find((a) => a.id === 'garantex'), { id: 'garantex', label: 'Garantex Russia', categories: ['exchange'], jurisdictions: ['RU'], uri: 'garantex.io' });
  assert.deepEqual(actors.find((a) => a.id === 'hydramarket')?.jurisdictions, ['RU']);
  assert.equal(actors.filter((a) => a.jurisdictions.includes('RU')).length, 13);
  // '01' is quoted in the file and must stay the string, not become the number 1.
  assert.equal(actors[0]?.id, '01');
});

test('bitcoin-data pool-list.json: 148 pools, 200 payout addresses, 171 coinbase tags', async () => {
  const set = await parseTagFiles('mining-pools', [pools('bitcoin-data_pool-list.json')]);
  assert.equal(set.actors.length, 148);
  assert.equal(set.tags.length, 200);
  assert.equal(set.coinbaseTags?.length, 171);
  const emcd = set.tags.filter((t) => t.actor === 'emcdpool');
  assert.deepEqual(emcd, [{ address: '1BDbsWi3Mrcjp1wdop3PWFNCNZtu4R7Hjy', currency: 'BTC', label: 'EMCDPool', actor: 'emcdpool', category: 'mining_pool', source: 'https://pool.emcd.io' }]);
  assert.deepEqual(set.actors.find((a) => a.id === 'emcdpool'), { id: 'emcdpool', label: 'EMCDPool', categories: ['mining_pool'], jurisdictions: [], uri: 'https://pool.emcd.io' });
  assert.ok(set.coinbaseTags?.some((c) => c.tag === '/EMCD/' && c.pool === 'EMCDPool' && c.actor === 'emcdpool'));
});

test('mempool pools-v2.json: 168 pools (167 actors: "Bitcoin India" and "BitcoinIndia" share a slug), 217 payout addresses', async () => {
  const set = await parseTagFiles('mining-pools', [pools('mempool_pools-v2.json')]);
  assert.equal(set.tags.length, 217);
  assert.equal(set.actors.length, 167);
  assert.equal(set.coinbaseTags?.length, 197);
  assert.equal(set.tags.filter((t) => t.actor === 'terrapool').length, 3);
});

test('btccom pools.json: 149 coinbase tags, 190 payout addresses, 4 of them EMCD', async () => {
  const set = await parseTagFiles('mining-pools', [pools('btccom_pools.json')]);
  assert.equal(set.coinbaseTags?.length, 149);
  assert.equal(set.tags.length, 190);
  assert.equal(set.actors.length, 140); // 141 pool names, "BitcoinIndia"/"Bitcoin India" again one slug
  assert.equal(set.tags.filter((t) => /emcd/i.test(t.label)).length, 4);
  assert.deepEqual(set.coinbaseTags?.find((c) => c.tag === '/BTC.COM/'), { tag: '/BTC.COM/', pool: 'CloverPool', actor: 'cloverpool' });
  assert.ok(set.tags.every((t) => t.currency === 'BTC' && t.category === 'mining_pool'));
});

test('several files in one call: tags concatenated, actors unique by id', async () => {
  const set = await parseTagFiles('mining-pools', [pools('bitcoin-data_pool-list.json'), pools('mempool_pools-v2.json')]);
  assert.equal(set.tags.length, 200 + 217);
  assert.equal(new Set(set.actors.map((a) => a.id)).size, set.actors.length);
  assert.equal(set.coinbaseTags?.length, 171 + 197);
});

test('poolSlug follows GraphSense-style ids', () => {
  assert.equal(poolSlug('BTC.com'), 'btccom');
  assert.equal(poolSlug('F2Pool'), 'f2pool');
  assert.equal(poolSlug('八宝池'), '八宝池');
});

const CSV = [
  'address,currency,label,actor,category,jurisdiction,source,confidence',
  '1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA,btc,Hydra Market,hydramarket,market,RU,https://home.treasury.gov/,authority_data',
  '"TXk8rQSAvPvBBNtqSoY6nCfsXWCSSpTVQF",TRX,"Exchange, hot wallet",garantex,exchange,ru;KG,internal review,',
  ',,,,,,,',
  '0xdac17f958d2ee523a2206206994597c13d831ec7,ETH,,,,,,',
].join('\r\n');

test('csv: our tag format, header names the columns, jurisdictions split on ";"', async () => {
  const { tags, actors } = await parseTagFiles('csv', [textInput('tags.csv', CSV)]);
  assert.equal(actors.length, 0);
  assert.deepEqual(tags, [
    { address: '1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA', currency: 'BTC', label: 'Hydra Market', actor: 'hydramarket', category: 'market', jurisdictions: ['RU'], source: 'https://home.treasury.gov/', confidence: 'authority_data' },
    { address: 'TXk8rQSAvPvBBNtqSoY6nCfsXWCSSpTVQF', currency: 'TRX', label: 'Exchange, hot wallet', actor: 'garantex', category: 'exchange', jurisdictions: ['RU', 'KG'], source: 'internal review' },
    { address: '0xdac17f958d2ee523a2206206994597c13d831ec7', currency: 'ETH', label: '0xdac17f958d2ee523a2206206994597c13d831ec7' },
  ]);
});

test('csv: columns in any order, optional ones left out', async () => {
  const { tags } = await parseTagFiles('csv', [textInput('t.csv', 'currency,address\nBTC,bc1qj6j6p0jdefl6pvdzx3kx8245yy5mz6q4luhzes\n')]);
  assert.deepEqual(tags, [{ address: 'bc1qj6j6p0jdefl6pvdzx3kx8245yy5mz6q4luhzes', currency: 'BTC', label: 'bc1qj6j6p0jdefl6pvdzx3kx8245yy5mz6q4luhzes' }]);
});

test('csv: bad input is refused with its code and line', async () => {
  assert.deepEqual(await failure('csv', [textInput('t.csv', '')]), { code: 'SEK_LIST_EMPTY', file: 't.csv', position: undefined });
  assert.equal((await failure('csv', [textInput('t.csv', 'address,currency\n')])).code, 'SEK_LIST_EMPTY');
  assert.equal((await failure('csv', [textInput('t.csv', 'address,label\n1abc,x\n')])).code, 'SEK_LIST_FORMAT');
  assert.equal((await failure('csv', [textInput('t.csv', 'address,currency,jurisdictions\n1abc,BTC,RU\n')])).code, 'SEK_LIST_FORMAT');
  assert.deepEqual(await failure('csv', [textInput('t.csv', 'address,currency\n1abc,BTC\n,ETH\n')]), { code: 'SEK_LIST_PARSE', file: 't.csv', position: 'line 3' });
  assert.deepEqual(await failure('csv', [textInput('t.csv', 'address,currency\n1abc,\n')]), { code: 'SEK_LIST_PARSE', file: 't.csv', position: 'line 2' });
  assert.equal((await failure('csv', [textInput('t.csv', 'address,currency,jurisdiction\n1abc,BTC,Russia\n')])).code, 'SEK_LIST_PARSE');
  assert.equal((await failure('csv', [textInput('t.csv', 'address,currency\n"1abc,BTC\n')])).code, 'SEK_LIST_PARSE');
});

test('tagpack: bad input is refused with the right code, naming the file', async () => {
  assert.deepEqual(await failure('tagpack', [textInput('empty.yaml', '')]), { code: 'SEK_LIST_EMPTY', file: 'empty.yaml', position: undefined });
  assert.equal((await failure('tagpack', [textInput('blank.yaml', '\n  \n')])).code, 'SEK_LIST_EMPTY');
  const notYaml = await failure('tagpack', [textInput('x.yaml', 'title: x\ntags: [a, b\ncurrency: BTC\n')]);
  assert.equal(notYaml.code, 'SEK_LIST_FORMAT');
  assert.equal(notYaml.file, 'x.yaml');
  assert.equal((await failure('tagpack', [textInput('prose.txt', 'just a sentence, not a tag pack\n')])).code, 'SEK_LIST_FORMAT');
  assert.equal((await failure('tagpack', [textInput('bin.yaml', new Uint8Array([0xff, 0xfe, 0x00, 0x80]))])).code, 'SEK_LIST_FORMAT');
  assert.deepEqual(await failure('tagpack', [textInput('notags.yaml', 'title: x\ncurrency: BTC\nlabel: y\n')]), { code: 'SEK_LIST_PARSE', file: 'notags.yaml', position: undefined });
  assert.deepEqual(await failure('tagpack', [textInput('noaddr.yaml', 'title: x\ncurrency: BTC\nlabel: y\ntags:\n- address: 1abc\n- label: z\n')]), { code: 'SEK_LIST_PARSE', file: 'noaddr.yaml', position: 'line 6' });
  assert.equal((await failure('tagpack', [textInput('nocur.yaml', 'label: y\ntags:\n- address: 1abc\n')])).code, 'SEK_LIST_PARSE');
  assert.equal((await failure('tagpack', [textInput('none.yaml', 'label: y\ncurrency: BTC\ntags: []\n')])).code, 'SEK_LIST_EMPTY');
  // The actor pack is not a TagPack: it has no tags.
  assert.equal((await failure('tagpack', [pack('hydra.yaml'), pack('graphsense.actorpack.yaml')])).code, 'SEK_LIST_PARSE');
  assert.equal((await failure('tagpack', [])).code, 'SEK_LIST_FILES');
});

test('actorpack and mining-pools: bad input is refused with the right code', async () => {
  assert.equal((await failure('actorpack', [pack('hydra.yaml')])).code, 'SEK_LIST_PARSE');
  assert.deepEqual(await failure('actorpack', [textInput('a.yaml', 'actors:\n- id: x\n- label: y\n')]), { code: 'SEK_LIST_PARSE', file: 'a.yaml', position: 'line 3' });
  assert.equal((await failure('actorpack', [textInput('a.yaml', '')])).code, 'SEK_LIST_EMPTY');
  assert.equal((await failure('mining-pools', [textInput('p.json', '[]')])).code, 'SEK_LIST_EMPTY');
  assert.equal((await failure('mining-pools', [textInput('p.json', '[{"id": 1, "name": "A", "addresses": ["1abc"')])).code, 'SEK_LIST_TRUNCATED');
  assert.equal((await failure('mining-pools', [textInput('p.json', 'title: x\n')])).code, 'SEK_LIST_FORMAT');
  assert.equal((await failure('mining-pools', [textInput('p.json', '{"pools": []}')])).code, 'SEK_LIST_FORMAT');
  assert.equal((await failure('mining-pools', [textInput('p.json', '[{"id": 1, "addresses": []}]')])).code, 'SEK_LIST_PARSE');
});
