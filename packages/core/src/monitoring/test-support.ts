/**
 * @module monitoring/test-support
 * Builders for rule tests: an event of each type with plausible defaults, a context around it
 * (windows computed from the history, as the server computes them), and a one-rule run. Test
 * code only: nothing in the product imports it.
 */
import type { Customer } from '../customers/schema.ts';
import { EventSchema, type SekishoEvent } from '../events/schema.ts';
import { windowsAt } from './aggregates.ts';
import { compileConfig } from './config.ts';
import { evaluateMonitoring } from './engine.ts';
import type { Activity, MonitoringContext, RuleDefinition, RuleResult } from './types.ts';

export const T0 = '2026-11-02T09:00:00.000Z';

/** An ISO instant `minutes` after T0 (negative: before). */
export const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export const personCustomer = (over: Partial<Extract<Customer, { type: 'person' }>> = {}): Customer => ({
  id: 'C-1',
  type: 'person',
  names: [{ name: 'Yamada Taro' }],
  residence: 'JP',
  nationalities: ['JP'],
  ...over,
});

export const legalCustomer = (over: Partial<Extract<Customer, { type: 'legal' }>> = {}): Customer => ({
  id: 'C-2',
  type: 'legal',
  names: [{ name: 'Lion Gate Trading Pte. Ltd.' }],
  jurisdiction: 'SG',
  ...over,
});

/** A valid event (parsed by the real schema, so a test cannot build one the API would refuse). */
export function event(type: SekishoEvent['type'], data: Record<string, unknown>, over: { id?: string; customerId?: string; occurredAt?: string } = {}): SekishoEvent {
  return EventSchema.parse({ id: over.id ?? `ev-${type}-${Math.random().toString(36).slice(2, 10)}`, type, customerId: over.customerId ?? 'C-1', occurredAt: over.occurredAt ?? T0, data });
}

export const withdrawal = (data: Record<string, unknown> = {}, over: { id?: string; occurredAt?: string; customerId?: string } = {}) =>
  event('withdrawal.requested', { chain: 'bitcoin', asset: 'BTC', destinationAddress: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', amount: '0.1', amountJpy: 1_500_000, ...data }, over);

export const deposit = (data: Record<string, unknown> = {}, over: { id?: string; occurredAt?: string; customerId?: string } = {}) =>
  event('deposit.detected', { chain: 'bitcoin', asset: 'BTC', txHash: 'a'.repeat(64), sourceAddresses: ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'], amount: '0.1', amountJpy: 1_500_000, ...data }, over);

export const login = (data: Record<string, unknown> = {}, over: { id?: string; occurredAt?: string; customerId?: string } = {}) => event('login', { ip: '203.0.113.10', ...data }, over);

export const fiat = (data: Record<string, unknown> = {}, over: { id?: string; occurredAt?: string; customerId?: string } = {}) =>
  event('fiat.transfer', { direction: 'in', amount: '1000000', currency: 'JPY', amountJpy: 1_000_000, ...data }, over);

/** A context for `ev`: the history given, windows computed over it and the event's activity. */
export function context(ev: SekishoEvent, over: Partial<MonitoringContext> = {}): MonitoringContext {
  const atIso = ev.occurredAt ? new Date(ev.occurredAt).toISOString() : T0;
  const history = over.history ?? [];
  const activity = over.activity;
  return {
    at: atIso,
    customer: personCustomer(),
    history,
    links: [],
    findings: [],
    lists: [],
    ...over,
    activity,
    windows: over.windows ?? windowsAt(history, activity, atIso),
  };
}

/** A history entry. */
export const activity = (over: Partial<Activity> & { at: string }): Activity => ({ eventId: `h-${Math.random().toString(36).slice(2, 10)}`, type: 'deposit.detected', flow: 'in', ...over });

/** Runs one rule (with its defaults, or `params` merged in) and returns its result, or undefined when it did not hit. */
export function runRule(rule: RuleDefinition<any>, ev: SekishoEvent, ctx: MonitoringContext, params: Record<string, unknown> = {}): RuleResult | undefined {
  const config = compileConfig([rule], [], { rules: { [rule.id]: { params } } });
  return evaluateMonitoring(ev, ctx, config).hits[0];
}

/**
 * The regular files of a ustar archive: 512-byte headers (name at 0..100, octal size at
 * 124..136, type at 156, ustar prefix at 345..500), contents padded to 512 bytes. Reads the
 * AMLSim sample archives (../shared/monitoring-data/amlsim) without a tar dependency; the core
 * flow tests and the server's AMLSim replay both use it.
 * @example const files = untar(gunzipSync(readFileSync('20K_fanin200.tgz')));
 */
export function untar(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (let off = 0; off + 512 <= archive.length; ) {
    const header = archive.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, to: number) => header.subarray(from, to).toString('latin1').replace(/\0.*$/s, '').trim();
    const prefix = field(345, 500); // ustar: long names are prefix/name
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 136) || '0', 8);
    const type = String.fromCharCode(header[156]!);
    if (type === '0' || type === '\0') files.set(name, archive.subarray(off + 512, off + 512 + size));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
