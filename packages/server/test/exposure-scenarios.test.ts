/**
 * Exposure scenarios on real sanctions data (issue 6): the OFAC SDN advanced XML of 2025-11-19
 * is loaded as a list, so Garantex's Bitcoin address 3Lpoy53K625zVeE47ZasiG5jGkAxJ27kh1 and its
 * Ethereum address 0x7FF9cFad3877F21d41Da833E2F775dB0569eE3D9 are attributed by the list itself.
 * The transactions around them are built here (no public flow data of Garantex exists, see
 * research/chain-analytics.md §4c): funds leave Garantex, pass two unlabelled hops and reach a
 * customer's deposit; a second deposit comes from an unrelated branch. The mining scenario pays
 * a deposit from a coinbase whose data carries EMCD's real coinbase tag "/EMCD/" (bitcoin-data
 * and mempool mining-pool lists), with the pool's Russian jurisdiction given by an analyst's tag.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { base58Address, hash160, sha256d, toHex, type AccountTransfer, type UtxoTransaction } from '@sekisho/core';
import type { App } from '../src/app.ts';
import { loadTags } from '../src/services/tag-loader.ts';
import { createChainStore } from '../src/storage/chain-store.ts';
import { cli, sharedPath, testApp, type TestDatabase } from './helpers.ts';

const GARANTEX_BTC = '3Lpoy53K625zVeE47ZasiG5jGkAxJ27kh1';
const GARANTEX_ETH = '0x7ff9cfad3877f21d41da833e2f775db0569ee3d9';
const BTC = 100_000_000n;
const encoder = new TextEncoder();

/** A txid of 64 hex digits for a label (the double SHA-256 of it, as a real txid is of its bytes). */
const txid = (label: string) => toHex(sha256d(encoder.encode(label)));
/** A valid P2PKH address for a label (its HASH160 as the key hash). */
const p2pkh = (label: string) => base58Address(0x00, hash160(encoder.encode(label)));

function tx(label: string, height: number, inputs: [string, number][], outputs: [string, bigint][], extra: Partial<UtxoTransaction> = {}): UtxoTransaction {
  return {
    chain: 'bitcoin',
    txid: txid(label),
    blockHeight: height,
    blockHash: txid(`block ${height}`),
    index: 1,
    time: 1_700_000_000 + height * 600,
    coinbase: false,
    inputs: inputs.map(([prev, vout]) => ({ prevTxid: txid(prev), prevVout: vout, scriptSig: '', sequence: 0xffffffff })),
    outputs: outputs.map(([address, value], vout) => ({ vout, value, script: '', type: address.startsWith('3') ? 'p2sh' : 'p2pkh', address })),
    ...extra,
  };
}

const hop1 = p2pkh('hop one');
const hop2 = p2pkh('hop two');
const deposit = p2pkh('customer deposit');
const other = p2pkh('unrelated source');
const otherHop = p2pkh('unrelated hop');
const deposit2 = p2pkh('second deposit');
const minerPayout = p2pkh('miner payout');
const miningDeposit = p2pkh('mining deposit');

