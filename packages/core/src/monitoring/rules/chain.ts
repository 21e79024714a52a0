/**
 * @module monitoring/rules/chain
 * On-chain exposure rules (catalogue 16, 17, 22 and the payout part of 35), over the exposure the
 * server traced for a deposit (backwards) or a withdrawal (forwards), issue 6. The thresholds
 * per category are the exposure policy (events/exposure.ts, SEKISHO_EXPOSURE_POLICY), so one
 * policy decides both; each rule keeps the findings of its own kind:
 * - 16 direct exposure: the counterparty's cluster itself is attributed (DIRECT, OWNERSHIP);
 * - 17 indirect exposure: attributed funds within the hops (INDIRECT);
 * - 22 anonymity-enhancing flows: mixers and CoinJoin services, privacy coins, bridges;
 * - 23 ruble-rail tokens: the asset itself is a ruble-backed stablecoin of a Russian payment network;
 * - 35 mining payouts from a pool flagged Russia-based or sanctioned.
 * Sources: research/monitoring.md §3.2 rules 16, 17, 22, 23, 35 (S9, S10, S15).
 */
import { z } from 'zod';
import { DEFAULT_EXPOSURE_POLICY, exposureReasons, type ExposurePolicy } from '../../events/exposure.ts';
import type { Reason } from '../../events/decision.ts';
import { DECISIONS, type Decision, type SekishoEvent } from '../../events/schema.ts';
import type { ExposureFinding } from '../../exposure/types.ts';
import { instantMs } from '../instant.ts';
import type { MonitoringContext, RuleDefinition } from '../types.ts';

const Threshold = z.strictObject({ review: z.number().min(0).max(1).optional(), hold: z.number().min(0).max(1).optional(), block: z.number().min(0).max(1).optional() });
const Policy = z.strictObject({ categories: z.record(z.string(), Threshold), miningFlagged: Threshold });
const ORDER: readonly Decision[] = DECISIONS;
const strictest = (reasons: Reason[]): Decision => reasons.reduce<Decision>((d, r) => (ORDER.indexOf(r.outcome) > ORDER.indexOf(d) ? r.outcome : d), 'allow');

function flowOf(event: SekishoEvent): 'in' | 'out' | undefined {
  return event.type === 'deposit.detected' ? 'in' : event.type === 'withdrawal.requested' ? 'out' : undefined;
}

/** The exposure reasons of the findings `keep` selects (and of mining origins when `mining`). */
function reasonsFor(ctx: MonitoringContext, flow: 'in' | 'out', policy: ExposurePolicy, keep: (f: ExposureFinding) => boolean, mining: boolean): Reason[] {
  const exposure = ctx.exposure;
  if (!exposure?.found) return [];
  const subset = { ...exposure, findings: exposure.findings.filter(keep), mining: mining ? exposure.mining : [] };
  return exposureReasons(subset, flow, policy).filter((r) => r.outcome !== 'allow' && (mining ? r.check === 'exposure.mining' : r.check === 'exposure.chain'));
}

function exposureRule(id: string, no: number, title: string, keep: (f: ExposureFinding) => boolean, mining: boolean): RuleDefinition<{ policy: ExposurePolicy }> {
  return {
    id,
    no,
    family: no === 35 ? 'mining' : 'counterparty',
    title,
    source: 'research/monitoring.md §3.2 rules 16, 17, 35; FSA guidance on blockchain analytics (S9), OFAC designations of Garantex, Hydra, BitRiver (S15)',
    events: ['deposit.detected', 'withdrawal.requested'],
    params: z.strictObject({ policy: Policy }),
    defaults: { policy: DEFAULT_EXPOSURE_POLICY },
    outcome: 'review',
    evaluate(event, ctx, p) {
      const flow = flowOf(event);
      if (!flow) return undefined;
      const reasons = reasonsFor(ctx, flow, p.policy, keep, mining);
      if (!reasons.length) return undefined;
      const score = Math.max(...reasons.map((r) => r.score ?? 0));
      return {
        outcome: strictest(reasons),
        score: Math.min(1, Math.max(score, 0.01)),
        reasons: reasons.map((r) => r.detail),
        evidence: { findings: reasons.map((r) => ({ actor: r.entityId, label: r.caption, share: r.score, severity: r.severity })) },
      };
    },
  };
}

