/**
 * Coinbase attribution on the real mining-pool lists (../shared/chain-analytics) and the real
 * block 413,567. The synthetic coinbases are built by hand: a BIP-34 height push followed by
 * the bytes of a tag taken verbatim from the lists (bitcoin-data/mining-pools pool-list.json),
 * as pools write them into the coinbase input's scriptSig.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileInput, sharedPath, textInput } from '../../test/helpers.ts';
import { parseTagFiles } from '../tags/index.ts';
import type { TagSet } from '../tags/types.ts';
import type { Attribution } from '../exposure/types.ts';
import { parseBlock } from './bitcoin/block.ts';
import { attributeCoinbase, buildPoolIndex, coinbaseText, type CoinbaseLike } from './pools.ts';

const LISTS = ['mining-pools_bitcoin-data_pool-list.json', 'mining-pools_mempool_pools-v2.json', 'mining-pools_btccom_pools.json'];
const lists = (names = LISTS) => parseTagFiles('mining-pools', names.map((n) => fileInput(sharedPath(`chain-analytics/${n}`))));

/** A coinbase scriptSig: the BIP-34 push of `height` (3 bytes, little-endian), then the tag's UTF-8 bytes. */
function scriptSig(height: number, text: string): string {
  const h = Buffer.from([3, height & 0xff, (height >> 8) & 0xff, (height >> 16) & 0xff]);
  return Buffer.concat([h, Buffer.from(text, 'utf8'), Buffer.from([0xfa, 0xbe, 0x6d, 0x6d])]).toString('hex');
}

function coinbase(text: string, outputs: { address?: string; value: bigint }[] = [{ address: '1CounterpartyXXXXXXXXXXXXXXXUWLpVr', value: 312_500_000n }]): CoinbaseLike {
  return { coinbase: true, inputs: [{ scriptSig: scriptSig(840_000, text) }], outputs: outputs.map((o, vout) => ({ ...o, vout })) };
}

const block413567 = () => parseBlock(new Uint8Array(readFileSync(sharedPath('chain-analytics/btc_mainnet_block_413567.raw'))), { checkMerkleRoot: false });

test('block 413,567: the coinbase is F2Pool\'s, by payout address and by its tags in the coinbase data', async () => {
  // Evidence, read from the block itself: the coinbase data holds the UTF-8 bytes e4b883e5bda9e7a59ee4bb99e9b1bc
  // ("七彩神仙鱼", F2Pool's Chinese name) and f09f909f ("🐟") — both F2Pool tags in all three lists — then
  // "Mined by chenguanghai" (F2Pool wrote the miner's user name after its fish); its only output pays
  // 1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY, F2Pool's payout address in the bitcoin-data and mempool lists.
  // Two independent signals agree; no list names another pool for either.
  const { transactions } = block413567();
  const cb = transactions[0]!;
  assert.match(coinbaseText(cb.inputs[0]!.scriptSig), /七彩神仙鱼[^]*🐟\u0015Mined by chenguanghai/);
  const pools = await lists();
  const actorPack = await parseTagFiles('actorpack', [fileInput(sharedPath('chain-analytics/tagpacks/graphsense.actorpack.yaml'))]);
  const index = buildPoolIndex([pools, actorPack]);
  assert.deepEqual(attributeCoinbase(cb, index), {
    pool: 'F2Pool',
    actor: 'f2pool',
    jurisdictions: ['CN'], // from GraphSense's actor pack (id f2pool)
    sanctioned: false,
    by: 'payout-address',
    evidence: '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY',
  });
  // By its tags alone (payout addresses left out): the longest tag present wins.
  const byTag = attributeCoinbase(cb, buildPoolIndex({ coinbaseTags: pools.coinbaseTags ?? [] }));
  assert.deepEqual(byTag && { pool: byTag.pool, by: byTag.by, evidence: byTag.evidence }, { pool: 'F2Pool', by: 'coinbase-tag', evidence: '七彩神仙鱼' });
  // Every other transaction of the block is not a coinbase: no pool.
  assert.ok(transactions.slice(1).every((tx) => attributeCoinbase(tx, index) === undefined));
});

test('a coinbase tagged /EMCD/ (a Russia-based pool) is EMCDPool\'s; the jurisdiction comes from an analyst\'s CSV row', async () => {
  const pools = await lists();
  const csv = await parseTagFiles('csv', [textInput('pools-ru.csv', 'address,currency,label,actor,category,jurisdiction\n1BDbsWi3Mrcjp1wdop3PWFNCNZtu4R7Hjy,BTC,EMCD,emcdpool,mining_pool,RU\n14R2r9FkyDmyxGB9xUVwVLdgsX9YfdVamk,BTC,Bitcoin Russia,bitcoinrussia,mining_pool,RU\n')]);
  const index = buildPoolIndex([pools, csv]);
  const emcd = attributeCoinbase(coinbase('/EMCD/'), index);
  assert.deepEqual(emcd, { pool: 'EMCDPool', actor: 'emcdpool', jurisdictions: ['RU'], sanctioned: false, by: 'coinbase-tag', evidence: '/EMCD/' });
  const russia = attributeCoinbase(coinbase('/Bitcoin-Russia.ru/'), index);
  assert.equal(russia?.actor, 'bitcoinrussia');
  assert.deepEqual(russia?.jurisdictions, ['RU']);
  // Without the CSV no source states where EMCD is: the lists and GraphSense's actor pack do not.
  assert.deepEqual(attributeCoinbase(coinbase('/EMCD/'), buildPoolIndex(pools))?.jurisdictions, []);
});

