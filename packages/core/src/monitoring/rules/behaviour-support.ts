/**
 * @module monitoring/rules/behaviour-support
 * What the behavioural rules (24-28, 32) share: the event as an activity, the activities of a
 * window ending at the event, which of them move value, and the scoring curve. Kept apart from
 * facts.ts, which every rule family reads, so these can change without touching the others.
 */
import { z } from 'zod';
import type { SekishoEvent } from '../../events/schema.ts';
import { activityFromEvent } from '../activity.ts';
import { instantMs } from '../instant.ts';
import { WINDOWS, type Activity, type MonitoringContext, type WindowName } from '../types.ts';

/** An ISO instant in epoch ms (remembered: the same history strings come back every event). */
export const ms = instantMs;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A window name as a parameter (the windows the aggregates keep). */
export const WindowParam = z.enum(Object.keys(WINDOWS) as [WindowName, ...WindowName[]]);

/** The event types that move value in or out of the customer's account. */
export const TRANSFER_EVENTS = ['deposit.detected', 'withdrawal.requested', 'fiat.transfer'] as const;

/**
 * The event as an activity: `ctx.activity` as the server built it, else the same derivation the
 * server uses (monitoring/activity.ts), so the counterparty keys match the history's.
 */
export function currentActivity(event: SekishoEvent, ctx: MonitoringContext): Activity | undefined {
  return ctx.activity ?? activityFromEvent(event, ctx.at);
}

/** The history plus the event's activity, oldest first (the event last: history ends before it). */
export function withCurrent(ctx: MonitoringContext, current: Activity | undefined): Activity[] {
  return current ? [...ctx.history, current] : [...ctx.history];
}

/** The activities in (end − length, end], the same bounds as the window aggregates. */
export function inWindow(activities: readonly Activity[], end: number, length: number): Activity[] {
  return activities.filter((a) => {
    const t = ms(a.at);
    return t > end - length && t <= end;
  });
}

/** A deposit, withdrawal or fiat transfer (not a login, a trade or a record change). */
export const isTransfer = (a: Activity): boolean => a.flow === 'in' || a.flow === 'out';

/** Anything that shows the customer using the account for value: a transfer or a trade. */
export const isValueActivity = (a: Activity): boolean => isTransfer(a) || a.type === 'trade';

export const sumJpy = (activities: readonly Activity[]): number => activities.reduce((s, a) => s + (a.amountJpy ?? 0), 0);

/**
 * A score that is `floor` at the threshold and rises linearly to 1 when the measure reaches
 * `full` times the threshold: an analyst sorts a queue by it, so "just over" and "far over" must
 * differ, and no single rule saturates at its threshold.
 * @example graded(15, 10, 0.5, 2) // 0.75: halfway from the threshold to twice it
 */
export function graded(value: number, threshold: number, floor: number, full: number): number {
  if (!(threshold > 0)) return value > 0 ? 1 : floor;
  const excess = (value / threshold - 1) / (full - 1);
  return clamp01(floor + (1 - floor) * Math.max(0, excess));
}

export const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

export const round2 = (x: number): number => Math.round(x * 100) / 100;

export const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function hoursText(msValue: number): string {
  const h = msValue / HOUR;
  return h < 48 ? `${round2(h)} h` : `${round2(h / 24)} days`;
}

export const windowText = (w: WindowName): string => ({ '1h': '1 hour', '24h': '24 hours', '7d': '7 days', '30d': '30 days' })[w];