//  G0:  (funding of Garantex, not stored)  -> Garantex 5 BTC
//  G1:  Garantex 5 BTC                      -> hop1 3 BTC, Garantex 1.99 (change)
//  G2:  hop1 3 BTC + F0:0 (clean 1 BTC)     -> hop2 3.99
//  G3:  hop2 3.99                           -> deposit 2.5, hop2 1.49 (change)
//  U1:  other 4 BTC                         -> otherHop 3.999
//  U2:  otherHop 3.999                      -> deposit2 3.998
//  Haircut back from G3's output to `deposit`: G3 <- G2:0 (all) <- hop1 3/4 (Garantex behind it), F0 1/4.
//  hop1 <- G1:0 <- Garantex's own output: Garantex share = 3/4, hops 3 (G2's input hop1 at hop 2,
//  G1's input, Garantex's address, at hop 3).
const blocks: UtxoTransaction[][] = [
  [tx('G0', 100, [['outside', 0]], [[GARANTEX_BTC, 5n * BTC]]), tx('F0', 100, [['outside', 1]], [[p2pkh('clean'), 1n * BTC]]), tx('U0', 100, [['outside', 2]], [[other, 4n * BTC]])],
  [tx('G1', 101, [['G0', 0]], [[hop1, 3n * BTC], [GARANTEX_BTC, 199_000_000n]]), tx('U1', 101, [['U0', 0]], [[otherHop, 399_900_000n]])],
  [tx('G2', 102, [['G1', 0], ['F0', 0]], [[hop2, 399_000_000n]]), tx('U2', 102, [['U1', 0]], [[deposit2, 399_800_000n]])],
  [tx('G3', 103, [['G2', 0]], [[deposit, 250_000_000n], [hop2, 149_000_000n]])],
  // Mining: a coinbase with EMCD's tag pays minerPayout; the miner sends it on to the exchange.
  [
    tx('CB', 104, [], [[minerPayout, 625_000_000n]], { coinbase: true, index: 0, coinbaseTag: '\u0003\u0088\u0057\u0006/EMCD/Mined by a customer', inputs: [{ scriptSig: '0388570600', sequence: 0xffffffff }] }),
  ],
  [tx('M1', 205, [['CB', 0]], [[miningDeposit, 624_000_000n]])],
];