test('the longest matching tag wins: "/EMCD/" contains EclipseMC\'s tag "EMC"', async () => {
  const index = buildPoolIndex(await lists());
  assert.equal(attributeCoinbase(coinbase('EMC:'), index)?.actor, 'eclipsemc');
  assert.equal(attributeCoinbase(coinbase('/EMCD/'), index)?.actor, 'emcdpool');
  assert.equal(attributeCoinbase(coinbase('xx/EMCD/yy'), index)?.evidence, '/EMCD/');
});

test('payout address: attributes a coinbase with no known tag, and is taken before a tag naming another pool', async () => {
  const index = buildPoolIndex(await lists());
  // btccom's list gives EMCD four payout addresses (bitcoin-data has one).
  const payout = coinbase('/some solo miner/', [{ address: '3LwoXDToPiq2rBaQzoe2ZnaUvhGykFp2LM', value: 312_500_000n }]);
  assert.deepEqual(attributeCoinbase(payout, index), { pool: 'EMCDPool', actor: 'emcdpool', jurisdictions: [], sanctioned: false, by: 'payout-address', evidence: '3LwoXDToPiq2rBaQzoe2ZnaUvhGykFp2LM' });
  const both = coinbase('/ViaBTC/', [
    { value: 0n }, // OP_RETURN witness commitment: no address
    { address: '1BDbsWi3Mrcjp1wdop3PWFNCNZtu4R7Hjy', value: 312_500_000n },
  ]);
  assert.equal(attributeCoinbase(both, index)?.actor, 'emcdpool');
  assert.equal(attributeCoinbase({ ...both, outputs: [] }, index)?.actor, 'viabtc');
});

test('payout addresses from GraphSense miner tags (miners_additional.yaml) attribute too', async () => {
  const miners = await parseTagFiles('tagpack', [fileInput(sharedPath('chain-analytics/tagpacks/miners_additional.yaml'))]);
  const index = buildPoolIndex(miners);
  const a = attributeCoinbase(coinbase('', [{ address: '1JPyXzZ2DipMTieYsf9GWLHa4X5rRBtXRD', value: 1n }]), index);
  assert.deepEqual(a && [a.pool, a.actor, a.by], ['BitcoinRussia', 'bitcoinrussia', 'payout-address']);
});

test('lists that disagree: the pool more lists name wins, whatever the load order', async () => {
  const forward = buildPoolIndex(await lists());
  const backward = buildPoolIndex(await lists([...LISTS].reverse()));
  for (const tag of ['/BTC.com/', 'OCEAN.XYZ', 'BitFuFu']) {
    assert.deepEqual(attributeCoinbase(coinbase(tag), forward), attributeCoinbase(coinbase(tag), backward), tag);
  }
  // bitcoin-data and btccom say BTC.com, mempool's list (renamed) says CloverPool.
  assert.equal(attributeCoinbase(coinbase('/BTC.com/'), forward)?.actor, 'btccom');
});

test('no pool: an unknown coinbase, an empty one, and a transaction that is not a coinbase', async () => {
  const index = buildPoolIndex(await lists());
  assert.equal(attributeCoinbase(coinbase('/nobody we know/'), index), undefined);
  assert.equal(attributeCoinbase({ coinbase: true, inputs: [{ scriptSig: '' }], outputs: [] }, index), undefined);
  assert.equal(attributeCoinbase({ ...coinbase('/EMCD/'), coinbase: false }, index), undefined);
  // The stored form (no scriptSig, only the printable tag text) still matches an ASCII tag.
  assert.equal(attributeCoinbase({ coinbase: true, coinbaseTag: '/EMCD/ x', inputs: [{}], outputs: [] }, index)?.actor, 'emcdpool');
});

test('sanctioned: by the actor\'s category, or when a list wallet is paid by the coinbase', async () => {
  const pools = await lists();
  const sanctionedActor: TagSet = { tags: [], actors: [{ id: 'emcdpool', label: 'EMCD', categories: ['mining_pool', 'sanction'], jurisdictions: ['RU'] }] };
  assert.equal(attributeCoinbase(coinbase('/EMCD/'), buildPoolIndex([pools, sanctionedActor]))?.sanctioned, true);
  const listed: Attribution = { actor: 'ofac:1', label: 'X', categories: ['sanctioned'], jurisdictions: [], sanctioned: true, source: 'list:us_ofac_sdn v1', via: 'address' };
  const attributor = (_chain: string, address: string) => (address === '1CounterpartyXXXXXXXXXXXXXXXUWLpVr' ? [listed] : []);
  const index = buildPoolIndex(pools);
  assert.equal(attributeCoinbase(coinbase('/EMCD/'), index, { attributor })?.sanctioned, true);
  assert.equal(attributeCoinbase(coinbase('/EMCD/'), index)?.sanctioned, false);
});
