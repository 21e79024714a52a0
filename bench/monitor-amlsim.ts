/**
 * bench:monitor-amlsim — the labelled AMLSim graphs (../shared/monitoring-data/amlsim, IBM
 * AMLSim 20K samples with fan-in and cycle typologies) replayed through the real decision
 * pipeline (issue 7): `replayEvents` runs every event through the event checks (sanctions
 * screening against a loaded list) and the monitoring service with the default configuration
 * (every rule, the default typologies) and its transfer graph, writing nothing to the store.
 * The conversion is packages/server/test/amlsim.ts (one AMLSim unit = ¥1,000, one step = one day).
 *
 * Figures per file: account-level precision and recall — against every isFraud account and
 * against the "active" ones (with at least one laundering transfer) — overall and per rule,
 * flagged (a rule hit with an outcome other than allow on the account's own event) and named
 * (plus the cycle members and bursting senders the hit names); events per second of the
 * replay; and the baseline measured in the same run: the same events through the same pipeline
 * with a configuration of no rules (checks, state, graph and decisions, no rule evaluated).
 *
 * Files: every .tgz in ../shared/monitoring-data/amlsim, or the paths given as arguments.
 * BENCH_AMLSIM_BASELINE=0 skips the baseline runs.
 */
import { readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import pino from 'pino';
import { compileConfig, DEFAULT_TYPOLOGIES, RULES } from '../packages/core/src/index.ts';
import { createApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { AMLSIM_BASE, type AmlsimData, formatScore, percent, readAmlsim, replayAmlsim, reversedAmlsim, score, YEN_PER_UNIT, type AmlsimReplay, type Score } from '../packages/server/test/amlsim.ts';
import { machine, repoRoot, writeSection } from './report.ts';

const dataDir = resolve(repoRoot, '../shared/monitoring-data/amlsim');
const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => resolve(f))
  : readdirSync(dataDir)
      .filter((f) => f.endsWith('.tgz'))
      .sort()
      .map((f) => join(dataDir, f));
const BASELINE = process.env.BENCH_AMLSIM_BASELINE !== '0';
/** Each file also replayed with every transfer reversed (the fan-in file as AMLSim's fan-out shape); BENCH_AMLSIM_REVERSED=0 leaves it out. */
const REVERSED = process.env.BENCH_AMLSIM_REVERSED !== '0';
const n = (x: number) => Math.round(x).toLocaleString('en');
/** The flow rules on the transfer graph (rules/flows.ts), the ones written for these typologies. */
const FLOW = new Set(['repeat-pair-burst', 'flow-cycle', 'exact-pass-through', 'fan-in-burst', 'fan-out-burst']);

const work = mkdtempSync(join(tmpdir(), 'sekisho-bench-amlsim-'));
const app = await createApp(loadConfig({ SEKISHO_DB: join(work, 'sekisho.db') }), { logger: pino({ level: 'silent' }) });
await app.loader.load('custom', [resolve(repoRoot, 'packages/core/test/fixtures/custom/blocklist.csv')]);
const config = compileConfig(RULES, DEFAULT_TYPOLOGIES, {});
const empty = compileConfig([], [], {});

interface FileResult {
  r: AmlsimReplay;
  readMs: number;
  cpuMs: number;
  baseline?: { eventsPerSecond: number; ms: number; cpuMs: number };
}

const results: FileResult[] = [];
const loadBefore = loadavg()[0]!;
const datasets: { data: AmlsimData; readMs: number; baseline: boolean }[] = [];
for (const file of files) {
  const t0 = performance.now();
  const data = readAmlsim(file);
  datasets.push({ data, readMs: performance.now() - t0, baseline: BASELINE });
}
// The mirrors after the originals, without a baseline of their own (the same events reversed cost the same).
if (REVERSED) for (const { data, readMs } of [...datasets]) datasets.push({ data: reversedAmlsim(data), readMs, baseline: false });
for (const { data, readMs, baseline } of datasets) {
  console.log(`${data.name}: ${n(data.accounts.length)} accounts (${data.fraud.size} isFraud, ${data.active.size} active), ${n(data.transfers.length)} transfers; read in ${readMs.toFixed(0)} ms`);
  const cpu0 = process.cpuUsage();
  const r = await replayAmlsim(app, data, config);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // Every converted event must be decided: a skipped line is a fault of the conversion, not a figure to report.
  if (r.summary.skipped || r.events !== 2 * data.transfers.length + data.accounts.length) {
    throw new Error(`${data.name}: ${r.events} events decided of ${2 * data.transfers.length + data.accounts.length}, ${r.summary.skipped} skipped (first: ${JSON.stringify(r.summary.problems[0] ?? null)}); BENCHMARKS.md is not written`);
  }
  console.log(`  replay: ${n(r.events)} events in ${(r.ms / 1000).toFixed(1)} s = ${n(r.eventsPerSecond)} events/s (${(cpuMs / 1000).toFixed(1)} s cpu)`);
  console.log(`  flagged ${formatScore(score(r.flagged, data))}`);
  console.log(`  named   ${formatScore(score(r.named, data))}`);
  const result: FileResult = { r, readMs, cpuMs };
  if (baseline) {
    const bcpu0 = process.cpuUsage();
    const b = await replayAmlsim(app, data, empty);
    const bcpu = process.cpuUsage(bcpu0);
    result.baseline = { eventsPerSecond: b.eventsPerSecond, ms: b.ms, cpuMs: (bcpu.user + bcpu.system) / 1000 };
    console.log(`  baseline (no rules): ${n(b.eventsPerSecond)} events/s (${(result.baseline.cpuMs / 1000).toFixed(1)} s cpu); the rules cost ${(cpuMs / result.baseline.cpuMs).toFixed(2)}× its cpu time`);
  }
  results.push(result);
}
await app.close();
rmSync(work, { recursive: true, force: true });

// ---------------------------------------------------------------- the section
const row = (label: string, s: Score, named?: Score, alerts?: number) =>
  `| ${label} | ${alerts === undefined ? '' : n(alerts)} | ${s.n} | ${percent(s.precision)} | ${percent(s.recallAll)} | ${percent(s.recallActive)} | ${percent(s.falsePositiveRate)} | ${named ? `${named.n} / ${percent(named.precision)} / ${percent(named.recallActive)}` : ''} |`;

const lines: string[] = [];
lines.push('## monitor-amlsim — AMLSim labelled graphs through the decision pipeline (issue 7)', '');
lines.push(`${new Date().toISOString().slice(0, 10)}, ${machine()}; load average ${loadBefore.toFixed(1)} at the start (a shared machine: wall times are noisy; the cpu-time ratio to the baseline is the steadier figure).`, '');
lines.push(
  `Each archive is converted by packages/server/test/amlsim.ts: one \`customer.onboarded\` per account (synthetic names, JP, ${AMLSIM_BASE.slice(0, 10)}), two \`fiat.transfer\` legs per transfer (out for the sender, in for the receiver, each naming the other as counterpartyCustomerId), ` +
    `amountJpy = value × ${n(YEN_PER_UNIT)} (AMLSim's amounts have no unit; ordinary transfers become ¥100,000–¥600,000, the laundering ones ¥2,500–¥100,000), one step = one day with a step's transfers spread evenly over it in file order. ` +
    `The events go through \`replayEvents\` (packages/server/src/services/monitor-replay.ts): sanctions screening against the custom test blocklist, then the monitoring service with the default configuration (${RULES.length} rules, default typologies) and its transfer graph; nothing is written to the store.`,
  '',
);
lines.push(
  'An account is **flagged** when a rule hit with an outcome other than allow is on one of its own events; **named** adds the accounts such a hit names as members of its pattern (the ring of a flow cycle, up to 50 senders or receivers paid in bursts of a fan-in or fan-out), from the evidence each hit carries in the decision lines. ' +
    'P = precision (flagged accounts labelled isFraud); R(all) = recall of every isFraud account; R(active) = recall of the isFraud accounts with at least one laundering transfer (fraud → fraud, value < 100); FPR = flagged ordinary accounts of all ordinary accounts.',
  '',
);
for (const { r, readMs, cpuMs, baseline } of results) {
  const d = r.data;
  const all = score(r.flagged, d);
  lines.push(`### ${d.name}`, '');
  lines.push(
    (d.name.endsWith('-reversed') ? `${d.name.replace(/-reversed$/, '')} with every transfer's direction swapped (packages/server/test/amlsim.ts reversedAmlsim): a fan-in becomes AMLSim's fan-out shape, a cycle runs the other way; the labels stay. ` : '') +
      `${n(d.accounts.length)} accounts, ${d.fraud.size} isFraud of which ${d.active.size} active; ${n(d.transfers.length)} transfers → ${n(r.events)} events (read and unpacked in ${readMs.toFixed(0)} ms). ` +
      `Replay: **${(r.ms / 1000).toFixed(1)} s, ${n(r.eventsPerSecond)} events/s** (${(cpuMs / 1000).toFixed(1)} s cpu)` +
      (baseline
        ? `; the baseline without rules ${n(baseline.eventsPerSecond)} events/s (${(baseline.cpuMs / 1000).toFixed(1)} s cpu), so the ${RULES.length} rules take ${(cpuMs / baseline.cpuMs).toFixed(2)}× its cpu time (${(r.ms / baseline.ms).toFixed(2)}× its wall time)`
        : '') +
      `. Decisions: ${Object.entries(r.summary.byDecision).filter(([, v]) => v).map(([k, v]) => `${k} ${n(v)}`).join(', ')}; skipped ${r.summary.skipped}, out of order ${r.summary.outOfOrder}, unknown customers ${r.summary.unknownCustomers}, decisions with a screening reason ${r.screeningReasons}.`,
    '',
  );
  lines.push('| rule | alerts (events) | accounts flagged | P | R(all) | R(active) | FPR | named: n / P / R(active) |', '|---|---:|---:|---:|---:|---:|---:|---|');
  lines.push(row('**any rule**', all, score(r.named, d)));
  const rules = [...r.flaggedByRule.keys()].sort((a, b) => score(r.flaggedByRule.get(b)!, d).tp - score(r.flaggedByRule.get(a)!, d).tp || a.localeCompare(b));
  for (const rule of rules) {
    const named = r.namedByRule.get(rule)!;
    const flagged = r.flaggedByRule.get(rule)!;
    lines.push(row(rule, score(flagged, d), named.size > flagged.size ? score(named, d) : undefined, r.summary.alertsByRule[rule]));
  }
  for (const [typology, set] of r.flaggedByTypology) lines.push(row(`typology ${typology}`, score(set, d), undefined, r.summary.typologies[typology]));
  const flowOnly = new Set([...r.flagged].filter((a) => [...r.flaggedByRule].some(([rule, s]) => s.has(a) && FLOW.has(rule))));
  const flowNamed = new Set([...r.named].filter((a) => [...r.namedByRule].some(([rule, s]) => s.has(a) && FLOW.has(rule))));
  lines.push(row(`the ${FLOW.size} flow rules (25, 26, 28)`, score(flowOnly, d), score(flowNamed, d)));
  lines.push('');
}
lines.push(
  '**Notes.**',
  '',
  `- The recall ceiling: ${results.map(({ r: { data: d } }) => `${d.fraud.size - d.active.size} of ${d.fraud.size} isFraud accounts in ${d.name}`).join(', ')} never send or receive a laundering transfer — AMLSim labels every member of a typology's account group, used or not — so nothing that watches transfers can find them but by chance; R(all) is bounded by about ${results.map(({ r: { data: d } }) => percent(d.active.size / d.fraud.size)).join(' / ')}, and R(active) is the figure to read.`,
  '- Generator quirks the rules meet: laundering amounts are far smaller than ordinary ones (under 100 units, ordinary 100–600), so size alone would separate them here (none of the rules that flag here uses a small amount as a sign); AMLSim\'s cycle hops are not in time order along the flow; a fan-in sender pays its hub several times on one day, which is what repeat-pair-burst and fan-in-burst see; time is a day number, the time of day is ours. ' +
    `Exact duplicate rows (same pair, value and step): ${results.map(({ r: { data: d } }) => `${n(d.transfers.length - new Set(d.transfers.map((t) => `${t.from},${t.to},${t.value},${t.step}`)).size)} in ${d.name}`).join(', ')}; each is a transfer of its own (two events and a graph edge of its own).`,
  '- Transfers between two customers are rule 28\'s repeat-pair-burst (the transfer graph); repeat-counterparty (the activity history) leaves them to it, so a burst raises one alert, not two.',
  '- Most of the recall comes from repeat-pair-burst (rule 28) and, on the fan-in file, fan-in-burst (26) (on the reversed fan-in file, AMLSim\'s fan-out shape, fan-out-burst); on the cycle file exact-pass-through (25) and flow-cycle (26). flow-cycle flags few accounts on their own events because a cycle closes on one transfer, whose two legs are the only events that see it; the ring it names is the better measure of that rule.',
  '- The false positives come from the rules written for other signs: pass-through (25, money in and out again within hours), new-account-large-deposit (27: ¥2M received within 30 days of opening — every account here opens on the base date) and profile-volume (27: ¥9M moved in 30 days by a person without a declared profile), structuring, fan-in and fan-out counts. The two rule-27 figures depend on the ¥1,000 scale chosen for AMLSim\'s unitless amounts; the customers here have no occupation, risk rating or history before the base date, which an exchange\'s own data would add.',
  '- profile-volume alerts on the transfer that takes an account\'s 30-day volume over its line, and again only after the volume has dropped below it and crosses it again (until 2026-11-27 it alerted on every transfer while over the line: thousands of alerts on a few dozen accounts).',
  '- These two files were used to choose the flow rules\' defaults (rules/flows.ts); figures on held-out AMLSim files of the same generator may be lower.',
);
writeSection('monitor-amlsim', lines.join('\n'));
console.log(`\nwrote the monitor-amlsim section of BENCHMARKS.md`);