describe('exposure scenarios on the real OFAC list', () => {
  let app: App;
  let db: TestDatabase;
  let dir: string;
  let close: () => Promise<void>;

  before(async () => {
    ({ app, db, dir, close } = await testApp());
    await app.loader.load('ofac-advanced', [sharedPath('chain-analytics/ofac_sdn_advanced_2025-11-19.xml.bz2')]);
    // The three public mining-pool lists, and the analyst's jurisdiction for EMCD's pool.
    await loadTags(app.tags, 'mining-pools', [sharedPath('chain-analytics/mining-pools_bitcoin-data_pool-list.json'), sharedPath('chain-analytics/mining-pools_mempool_pools-v2.json'), sharedPath('chain-analytics/mining-pools_btccom_pools.json')]);
    const csv = join(dir, 'analyst-tags.csv');
    writeFileSync(csv, 'address,currency,label,actor,category,jurisdiction,source\n1BDbsWi3Mrcjp1wdop3PWFNCNZtu4R7Hjy,BTC,EMCD payout,emcdpool,mining_pool,RU,research/chain-analytics.md (Russian/CIS pools)\n');
    await loadTags(app.tags, 'csv', [csv]);
    await app.screening.refresh();
    const chain = createChainStore(app.store);
    for (const transactions of blocks) {
      const first = transactions[0]!;
      await chain.ingestUtxo([{ block: { chain: 'bitcoin', height: first.blockHeight, hash: first.blockHash, parentHash: txid(`block ${first.blockHeight - 1}`), time: first.time, txCount: transactions.length }, transactions }]);
    }
  });
  after(() => close());

  test('a deposit two unlabelled hops from Garantex: the Garantex share and its path', async () => {
    const e = await app.exposure.trace({ kind: 'tx', chain: 'bitcoin', txid: txid('G3'), address: deposit }, { direction: 'in' });
    const g = e.findings.find((f) => f.sanctioned)!;
    assert.ok(g, JSON.stringify(e.findings));
    assert.match(g.label, /GARANTEX/);
    assert.equal(g.actor, 'ofac:36025');
    assert.equal(g.kind, 'INDIRECT');
    assert.ok(Math.abs(g.share - 0.75) < 1e-9, String(g.share));
    assert.equal(g.amount, (187_500_000n).toString());
    assert.deepEqual(
      g.path.map((s) => s.address),
      [hop2, hop1, GARANTEX_BTC],
    );
    assert.equal(g.hops, 3);
    assert.ok(g.sources.some((s) => s.startsWith('list:ofac-advanced')));
    // Two hops do not reach it.
    const near = await app.exposure.trace({ kind: 'tx', chain: 'bitcoin', txid: txid('G3'), address: deposit }, { direction: 'in', hops: 2 });
    assert.equal(near.findings.length, 0);
  });

  test('a deposit from an unrelated branch reports no exposure', async () => {
    const e = await app.exposure.trace({ kind: 'tx', chain: 'bitcoin', txid: txid('U2'), address: deposit2 }, { direction: 'in' });
    assert.equal(e.found, true);
    assert.deepEqual(e.findings, []);
    assert.deepEqual(e.mining, []);
  });

  test('forwards from Garantex: the deposit is where its funds went', async () => {
    // Attribute the deposit address as the exchange's (a tag), then trace Garantex's address out.
    const csv = join(dir, 'exchange.csv');
    writeFileSync(csv, `address,currency,label,actor,category\n${deposit},BTC,Our exchange,our-exchange,exchange\n`);
    await loadTags(app.tags, 'csv', [csv]);
    await app.screening.refresh();
    const e = await app.exposure.trace({ kind: 'tx', chain: 'bitcoin', txid: txid('G1') }, { direction: 'out' });
    const ours = e.findings.find((f) => f.actor === 'our-exchange')!;
    assert.ok(ours, JSON.stringify(e.findings));
    // G1's outputs: hop1 3 / 4.99, Garantex change 1.99 / 4.99 (Garantex itself is attributed: it stops there).
    // hop1 -> G2 -> hop2 (all) -> G3: deposit 2.5 / 3.99.
    assert.ok(Math.abs(ours.share - (3 / 4.99) * (2.5 / 3.99)) < 1e-9, String(ours.share));
  });

  test('the mining scenario: EMCD by its coinbase tag, Russia-based, flagged', async () => {
    const e = await app.exposure.trace({ kind: 'tx', chain: 'bitcoin', txid: txid('M1'), address: miningDeposit }, { direction: 'in' });
    assert.equal(e.mining.length, 1, JSON.stringify(e));
    const m = e.mining[0]!;
    assert.equal(m.pool, 'EMCDPool');
    assert.equal(m.by, 'coinbase-tag');
    assert.equal(m.evidence, '/EMCD/');
    assert.deepEqual(m.jurisdictions, ['RU']);
    assert.equal(m.flagged, true);
    assert.equal(m.share, 1);
    assert.equal(m.hops, 1);
  });

  test('sekisho trace and GET /v1/chain/exposure give the same answer', async () => {
    const out = await cli(db.url, 'trace', '--tx', txid('G3'), '--address', deposit, '--json');
    assert.equal(out.status, 0, out.stderr + out.stdout);
    const viaCli = out.json();
    assert.equal(viaCli.findings[0].actor, 'ofac:36025');
    const text = await cli(db.url, 'trace', '--tx', txid('G3'), '--address', deposit);
    assert.match(text.stdout, /INDIRECT\s+75\.00%\s+GARANTEX/);
    assert.match(text.stdout, /path /);
    const bad = await cli(db.url, 'trace', '--address', 'not-an-address', '--json');
    assert.equal(bad.status, 1);
    assert.match(bad.stdout + bad.stderr, /SEK_TRACE_QUERY/);
    const usage = await cli(db.url, 'trace', '--tx', txid('G3'), '--hops', '0');
    assert.equal(usage.status, 2);
  });

  test('events: the deposit is frozen and the reason names the path; the unrelated one is allowed', async () => {
    const frozen = await app.events.submit(
      { id: 'dep-garantex', type: 'deposit.detected', customerId: 'c-1', data: { chain: 'bitcoin', asset: 'BTC', txHash: txid('G3'), sourceAddresses: [hop2], depositAddress: deposit, amount: '2.5' } },
      'test',
    );
    // Rule 17 (indirect exposure) decides on the exposure under the exposure policy.
    const reason = frozen.answer.reasons.find((r) => r.check === 'rule.indirect-exposure')!;
    assert.equal(reason.rule, 17);
    assert.equal(frozen.answer.decision, 'freeze');
    assert.equal(reason.outcome, 'freeze');
    assert.match(reason.detail, /75\.00% of the funds came from GARANTEX/);
    assert.ok(reason.detail.includes(hop1) && reason.detail.includes(GARANTEX_BTC), reason.detail);
    const clean = await app.events.submit(
      { id: 'dep-clean', type: 'deposit.detected', customerId: 'c-1', data: { chain: 'bitcoin', asset: 'BTC', txHash: txid('U2'), sourceAddresses: [otherHop], depositAddress: deposit2, amount: '3.998' } },
      'test',
    );
    const cleanReason = clean.answer.reasons.find((r) => r.check === 'exposure.chain')!;
    assert.equal(cleanReason.outcome, 'allow');
    assert.match(cleanReason.detail, /nothing over the thresholds/);
    // A deposit the chain store does not hold says so and decides nothing by itself.
    const unknown = await app.events.submit(
      { id: 'dep-unknown', type: 'deposit.detected', customerId: 'c-1', data: { chain: 'bitcoin', asset: 'BTC', txHash: txid('nowhere'), sourceAddresses: [other], amount: '1' } },
      'test',
    );
    assert.match(unknown.answer.reasons.find((r) => r.check === 'exposure.chain')!.detail, /not in the chain store/);
    // The mining deposit is reviewed (Russia-based pool, 100% of the funds: hold at the default 50%).
    const mined = await app.events.submit(
      { id: 'dep-mined', type: 'deposit.detected', customerId: 'c-1', data: { chain: 'bitcoin', asset: 'BTC', txHash: txid('M1'), sourceAddresses: [minerPayout], depositAddress: miningDeposit, amount: '6.24' } },
      'test',
    );
    const m = mined.answer.reasons.find((r) => r.check === 'rule.mining-payout-origin')!;
    assert.equal(m.outcome, 'hold');
    assert.match(m.detail, /newly mined coins of EMCDPool \(RU\)/);
  });
});

