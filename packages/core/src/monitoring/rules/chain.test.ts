import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Exposure, ExposureFinding, MiningOrigin } from '../../exposure/types.ts';
import { activity, at, context, deposit, event, withdrawal } from '../test-support.ts';
import { anonymityFlows, directExposure, indirectExposure, miningPayout, rubleRailToken } from './chain.ts';

const finding = (over: Partial<ExposureFinding>): ExposureFinding => ({
  kind: 'INDIRECT',
  actor: 'ofac:36025',
  label: 'GARANTEX EUROPE OU',
  categories: ['exchange'],
  jurisdictions: ['RU'],
  sanctioned: true,
  sources: ['ofac-advanced'],
  hops: 3,
  share: 0.75,
  amount: '75000000',
  path: [{ tx: 'b'.repeat(64), vout: 0, address: '3Lpoy53K625zVeE47ZasiG5jGkAxJ27kh1' }],
  ...over,
});

const exposure = (over: Partial<Exposure>): Exposure => ({
  subject: { kind: 'tx', chain: 'bitcoin', txid: 'a'.repeat(64) },
  direction: 'in',
  method: 'haircut',
  hops: 4,
  amount: '100000000',
  asset: 'native',
  findings: [],
  byCategory: [],
  mining: [],
  unattributed: 0,
  untraced: 0,
  found: true,
  nodesExpanded: 3,
  ...over,
});

const runs = (rule: typeof directExposure, ev: ReturnType<typeof deposit>, e: Exposure) => rule.evaluate(ev, context(ev, { exposure: e }), rule.defaults);

test('rules 16 and 17 split one exposure by kind: Garantex 3 hops back is indirect (17) and freezes a deposit at 75%', () => {
  const dep = deposit();
  const e = exposure({ findings: [finding({})] });
  assert.equal(runs(directExposure, dep, e), undefined);
  const hit = runs(indirectExposure, dep, e);
  assert.equal(hit?.outcome, 'freeze');
  assert.match(hit!.reasons[0]!, /75\.00% of the funds came from GARANTEX EUROPE OU .* indirect, 3 hops/);
});

test('rule 16: the sanctioned counterparty itself blocks a withdrawal at any share; an exchange (not high risk) decides nothing', () => {
  const wd = withdrawal();
  assert.equal(runs(directExposure, wd, exposure({ direction: 'out', findings: [finding({ kind: 'DIRECT', hops: 1, share: 0.001 })] }))?.outcome, 'block');
  assert.equal(runs(directExposure, wd, exposure({ direction: 'out', findings: [finding({ kind: 'DIRECT', sanctioned: false, categories: ['exchange'] })] })), undefined);
});

test('rule 17: a sanctioned share under the review threshold is no hit when the policy sets one', () => {
  const dep = deposit();
  const e = exposure({ findings: [finding({ share: 0.004 })] });
  const policy = { categories: { sanctioned: { review: 0.005 } }, miningFlagged: {} };
  assert.equal(indirectExposure.evaluate(dep, context(dep, { exposure: e }), { policy }), undefined);
  assert.equal(indirectExposure.evaluate(dep, context(dep, { exposure: exposure({ findings: [finding({ share: 0.006 })] }) }), { policy })?.outcome, 'review');
});

test('rules 16 and 17 do not run without a traced exposure, or for a subject the store does not hold', () => {
  const dep = deposit();
  assert.equal(indirectExposure.evaluate(dep, context(dep), indirectExposure.defaults), undefined);
  assert.equal(runs(indirectExposure, dep, exposure({ found: false, findings: [finding({})] })), undefined);
});

test('rule 35: coinbase funds of a Russia-based pool reach review at 1%, hold at 50%; an unflagged pool none', () => {
  const origin = (over: Partial<MiningOrigin>): MiningOrigin => ({ pool: 'EMCDPool', actor: 'emcdpool', jurisdictions: ['RU'], sanctioned: false, flagged: true, by: 'coinbase-tag', evidence: '/EMCD/', hops: 2, share: 0.6, amount: '1', path: [], ...over });
  const dep = deposit();
  assert.equal(runs(miningPayout, dep, exposure({ mining: [origin({})] }))?.outcome, 'hold');
  assert.equal(runs(miningPayout, dep, exposure({ mining: [origin({ share: 0.02 })] }))?.outcome, 'review');
  assert.equal(runs(miningPayout, dep, exposure({ mining: [origin({ flagged: false, jurisdictions: [] })] })), undefined);
});

