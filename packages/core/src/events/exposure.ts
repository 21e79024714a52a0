/**
 * @module events/exposure
 * What on-chain exposure decides for a deposit or a withdrawal (issue 6). Each category has
 * share thresholds for review, hold and block (a deposit that would be blocked is frozen: the
 * funds are already in). A sanctioned actor that is the subject itself or its direct
 * counterparty decides block (withdrawal) or freeze (deposit) at any share, as a listed wallet
 * does: FSA's guidance forbids the transfer, FEFTA freezes what a designated party sent.
 * Mining origins count by pool: a pool flagged Russia-based or sanctioned has its own
 * thresholds. Every reason names the actor, the share, the hops and the example path.
 */
import type { Exposure, ExposureFinding, MiningOrigin, PathStep } from '../exposure/types.ts';
import type { Reason } from './decision.ts';
import type { Decision } from './schema.ts';

/** Minimum share (0..1) for each outcome; `0` means any share at all. */
export interface ExposureThreshold {
  review?: number;
  hold?: number;
  block?: number;
}

export interface ExposurePolicy {
  /** By attribution category (`sanctioned`, GraphSense's `market`, `mixing_service`, ...). */
  categories: Record<string, ExposureThreshold>;
  /** Funds from coinbase outputs of a pool flagged Russia-based (jurisdiction RU) or sanctioned. */
  miningFlagged: ExposureThreshold;
}

/**
 * Defaults: any sanctioned share is reviewed, 1% held, 25% blocked (Bitrace's documented
 * strategies start at a 5% share for severe risk; sanctions allow less). Darknet markets,
 * mixers, ransomware, hacks and the USDT issuer's blacklist are reviewed from 5% and held
 * from 25%. Other categories (exchanges, gambling, miners) decide nothing by default.
 */
export const DEFAULT_EXPOSURE_POLICY: ExposurePolicy = {
  categories: {
    sanctioned: { review: 0, hold: 0.01, block: 0.25 },
    market: { review: 0.05, hold: 0.25 },
    mixing_service: { review: 0.05, hold: 0.25 },
    mixing: { review: 0.05, hold: 0.25 },
    ransomware: { review: 0.01, hold: 0.1 },
    service_hack: { review: 0.05, hold: 0.25 },
    black_list: { review: 0.05, hold: 0.25 },
    scam: { review: 0.05, hold: 0.25 },
  },
  miningFlagged: { review: 0.01, hold: 0.5 },
};

const percent = (share: number) => `${(share * 100).toFixed(share < 0.001 ? 4 : 2)}%`;

function pathText(path: PathStep[]): string {
  return path.length ? path.map((s) => `${s.tx}${s.vout !== undefined ? `:${s.vout}` : ''}${s.address ? ` (${s.address})` : ''}`).join(' → ') : 'the address itself';
}

/** The strictest outcome a share reaches under a threshold; undefined when it reaches none. */
export function thresholdOutcome(share: number, t: ExposureThreshold | undefined, flow: 'in' | 'out'): Decision | undefined {
  if (!t || !(share > 0)) return undefined;
  if (t.block !== undefined && share >= t.block) return flow === 'in' ? 'freeze' : 'block';
  if (t.hold !== undefined && share >= t.hold) return 'hold';
  if (t.review !== undefined && share >= t.review) return 'review';
  return undefined;
}

function findingOutcome(f: ExposureFinding, policy: ExposurePolicy, flow: 'in' | 'out'): Decision | undefined {
  if (f.sanctioned && (f.kind === 'OWNERSHIP' || f.kind === 'DIRECT')) return flow === 'in' ? 'freeze' : 'block';
  let outcome: Decision | undefined;
  const categories = f.sanctioned && !f.categories.includes('sanctioned') ? [...f.categories, 'sanctioned'] : f.categories;
  for (const c of categories) {
    const o = thresholdOutcome(f.share, policy.categories[c], flow);
    if (o && (!outcome || rank(o) > rank(outcome))) outcome = o;
  }
  return outcome;
}

const ORDER: Decision[] = ['allow', 'review', 'hold', 'block', 'freeze'];
const rank = (d: Decision) => ORDER.indexOf(d);

/**
 * The reasons an exposure gives an event. A trace that found nothing, or could not run, still
 * leaves one `allow` reason that says so: a decision never hides that exposure was not known.
 */
export function exposureReasons(exposure: Exposure | { error: string }, flow: 'in' | 'out', policy: ExposurePolicy = DEFAULT_EXPOSURE_POLICY): Reason[] {
  if ('error' in exposure) return [{ check: 'exposure.chain', outcome: 'allow', detail: `on-chain exposure not computed: ${exposure.error}` }];
  const subject = exposure.subject.kind === 'address' ? `address ${exposure.subject.address}` : `transaction ${exposure.subject.txid}`;
  if (!exposure.found) return [{ check: 'exposure.chain', outcome: 'allow', detail: `on-chain exposure not computed: ${subject} is not in the chain store` }];
  const reasons: Reason[] = [];
  const side = flow === 'in' ? 'of the funds came from' : 'of the funds went to';
  for (const f of exposure.findings) {
    const outcome = findingOutcome(f, policy, flow);
    if (!outcome) continue;
    reasons.push({
      check: 'exposure.chain',
      outcome,
      severity: f.sanctioned && f.kind !== 'INDIRECT' ? 'confirmed' : 'possible',
      entityId: f.actor,
      caption: f.label,
      source: f.sources.join(', '),
      score: Math.round(f.share * 1e6) / 1e6,
      detail: `${percent(f.share)} ${side} ${f.label} (${f.categories.join(', ') || 'attributed'}${f.sanctioned ? ', sanctioned' : ''}) — ${f.kind.toLowerCase()}, ${f.hops} hop${f.hops === 1 ? '' : 's'}, ${exposure.method}; path ${pathText(f.path)}`,
    });
  }
  for (const m of exposure.mining) {
    if (!m.flagged) continue;
    const outcome = m.sanctioned ? (flow === 'in' ? 'freeze' : 'block') : thresholdOutcome(m.share, policy.miningFlagged, flow);
    if (!outcome) continue;
    reasons.push(miningReason(m, outcome));
  }
  if (reasons.length === 0) {
    const seen = exposure.findings.length ? `; reached ${exposure.findings.map((f) => `${f.label} ${percent(f.share)}`).join(', ')}, under every threshold` : '';
    reasons.push({ check: 'exposure.chain', outcome: 'allow', detail: `on-chain exposure of ${subject}: nothing over the thresholds within ${exposure.hops} hops${seen} (unattributed ${percent(exposure.unattributed)}, untraced ${percent(exposure.untraced)})` });
  }
  return reasons;
}

function miningReason(m: MiningOrigin, outcome: Decision): Reason {
  return {
    check: 'exposure.mining',
    outcome,
    severity: m.sanctioned ? 'confirmed' : 'possible',
    entityId: m.actor,
    caption: m.pool,
    score: Math.round(m.share * 1e6) / 1e6,
    detail: `${percent(m.share)} of the funds are newly mined coins of ${m.pool}${m.jurisdictions.length ? ` (${m.jurisdictions.join(', ')})` : ''}${m.sanctioned ? ', sanctioned' : ''}, recognised by ${m.by} "${m.evidence}", ${m.hops} hops; path ${pathText(m.path)}`,
  };
}