export const directExposure = exposureRule('direct-exposure', 16, 'Direct exposure: the counterparty is an attributed high-risk service', (f) => f.kind !== 'INDIRECT', false);
export const indirectExposure = exposureRule('indirect-exposure', 17, 'Indirect exposure: funds within the hops come from or go to high-risk services', (f) => f.kind === 'INDIRECT', false);
export const miningPayout = exposureRule('mining-payout-origin', 35, 'Mining payouts from a pool flagged Russia-based or sanctioned', () => false, true);

/** Attribution categories of mixing and privacy services (GraphSense's taxonomy and ours). */
const MIXING = ['mixing_service', 'mixing', 'coinjoin', 'privacy'];
const BRIDGE = ['bridge', 'cross_chain_bridge'];

const anonymityParams = z.strictObject({
  /** Share of the funds from or to mixers, CoinJoin services or bridges that counts. */
  minShare: z.number().min(0).max(1),
  /** Assets whose ledger hides amounts or parties. */
  privacyAssets: z.array(z.string().min(1)),
  /** A deposit of one asset followed by a withdrawal of another on another chain within this many hours (chain hopping). */
  hopHours: z.number().nonnegative(),
  /** … moving at least this share of the deposit's yen value. */
  hopShare: z.number().min(0).max(1),
});
type AnonymityParams = z.infer<typeof anonymityParams>;

export const anonymityFlows: RuleDefinition<AnonymityParams> = {
  id: 'anonymity-enhancing-flows',
  no: 22,
  family: 'counterparty',
  title: 'Anonymity-enhancing flows: mixers, privacy coins, bridges, chain hopping',
  source: 'FSA guidelines on AML/CFT for crypto-asset exchanges (S9 (2)(3)); research/monitoring.md §3.2 rule 22',
  events: ['deposit.detected', 'withdrawal.requested'],
  params: anonymityParams,
  // 5%: the share from which the exposure policy reviews mixers (events/exposure.ts); privacy
  // coins are the ones whose protocol hides sender, receiver or amount by default.
  defaults: { minShare: 0.05, privacyAssets: ['XMR', 'ZEC', 'DASH', 'ZEN', 'BEAM', 'GRIN', 'FIRO', 'ARRR'], hopHours: 24, hopShare: 0.8 },
  outcome: 'review',
  evaluate(event, ctx, p) {
    if (event.type !== 'deposit.detected' && event.type !== 'withdrawal.requested') return undefined;
    const reasons: string[] = [];
    const evidence: Record<string, unknown> = {};
    let score = 0;
    const asset = event.data.asset.toUpperCase();
    if (p.privacyAssets.includes(asset)) {
      reasons.push(`${asset} is a privacy coin: its ledger hides who paid whom`);
      evidence.privacyAsset = asset;
      score = Math.max(score, 0.5);
    }
    for (const c of ctx.exposure?.byCategory ?? []) {
      const kind = MIXING.includes(c.category) ? 'a mixing service' : BRIDGE.includes(c.category) ? 'a cross-chain bridge' : undefined;
      if (!kind || c.share < p.minShare) continue;
      reasons.push(`${(c.share * 100).toFixed(2)}% of the funds ${event.type === 'deposit.detected' ? 'came through' : 'went on to'} ${kind} (${c.category}), at least ${(p.minShare * 100).toFixed(0)}% counts`);
      evidence[c.category] = c.share;
      score = Math.max(score, Math.min(1, c.share * 2));
    }
    if (event.type === 'withdrawal.requested' && event.data.amountJpy !== undefined) {
      const since = Date.parse(ctx.at) - p.hopHours * 3_600_000;
      const hop = ctx.history.find(
        (a) => a.type === 'deposit.detected' && a.asset !== undefined && a.asset.toUpperCase() !== asset && instantMs(a.at) >= since && (a.amountJpy ?? 0) > 0 && event.data.amountJpy! >= p.hopShare * a.amountJpy!,
      );
      if (hop) {
        reasons.push(`${hop.asset} deposited ${Math.round((Date.parse(ctx.at) - instantMs(hop.at)) / 3_600_000)} h before leaves as ${asset} on ${event.data.chain} (at least ${Math.round(p.hopShare * 100)}% of its value within ${p.hopHours} h): chain hopping`);
        evidence.hopFrom = { eventId: hop.eventId, asset: hop.asset, amountJpy: hop.amountJpy };
        score = Math.max(score, 0.4);
      }
    }
    return reasons.length ? { score, reasons, evidence } : undefined;
  },
};