test('rule 22: mixers over 5%, privacy coins, and chain hopping within a day; not a mixer share of 4%', () => {
  const dep = deposit();
  const mixed = exposure({ byCategory: [{ category: 'mixing_service', share: 0.2, amount: '1', actor: 'x', path: [] }] });
  assert.match(anonymityFlows.evaluate(dep, context(dep, { exposure: mixed }), anonymityFlows.defaults)!.reasons[0]!, /20\.00% of the funds came through a mixing service/);
  const little = exposure({ byCategory: [{ category: 'mixing_service', share: 0.04, amount: '1', actor: 'x', path: [] }] });
  assert.equal(anonymityFlows.evaluate(dep, context(dep, { exposure: little }), anonymityFlows.defaults), undefined);

  const xmr = deposit({ chain: 'bitcoin', asset: 'XMR' });
  assert.ok(anonymityFlows.evaluate(xmr, context(xmr), anonymityFlows.defaults));

  const wd = withdrawal({ chain: 'ethereum', asset: 'ETH', destinationAddress: '0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c', amountJpy: 1_400_000 });
  const hop = [activity({ at: at(-120), type: 'deposit.detected', asset: 'BTC', amountJpy: 1_500_000 })];
  assert.match(anonymityFlows.evaluate(wd, context(wd, { history: hop }), anonymityFlows.defaults)!.reasons[0]!, /chain hopping/);
  const slow = [activity({ at: at(-30 * 60), type: 'deposit.detected', asset: 'BTC', amountJpy: 1_500_000 })];
  assert.equal(anonymityFlows.evaluate(wd, context(wd, { history: slow }), anonymityFlows.defaults), undefined);
});

test('rule 23: a deposit, withdrawal or trade in A7A5 holds; USDT, or a ticker that merely contains A7A5, does not', () => {
  const dep = deposit({ chain: 'tron', asset: 'a7a5', sourceAddresses: ['TU4tDFRvcKhAZ1jdihojmBWZqvJhQCnJ4F'] });
  const hit = rubleRailToken.evaluate(dep, context(dep), rubleRailToken.defaults);
  assert.ok(hit);
  assert.equal(rubleRailToken.outcome, 'hold');
  assert.match(hit.reasons[0]!, /a deposit of A7A5: A7A5 is a ruble-rail token/);
  assert.deepEqual(hit.evidence, { asset: 'A7A5', tokens: ['A7A5'] });
  const wd = withdrawal({ chain: 'ethereum', asset: 'A7A5', destinationAddress: '0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c' });
  assert.ok(rubleRailToken.evaluate(wd, context(wd), rubleRailToken.defaults));
  const trade = event('trade', { market: 'A7A5/USDT', side: 'buy', amount: '1000', price: '0.0123' });
  assert.match(rubleRailToken.evaluate(trade, context(trade), rubleRailToken.defaults)!.reasons[0]!, /a trade in A7A5\/USDT/);
  // Near cases: another stablecoin, a ticker containing the letters, a market of other assets.
  const usdt = deposit({ chain: 'tron', asset: 'USDT', sourceAddresses: ['TU4tDFRvcKhAZ1jdihojmBWZqvJhQCnJ4F'] });
  assert.equal(rubleRailToken.evaluate(usdt, context(usdt), rubleRailToken.defaults), undefined);
  const lookalike = deposit({ chain: 'ethereum', asset: 'A7A5X', sourceAddresses: ['0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c'] });
  assert.equal(rubleRailToken.evaluate(lookalike, context(lookalike), rubleRailToken.defaults), undefined);
  const btc = event('trade', { market: 'BTC/JPY', side: 'sell', amount: '1', price: '15000000' });
  assert.equal(rubleRailToken.evaluate(btc, context(btc), rubleRailToken.defaults), undefined);
  // A configured list replaces the default.
  assert.ok(rubleRailToken.evaluate(usdt, context(usdt), { tokens: ['USDT'] }));
  assert.equal(rubleRailToken.evaluate(dep, context(dep), { tokens: [] }), undefined);
});
