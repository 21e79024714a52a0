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

export const DEFAULT_TYPOLOGIES: readonly Typology[] = [];
