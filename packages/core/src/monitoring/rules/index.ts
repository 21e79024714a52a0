/**
 * @module monitoring/rules
 * Every monitoring rule Sekisho has, in catalogue order (research/monitoring.md §3.2), and the
 * default typologies that weigh them. A configuration can turn rules off, change their
 * parameters and outcomes, and replace typologies (monitoring/config.ts).
 */
import type { Typology } from '../config.ts';
import type { RuleDefinition } from '../types.ts';
import { CHAIN_RULES } from './chain.ts';
import { art55Report } from './reporting.ts';
import { SCREENING_RULES } from './screening.ts';

export const RULES: readonly RuleDefinition<any>[] = [...SCREENING_RULES, art55Report, ...CHAIN_RULES].sort((a, b) => a.no - b.no || a.id.localeCompare(b.id));

export const DEFAULT_TYPOLOGIES: readonly Typology[] = [];
