/**
 * @module monitoring/config
 * The monitoring configuration: which rules run, with which parameters and outcome, and how
 * typologies weigh rule results into scores with thresholds for review, hold and block. A
 * configuration names only what it changes: a rule it leaves out runs with its defaults. It is
 * checked whole before it is taken (an unknown rule or typology, an unknown parameter, a
 * negative threshold: SEK_MONITOR_CONFIG naming the entry), so a typo never silently turns a
 * rule off. Versions, approval and audit live in the server (services/monitoring-config.ts).
 */
import { z } from 'zod';
import { CoreErrors } from '../errors.ts';
import { DECISIONS, type Decision } from '../events/schema.ts';
import type { RuleDefinition } from './types.ts';

const Share = z.number().min(0).max(1);

export const RuleSettingSchema = z.strictObject({
  enabled: z.boolean().optional().describe('false turns the rule off'),
  outcome: z.enum(DECISIONS).optional().describe('What a hit decides alone (default: the rule’s own)'),
  params: z.record(z.string(), z.unknown()).optional().describe('Parameters; see docs/monitoring.md for each rule'),
});

export const TypologySchema = z.strictObject({
  title: z.string().min(1).max(200),
  rules: z.record(z.string(), z.number().min(0).max(1)).describe('Rule id → weight (0..1) of its score'),
  review: Share.optional().describe('Score from which the typology asks for review'),
  hold: Share.optional(),
  block: Share.optional(),
});

export const MonitoringConfigSchema = z
  .strictObject({
    rules: z.record(z.string(), RuleSettingSchema).optional(),
    typologies: z.record(z.string(), TypologySchema).optional().describe('Replace the default typologies one by one; null-free'),
  })
  .meta({ id: 'MonitoringConfig' });
export type MonitoringConfigInput = z.infer<typeof MonitoringConfigSchema>;

export interface Typology {
  id: string;
  title: string;
  rules: Record<string, number>;
  review?: number;
  hold?: number;
  block?: number;
}

/** A configuration checked against the rules and merged with their defaults: what the engine runs. */
export interface CompiledConfig {
  /** The stored version it came from (0: the built-in defaults). */
  version: number;
  rules: { def: RuleDefinition<any>; outcome: Decision; params: unknown }[];
  /** Rule id → the rules that run for an event type. */
  byEvent: Map<string, CompiledConfig['rules']>;
  typologies: Typology[];
}

function where(path: (string | number)[]): string {
  return path.map(String).join('.') || '(root)';
}

/**
 * Checks a configuration against the rules Sekisho has and merges it with their defaults.
 * @throws SEK_MONITOR_CONFIG naming the first wrong entry.
 * @example compileConfig(RULES, DEFAULT_TYPOLOGIES, { rules: { structuring: { params: { count: 4 } } } }, 3)
 */
export function compileConfig(rules: readonly RuleDefinition<any>[], defaultTypologies: readonly Typology[], input: unknown, version = 0): CompiledConfig {
  const parsed = MonitoringConfigSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw CoreErrors.MONITOR_CONFIG(`${where(issue.path as (string | number)[])}: ${issue.message}`, { field: where(issue.path as (string | number)[]) });
  }
  const config = parsed.data;
  const known = new Map(rules.map((r) => [r.id, r]));
  for (const id of Object.keys(config.rules ?? {})) {
    if (!known.has(id)) throw CoreErrors.MONITOR_CONFIG(`rules.${id}: no rule has this id (the rules are: ${[...known.keys()].join(', ')})`, { field: `rules.${id}` });
  }
  const compiled: CompiledConfig['rules'] = [];
  for (const def of rules) {
    const setting = config.rules?.[def.id];
    if (setting?.enabled === false) continue;
    const merged = { ...(def.defaults as object), ...(setting?.params ?? {}) };
    const checked = def.params.safeParse(merged);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const field = `rules.${def.id}.params.${where(issue.path as (string | number)[])}`;
      throw CoreErrors.MONITOR_CONFIG(`${field}: ${issue.message}`, { field });
    }
    compiled.push({ def, outcome: setting?.outcome ?? def.outcome, params: checked.data });
  }
  const typologies = new Map(defaultTypologies.map((t) => [t.id, t]));
  for (const [id, t] of Object.entries(config.typologies ?? {})) typologies.set(id, { id, ...t });
  for (const t of typologies.values()) {
    for (const ruleId of Object.keys(t.rules)) {
      if (!known.has(ruleId)) throw CoreErrors.MONITOR_CONFIG(`typologies.${t.id}.rules.${ruleId}: no rule has this id`, { field: `typologies.${t.id}.rules.${ruleId}` });
    }
    const [r, h, b] = [t.review, t.hold, t.block];
    if ((r !== undefined && h !== undefined && h < r) || (h !== undefined && b !== undefined && b < h)) {
      throw CoreErrors.MONITOR_CONFIG(`typologies.${t.id}: thresholds must rise from review to hold to block`, { field: `typologies.${t.id}` });
    }
  }
  const byEvent = new Map<string, CompiledConfig['rules']>();
  for (const r of compiled) for (const type of r.def.events) byEvent.set(type, [...(byEvent.get(type) ?? []), r]);
  return { version, rules: compiled, byEvent, typologies: [...typologies.values()] };
}
