/**
 * @module events/decision
 * Turns what the checks found into one decision for an event. Each reason carries the outcome it
 * would decide alone; the event's decision is the strictest of them (allow < review < hold <
 * block < freeze). The sanctions mapping follows FSA's guidance to exchanges (do not execute a
 * transfer to a match; hold on suspicion) and FEFTA (assets of a designated party are frozen).
 * The monitoring issue adds its rules as further reasons; the fold stays the same.
 */
import type { Decision, EventType } from './schema.ts';
import type { Finding, Notice } from './findings.ts';

export interface Reason {
  check: string;
  outcome: Decision;
  severity?: 'confirmed' | 'possible';
  party?: { key: string; role: string; name: string };
  entityId?: string;
  caption?: string;
  source?: string;
  listVersion?: number;
  programs?: string[];
  score?: number;
  /** Monitoring rules: the rule's number in the catalogue (docs/monitoring.md). */
  rule?: number;
  /** A regulatory report the reason asks for (FEFTA Art. 55, the FSA/MOF post-transfer report …). */
  report?: string;
  detail: string;
}

const ORDER: Decision[] = ['allow', 'review', 'hold', 'block', 'freeze'];
export const stricter = (a: Decision, b: Decision): Decision => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

/** Which way the event moves value: out of the exchange, into it, or neither. */
export function flowOf(type: EventType, direction?: 'in' | 'out'): 'out' | 'in' | 'none' {
  if (type === 'withdrawal.requested') return 'out';
  if (type === 'deposit.detected') return 'in';
  if (type === 'fiat.transfer') return direction ?? 'none';
  return 'none';
}

/** The outcome a single finding decides for an event of this type. */
export function findingOutcome(type: EventType, flow: 'out' | 'in' | 'none', finding: Finding): Decision {
  if (finding.severity === 'possible') return type === 'login' ? 'review' : 'hold';
  const role = finding.party.role;
  // An owner or director on a list does not by itself make the company designated (OFAC's 50%
  // rule and its EU/UK counterparts need the aggregated share): hold for an analyst.
  if (role === 'owner' || role === 'director') return 'hold';
  if (role === 'customer') return type === 'customer.onboarded' ? 'block' : 'freeze';
  // A counterparty, beneficiary, VASP or source wallet: refuse what goes out, freeze what came in.
  return flow === 'in' ? 'freeze' : 'block';
}

export interface DecisionInput {
  type: EventType;
  direction?: 'in' | 'out';
  findings: Finding[];
  notices: Notice[];
  /** The stored customer's screening status, for events that are not about the record itself. */
  customerStatus?: string;
  /** Reasons other checks gave (on-chain exposure; the monitoring rules later): folded in like the rest. */
  extra?: Reason[];
}

export function decide(input: DecisionInput): { decision: Decision; reasons: Reason[] } {
  const flow = flowOf(input.type, input.direction);
  const reasons: Reason[] = [];
  if (input.customerStatus === 'match' || input.customerStatus === 'possible-match') {
    const confirmed = input.customerStatus === 'match';
    reasons.push({
      check: 'sanctions.customer-status',
      outcome: confirmed ? 'freeze' : input.type === 'login' ? 'review' : 'hold',
      severity: confirmed ? 'confirmed' : 'possible',
      detail: confirmed ? 'the customer has an open confirmed sanctions match' : 'the customer has an open possible sanctions match awaiting review',
    });
  }
  for (const f of input.findings) {
    reasons.push({
      check: f.check,
      outcome: findingOutcome(input.type, flow, f),
      severity: f.severity,
      party: f.party,
      entityId: f.entityId,
      caption: f.caption,
      source: f.source,
      listVersion: f.listVersion,
      programs: f.programs,
      score: Math.round(f.score * 1000) / 1000,
      detail: f.detail,
    });
  }
  for (const n of input.notices) reasons.push({ check: n.check, outcome: 'review', party: n.party, detail: n.detail });
  reasons.push(...(input.extra ?? []));
  const decision = reasons.reduce<Decision>((d, r) => stricter(d, r.outcome), 'allow');
  return { decision, reasons };
}
