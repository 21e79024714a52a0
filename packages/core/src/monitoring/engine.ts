/**
 * @module monitoring/engine
 * Runs the rules of a compiled configuration over one event and its context, weighs the hits
 * into typology scores, and turns both into reasons for the decision: a rule hit decides its own
 * outcome (a hard condition: a geo-blocked region blocks whatever the score), a typology decides
 * by its score thresholds. A rule that throws does not take the event down and does not pass
 * silently: it becomes a `hold` reason naming the rule, since a check that could not run is not a
 * check that passed.
 */
import type { Reason } from '../events/decision.ts';
import type { Decision, SekishoEvent } from '../events/schema.ts';
import type { CompiledConfig } from './config.ts';
import type { MonitoringContext, RuleResult } from './types.ts';

export interface TypologyScore {
  id: string;
  title: string;
  score: number;
  outcome: Decision;
  /** The hit rules and what each contributed (weight × rule score). */
  contributions: { rule: string; weight: number; score: number }[];
}

export interface MonitoringResult {
  configVersion: number;
  /** The rules that hit (or failed), in configuration order. */
  hits: RuleResult[];
  /** How many rules ran for this event. */
  evaluated: number;
  typologies: TypologyScore[];
  /** The reasons to fold into the decision: one per hit rule, one per typology over a threshold. */
  reasons: Reason[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function typologyOutcome(score: number, t: { review?: number; hold?: number; block?: number }): Decision {
  if (t.block !== undefined && score >= t.block) return 'block';
  if (t.hold !== undefined && score >= t.hold) return 'hold';
  if (t.review !== undefined && score >= t.review) return 'review';
  return 'allow';
}

/**
 * Evaluates an event. Pure: the same event, context and configuration give the same result.
 * @example const result = evaluateMonitoring(event, ctx, compileConfig(RULES, DEFAULT_TYPOLOGIES, {}));
 */
export function evaluateMonitoring(event: SekishoEvent, ctx: MonitoringContext, config: CompiledConfig): MonitoringResult {
  const hits: RuleResult[] = [];
  const rules = config.byEvent.get(event.type) ?? [];
  for (const { def, outcome, params } of rules) {
    let result: ReturnType<typeof def.evaluate>;
    try {
      result = def.evaluate(event, ctx, params);
    } catch (error) {
      hits.push({ rule: def.id, no: def.no, outcome: 'hold', score: 0, reasons: [`rule ${def.id} could not run: ${(error as Error).message}; held so that an analyst checks by hand`], evidence: { error: String((error as Error).message) } });
      continue;
    }
    if (!result) continue;
    hits.push({ rule: def.id, no: def.no, ...result, outcome: result.outcome ?? outcome, score: Math.min(1, Math.max(0, result.score)), ...(def.alert === false ? { alert: false as const } : {}) });
  }
  const scoreOf = new Map(hits.map((h) => [h.rule, h.score]));
  const typologies: TypologyScore[] = [];
  for (const t of config.typologies) {
    const contributions = Object.entries(t.rules)
      .filter(([rule]) => scoreOf.has(rule))
      .map(([rule, weight]) => ({ rule, weight, score: round(weight * scoreOf.get(rule)!) }));
    if (!contributions.length) continue;
    const score = round(Math.min(1, contributions.reduce((s, c) => s + c.score, 0)));
    typologies.push({ id: t.id, title: t.title, score, outcome: typologyOutcome(score, t), contributions });
  }
  const reasons: Reason[] = hits.map((h) => ({
    check: `rule.${h.rule}`,
    outcome: h.outcome,
    rule: h.no,
    score: round(h.score),
    detail: h.reasons.join('; '),
    ...(h.report ? { report: h.report } : {}),
  }));
  for (const t of typologies) {
    if (t.outcome === 'allow') continue;
    reasons.push({
      check: `typology.${t.id}`,
      outcome: t.outcome,
      score: t.score,
      detail: `${t.title}: score ${t.score.toFixed(2)} from ${t.contributions.map((c) => `${c.rule} ${c.score.toFixed(2)}`).join(' + ')}`,
    });
  }
  return { configVersion: config.version, hits, evaluated: rules.length, typologies, reasons };
}
