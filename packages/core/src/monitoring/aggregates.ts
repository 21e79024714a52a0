/**
 * @module monitoring/aggregates
 * A customer's activity over sliding windows (1 h, 24 h, 7 d, 30 d) ending at an event: counts
 * and yen sums in and out, distinct counterparties, IPs and devices (rule 28, and the inputs of
 * the behavioural rules). `ActivityWindow` keeps the activities of the history (HISTORY_MS: the
 * longest window and 5 days more) in time order and answers each window by walking back from
 * the end, so an update is O(1) amortised and a query O(activities in the window). An activity
 * older than the newest one (events out of time order) is inserted at its place: each window is
 * always "the activities in (at − length, at]" whatever order they came in.
 */
import { instantMs as ms } from './instant.ts';
import { HISTORY_MS, WINDOWS, type Activity, type WindowAggregate, type WindowName } from './types.ts';

export function emptyAggregate(): WindowAggregate {
  return { count: 0, inCount: 0, outCount: 0, inJpy: 0, outJpy: 0, distinctCounterparties: 0, distinctInCounterparties: 0, distinctOutCounterparties: 0, distinctIps: 0, distinctDevices: 0 };
}

/** Aggregates of `activities` (any order) over the window of `length` ms ending at `end` (inclusive). */
export function aggregate(activities: readonly Activity[], end: number, length: number): WindowAggregate {
  const a = emptyAggregate();
  const cps = new Set<string>();
  const inCps = new Set<string>();
  const outCps = new Set<string>();
  const ips = new Set<string>();
  const devices = new Set<string>();
  for (const x of activities) {
    const t = ms(x.at);
    if (!(t > end - length && t <= end)) continue;
    a.count++;
    if (x.flow === 'in') {
      a.inCount++;
      a.inJpy += x.amountJpy ?? 0;
      if (x.counterparty) inCps.add(x.counterparty);
    } else if (x.flow === 'out') {
      a.outCount++;
      a.outJpy += x.amountJpy ?? 0;
      if (x.counterparty) outCps.add(x.counterparty);
    }
    if (x.counterparty) cps.add(x.counterparty);
    if (x.ip) ips.add(x.ip);
    if (x.device) devices.add(x.device);
  }
  a.distinctCounterparties = cps.size;
  a.distinctInCounterparties = inCps.size;
  a.distinctOutCounterparties = outCps.size;
  a.distinctIps = ips.size;
  a.distinctDevices = devices.size;
  return a;
}

/** Every window ending at `at`, over the history plus the event's own activity. */
export function windowsAt(history: readonly Activity[], activity: Activity | undefined, at: string): Record<WindowName, WindowAggregate> {
  const all = activity ? [...history, activity] : history;
  const end = ms(at);
  const out = {} as Record<WindowName, WindowAggregate>;
  for (const [name, length] of Object.entries(WINDOWS) as [WindowName, number][]) out[name] = aggregate(all, end, length);
  return out;
}

/** A transfer or a trade: what shows the customer using the account for value (not a login). */
export const movesValue = (a: Activity): boolean => a.flow === 'in' || a.flow === 'out' || a.type === 'trade';

/**
 * One customer's recent activities, oldest first, trimmed to the history's length (HISTORY_MS,
 * 35 days) before the newest activity seen. What it trims is not forgotten entirely: the time of
 * the latest transfer or trade older than the history stays (`lastValueBefore`), for the
 * dormancy rule (27), which needs to know how long an account was silent before the 35 days the
 * window holds.
 * @example const w = new ActivityWindow(); w.add(a); w.recent(); // activities of the last 35 days
 */
export class ActivityWindow {
  private items: Activity[] = [];
  private newest = -Infinity;
  private lastValueOlder: string | undefined;

  /** @param lastValueBefore the latest transfer or trade older than `initial` (the store's). */
  constructor(initial: readonly Activity[] = [], lastValueBefore?: string) {
    this.lastValueOlder = lastValueBefore;
    for (const a of initial) this.add(a);
  }

  /** The instant of the latest transfer or trade older than the activities held, if any is known. */
  lastValueBefore(): string | undefined {
    return this.lastValueOlder;
  }

  /** Adds an activity at its place in time (an id already held is not added twice). */
  add(activity: Activity): void {
    if (this.items.some((x) => x.eventId === activity.eventId)) return;
    const t = ms(activity.at);
    let i = this.items.length;
    while (i > 0 && ms(this.items[i - 1]!.at) > t) i--;
    this.items.splice(i, 0, activity);
    if (t > this.newest) this.newest = t;
    const horizon = this.newest - HISTORY_MS;
    let drop = 0;
    while (drop < this.items.length && ms(this.items[drop]!.at) <= horizon) {
      const old = this.items[drop]!;
      if (movesValue(old) && (this.lastValueOlder === undefined || ms(old.at) > ms(this.lastValueOlder))) this.lastValueOlder = old.at;
      drop++;
    }
    if (drop) this.items.splice(0, drop);
  }

  /** The activities held, oldest first. */
  recent(): readonly Activity[] {
    return this.items;
  }

  /** The activities up to `at` other than event `eventId`, oldest first: the history that event sees. */
  before(at: string, eventId: string): Activity[] {
    const t = ms(at);
    return this.items.filter((x) => ms(x.at) <= t && x.eventId !== eventId);
  }
}
