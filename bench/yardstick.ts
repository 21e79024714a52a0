/**
 * How fast the machine is on the day of a run: a fixed piece of single-core work, timed. The
 * machines these benchmarks run on are virtual and shared and their speed moves from day to day
 * (the same server answered GET /healthz at 58,000 requests/s on 2026-11-26 and at 16,000-24,000
 * on 2026-11-27), so a section states this figure and a reader can compare runs of different
 * days; a throughput target is met or missed on the machine as it was that day.
 *
 * The work runs in a fresh Node process of its own, with nothing else loaded: timed inside a
 * benchmark's process, the same loop took 400 ms or 1,000 ms depending on what had been compiled
 * before it (V8's optimisation of the first hot caller). The work: Jaro-Winkler similarity of
 * 200 × 1,000 seeded pseudo-random ASCII names, written out here so that it never changes with
 * the library's own implementation.
 */
import { spawnSync } from 'node:child_process';

const WORK = `
let seed = 20261127;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const word = () => Array.from({ length: 3 + Math.floor(rnd() * 7) }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join('');
const names = Array.from({ length: 1000 }, () => word() + ' ' + word());
function jw(s1, s2) {
  if (s1 === s2) return 1;
  const a = s1.length <= s2.length ? s1 : s2, b = a === s1 ? s2 : s1;
  const fa = new Uint8Array(a.length), fb = new Uint8Array(b.length);
  const w = Math.max(0, (b.length >> 1) - 1);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - w); j < Math.min(i + w + 1, b.length); j++) {
      if (!fb[j] && a.charCodeAt(i) === b.charCodeAt(j)) { fa[i] = fb[j] = 1; m++; break; }
    }
  }
  if (!m) return 0;
  let t = 0;
  for (let i = 0, k = 0; i < a.length; i++) { if (!fa[i]) continue; while (!fb[k]) k++; if (a.charCodeAt(i) !== b.charCodeAt(k)) t++; k++; }
  const j = (m / a.length + m / b.length + (m - t / 2) / m) / 3;
  let p = 0;
  while (p < Math.min(4, a.length) && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return j + p * 0.1 * (1 - j);
}
const once = () => { const t = performance.now(); let s = 0; for (let q = 0; q < 200; q++) for (const n of names) s += jw(names[q], n); if (!(s > 0)) throw new Error('no work'); return performance.now() - t; };
once();
const runs = [once(), once(), once(), once(), once()].sort((x, y) => x - y);
console.log(runs[2]);
`;

export const YARDSTICK_WORK = '200,000 Jaro-Winkler comparisons of seeded random names on one core, in a fresh Node process';

/** Milliseconds for the fixed work (median of five runs after a warm-up, in its own process); lower is faster. */
export function yardstickMs(): number {
  const run = spawnSync(process.execPath, ['-e', WORK], { encoding: 'utf8' });
  const ms = Number(run.stdout.trim());
  if (run.status !== 0 || !(ms > 0)) throw new Error(`yardstick: the timing process failed (${run.status}): ${run.stderr}`);
  return ms;
}

/** The sentence a section states it with. */
export const yardstickText = (ms: number) => `machine yardstick ${ms.toFixed(0)} ms (bench/yardstick.ts: ${YARDSTICK_WORK}; lower is faster)`;
