/**
 * @module monitoring/instant
 * ISO-8601 instants as epoch milliseconds, remembered. The windows and the behavioural rules
 * compare the times of a customer's activities on every event: a busy customer's 30 days of
 * history were parsed again by each window and each rule, once per event (Date.parse was among
 * the top self-time entries of the monitoring-on profile, bench:monitor). The same strings come
 * back event after event (a window's activities are kept between events), so a bounded map from
 * the string to its value answers most of them without parsing.
 */

const seen = new Map<string, number>();
/** Bound on the remembered strings; past it the map starts over (a cache, not a store). */
const LIMIT = 200_000;

/**
 * Milliseconds since the epoch of an ISO-8601 instant; NaN when it does not parse (as Date.parse).
 * @example instantMs('2026-11-02T09:00:00.000Z') // 1793610000000
 */
export function instantMs(iso: string): number {
  let t = seen.get(iso);
  if (t === undefined) {
    t = Date.parse(iso);
    if (seen.size >= LIMIT) seen.clear();
    seen.set(iso, t);
  }
  return t;
}
