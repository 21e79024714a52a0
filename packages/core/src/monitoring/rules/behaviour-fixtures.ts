/**
 * @module monitoring/rules/behaviour-fixtures
 * Test code only (nothing in the product imports it): history entries and the event's own
 * activity for the behavioural rules' tests, built the way the server builds them.
 */
import type { SekishoEvent } from '../../events/schema.ts';
import { T0, activity, at, context } from '../test-support.ts';
import type { Activity, MonitoringContext } from '../types.ts';
import { amountJpy } from './facts.ts';

export const HOURS = 60;
export const DAYS = 24 * 60;

/** The event as the server's activity, with `over` (counterparty, kind …) merged in. */
export function activityOf(ev: SekishoEvent, over: Partial<Activity> = {}): Activity {
  const flow = ev.type === 'deposit.detected' ? 'in' : ev.type === 'withdrawal.requested' ? 'out' : ev.type === 'fiat.transfer' ? ev.data.direction : 'none';
  return { eventId: ev.id, type: ev.type, at: new Date(ev.occurredAt ?? T0).toISOString(), flow, amountJpy: amountJpy(ev), ...over };
}

/** A context for `ev` with its activity (`over` merged in) and the history given. */
export function ctxFor(ev: SekishoEvent, over: Partial<Activity>, history: Activity[], rest: Partial<MonitoringContext> = {}): MonitoringContext {
  return context(ev, { history, activity: activityOf(ev, over), ...rest });
}

/** A crypto deposit `minutes` from T0 (negative: before). */
export const cin = (minutes: number, amountJpy: number, counterparty: string, over: Partial<Activity> = {}): Activity =>
  activity({ at: at(minutes), type: 'deposit.detected', flow: 'in', amountJpy, counterparty, ...over });

/** A crypto withdrawal `minutes` from T0. */
export const cout = (minutes: number, amountJpy: number, counterparty: string, over: Partial<Activity> = {}): Activity =>
  activity({ at: at(minutes), type: 'withdrawal.requested', flow: 'out', amountJpy, counterparty, ...over });

/** A fiat transfer in or out `minutes` from T0. */
export const fin = (minutes: number, amountJpy: number, counterparty = 'bank:own', over: Partial<Activity> = {}): Activity =>
  activity({ at: at(minutes), type: 'fiat.transfer', flow: 'in', amountJpy, counterparty, counterpartyKind: 'bank', ...over });

/** A trade `minutes` from T0. */
export const trade = (minutes: number, amountJpy: number): Activity => activity({ at: at(minutes), type: 'trade', flow: 'none', amountJpy });

/** A login `minutes` from T0. */
export const loginAt = (minutes: number): Activity => activity({ at: at(minutes), type: 'login', flow: 'none', ip: '203.0.113.10' });

/** An ISO instant `days` before T0. */
export const daysAgo = (days: number): string => at(-days * DAYS);