// ---------------------------------------------------------------------------------------------
// Rule 23: ruble-rail tokens

const rubleParams = z.strictObject({
  /** Tickers of ruble-backed stablecoins and Russian payment-network tokens (compared without case). */
  tokens: z.array(z.string().regex(/^[A-Za-z0-9.-]{1,20}$/, 'a ticker of 1-20 letters, digits, dots or hyphens')).max(100),
});
type RubleParams = z.infer<typeof rubleParams>;

/** The assets an event moves: a transfer's asset, both sides of a trade's market ("A7A5/USDT"). */
function assetsOf(event: SekishoEvent): string[] {
  if (event.type === 'deposit.detected' || event.type === 'withdrawal.requested') return [event.data.asset.toUpperCase()];
  if (event.type === 'trade') return event.data.market.toUpperCase().split(/[/_:-]/).filter(Boolean);
  return [];
}

/**
 * A deposit, withdrawal or trade in a ruble-rail token. The token's issuer and settlement
 * addresses, where listed, are screening's (rules 2 and 3) and the exposure rules' (16, 17); this
 * rule sees the token itself, whoever the counterparty: moving it is settling through the network
 * the designations target. Default: A7A5, the ruble-backed stablecoin of the A7 network; OFAC
 * designated A7 LLC, its issuer Old Vector LLC and the exchange Grinex (Garantex's successor) on
 * 2025-08-14 (CYBER4; all three are in the 2025-11-19 SDN file in ../shared, Old Vector with an
 * Ethereum and a TRON address). As reported in the press (2025), not read here in the legal
 * texts [verify]: the UK designated Old Vector, Grinex, Meer and Kyrgyzstan's Capital Bank on
 * 2025-08-20, and the EU's 19th package (adopted 2025-10-23) prohibits transactions involving
 * A7A5 from 2025-11-25, so for an EU-regulated exchange the right outcome is `block`. Hold by
 * default: an analyst confirms before the transfer runs; a configuration can make it block.
 */
export const rubleRailToken: RuleDefinition<RubleParams> = {
  id: 'ruble-rail-token',
  no: 23,
  family: 'counterparty',
  title: 'Ruble-rail tokens: ruble-backed stablecoins of Russian payment networks',
  source: 'research/monitoring.md §3.2 rule 23 [S15]; OFAC designations of A7 LLC, Old Vector LLC and Grinex, 2025-08-14 (CYBER4)',
  events: ['deposit.detected', 'withdrawal.requested', 'trade'],
  params: rubleParams,
  defaults: { tokens: ['A7A5'] },
  outcome: 'hold',
  evaluate(event, _ctx, p) {
    const tokens = new Set(p.tokens.map((t) => t.toUpperCase()));
    const asset = assetsOf(event).find((a) => tokens.has(a));
    if (!asset) return undefined;
    const what = event.type === 'trade' ? `a trade in ${event.data.market}` : event.type === 'deposit.detected' ? `a deposit of ${asset}` : `a withdrawal of ${asset}`;
    return {
      score: 0.9,
      reasons: [`${what}: ${asset} is a ruble-rail token (configured: ${[...tokens].join(', ')}), a ruble-backed stablecoin used to settle payments for Russian counterparties outside the sanctioned banks; hold until an analyst has checked the counterparty and the purpose`],
      evidence: { asset, tokens: [...tokens] },
    };
  },
};

export const CHAIN_RULES = [directExposure, indirectExposure, anonymityFlows, rubleRailToken, miningPayout];
