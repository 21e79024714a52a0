/**
 * @module monitoring/rules
 * Every monitoring rule Sekisho has, in catalogue order (research/monitoring.md §3.2), and the
 * default typologies that weigh them. A configuration can turn rules off, change their
 * parameters and outcomes, and replace typologies (monitoring/config.ts).
 */
import type { Typology } from '../config.ts';
import type { RuleDefinition } from '../types.ts';
import { BEHAVIOUR_RULES } from './behaviour.ts';
import { CHAIN_RULES } from './chain.ts';
import { FLOW_RULES } from './flows.ts';
import { GEOGRAPHY_RULES } from './geography.ts';
import { NETWORK_RULES } from './network.ts';
import { OWNERSHIP_RULES } from './ownership.ts';
import { art55Report } from './reporting.ts';
import { SCREENING_RULES } from './screening.ts';
import { TRAVEL_RULE_RULES } from './travel-rule.ts';

export const RULES: readonly RuleDefinition<any>[] = [
  ...SCREENING_RULES,
  ...OWNERSHIP_RULES,
  ...GEOGRAPHY_RULES,
  art55Report,
  ...CHAIN_RULES,
  ...TRAVEL_RULE_RULES,
  ...BEHAVIOUR_RULES,
  ...FLOW_RULES,
  ...NETWORK_RULES,
].sort((a, b) => a.no - b.no || a.id.localeCompare(b.id));

/**
 * Default typologies: evasion schemes that show as several weak signals at once. Each weighs
 * the scores of its rules (a rule's score says how far past its threshold it fired); the sum,
 * capped at 1, asks for review or hold. No typology blocks by default: a block is a rule's hard
 * condition (a listed wallet, a geo-blocked region), never an accumulation of soft signals.
 * Weights follow the catalogue's own grading (research/monitoring.md §3.2): the rule that names
 * the scheme weighs most, the access and network signals that corroborate it less.
 */
export const DEFAULT_TYPOLOGIES: readonly Typology[] = [
  {
    id: 'shell-rerouting',
    title: 'A shell company in a transshipment hub serving Russian clients (FinCEN FIN-2022-Alert003; FSA 2022-03 request)',
    rules: { 'hub-shell-russian-links': 0.5, 'declared-footprint-mismatch': 0.4, 'russia-belarus-access': 0.3, 'shared-identifier-link': 0.3, 'russian-person-policy': 0.2, 'counterparty-vasp-risk': 0.2, 'travel-rule-geography': 0.2 },
    review: 0.4,
    hold: 0.7,
  },
  {
    id: 'access-evasion',
    title: 'Access from sanctioned or Russian territory hidden or contradicted by the declared profile',
    rules: { 'russia-belarus-access': 0.4, 'anonymised-access': 0.3, 'kyc-geography-mismatch': 0.3, 'mining-access-geography': 0.4, 'declared-footprint-mismatch': 0.3 },
    review: 0.4,
    hold: 0.7,
  },
  {
    id: 'layering',
    title: 'Layering: funds split, relayed or passed straight through (FATF red flags; FSA guidelines)',
    rules: { structuring: 0.5, 'pass-through': 0.5, 'exact-pass-through': 0.5, 'relay-account': 0.5, 'flow-cycle': 0.5, 'fan-in': 0.2, 'fan-out': 0.2, 'fan-in-burst': 0.3, 'fan-out-burst': 0.3, 'repeat-pair-burst': 0.3, 'repeat-counterparty': 0.2, velocity: 0.2 },
    review: 0.5,
    hold: 0.8,
  },
  {
    id: 'on-chain-risk',
    title: 'Funds tied to high-risk services, mixers or unidentified wallets',
    rules: { 'direct-exposure': 0.6, 'indirect-exposure': 0.4, 'anonymity-enhancing-flows': 0.4, 'mining-payout-origin': 0.4, 'unhosted-wallet': 0.2, 'travel-rule-completeness': 0.2 },
    review: 0.4,
    hold: 0.7,
  },
];