describe('account-chain scenario: USDT from Garantex through two hops', () => {
  let app: App;
  let db: TestDatabase;
  let close: () => Promise<void>;
  const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7';
  const a = '0x1111111111111111111111111111111111111111';
  const b = '0x2222222222222222222222222222222222222222';
  const customer = '0x3333333333333333333333333333333333333333';
  const clean = '0x4444444444444444444444444444444444444444';
  const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
  const t = (n: number, from: string, to: string, value: bigint, extra: Partial<AccountTransfer> = {}): AccountTransfer => ({ chain: 'ethereum', txHash: hash(n), blockHeight: 17_000_000 + n, time: 1_683_000_000 + n * 12, logIndex: 5, from, to, value, asset: USDT, ok: true, ...extra });

  before(async () => {
    ({ app, db, close } = await testApp());
    await app.loader.load('ofac-advanced', [sharedPath('chain-analytics/ofac_sdn_advanced_2025-11-19.xml.bz2')]);
    await app.screening.refresh();
    const chain = createChainStore(app.store);
    // Garantex -> a 1,000 USDT; clean -> a 1,000; a -> b 1,500; b -> customer 1,200 (6 decimals).
    await chain.ingestTransfers([t(1, GARANTEX_ETH, a, 1_000_000_000n), t(2, clean, a, 1_000_000_000n), t(3, a, b, 1_500_000_000n), t(4, b, customer, 1_200_000_000n), t(5, GARANTEX_ETH, b, 9_000_000_000n)]);
  });
  after(() => close());

  test('the Garantex share of the deposit, by haircut and by poison', async () => {
    // customer <- b (before t4: a 1,500 only; t5 is later) <- a (before t3: Garantex 1,000, clean 1,000): 1/2.
    const e = await app.exposure.trace({ kind: 'tx', chain: 'ethereum', txid: hash(4), address: customer }, { direction: 'in' });
    assert.equal(e.asset, USDT);
    const g = e.findings[0]!;
    assert.equal(g.actor, 'ofac:36025');
    assert.ok(Math.abs(g.share - 0.5) < 1e-9);
    assert.equal(g.amount, '600000000');
    assert.deepEqual(g.path.map((s) => s.address), [b, a, GARANTEX_ETH]);
    const poison = await app.exposure.trace({ kind: 'tx', chain: 'ethereum', txid: hash(4), address: customer }, { direction: 'in', method: 'poison' });
    assert.equal(poison.findings[0]!.share, 1);
    const out = await cli(db.url, 'trace', '--address', customer, '--asset', 'USDT', '--json');
    assert.equal(out.status, 0, out.stderr);
    assert.ok(Math.abs(out.json().findings[0].share - 0.5) < 1e-9);
  });
});
