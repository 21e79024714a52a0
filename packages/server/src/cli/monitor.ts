/**
 * @module cli/monitor
 * `sekisho monitor …` (issue 7):
 * - `monitor replay --events events.jsonl --out decisions.jsonl [--config FILE] [--json]`: runs a
 *   history through a configuration (the one in force, or FILE) without side effects and prints
 *   alert counts per rule (services/monitor-replay.ts);
 * - `monitor rules [--json]`: the rules, their numbers, default outcomes and parameters;
 * - `monitor config propose FILE --as NAME [--note T]`, `approve V --as NAME`, `reject V --as NAME`,
 *   `list`, `show V`: configuration versions. The command line is an administrator's tool, so its
 *   approvals count as an admin's; four eyes still hold (the approver is not the proposer).
 * The flags of `replay` are an interface others build on; keep them stable.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { compileConfig, DEFAULT_TYPOLOGIES, RULES } from '@sekisho/core';
import { CoreErrors } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';
import { replayEvents, type ReplaySummary } from '../services/monitor-replay.ts';
import type { ConfigVersion } from '../services/monitoring-config.ts';
import type { CommandContext } from './context.ts';

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw ServerErrors.FILE_NOT_FOUND(`${path}: ${(error as Error).message}`, { file: path }, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw CoreErrors.MONITOR_CONFIG(`${path} is not JSON: ${(error as Error).message}`, { file: path });
  }
}

/** The replay summary as an analyst reads it. */
export function formatReplay(s: ReplaySummary): string {
  const lines = [
    `replayed ${s.decided} of ${s.lines} lines with monitoring configuration ${s.configVersion === 'file' ? 'from the file' : `version ${s.configVersion}`} in ${(s.ms / 1000).toFixed(1)} s: ${s.customers} customers, ${s.alertedCustomers} with an alert`,
    `decisions: ${Object.entries(s.byDecision).map(([d, n]) => `${d} ${n}`).join(', ')}`,
  ];
  const rules = Object.entries(s.alertsByRule).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  lines.push(rules.length ? 'alerts per rule:' : 'no rule would have raised an alert');
  const no = new Map(RULES.map((r) => [r.id, r.no]));
  for (const [rule, n] of rules) lines.push(`  ${String(n).padStart(7)}  R${String(no.get(rule) ?? '?').padEnd(3)} ${rule}`);
  const typologies = Object.entries(s.typologies);
  if (typologies.length) lines.push(`typologies over a threshold: ${typologies.map(([t, n]) => `${t} ${n}`).join(', ')}`);
  if (s.outOfOrder) lines.push(`${s.outOfOrder} events were earlier than one before them in the file: each was decided against the activities at or before its own time`);
  if (s.unknownCustomers) lines.push(`${s.unknownCustomers} events named a customer neither onboarded in the file nor on record (decided with a customer.unknown review reason)`);
  if (s.skipped) {
    lines.push(`${s.skipped} lines skipped:`);
    for (const p of s.problems.slice(0, 10)) lines.push(`  line ${p.line}: ${p.code} ${p.message}`);
    if (s.skipped > 10) lines.push(`  … (${s.skipped - 10} more; --json lists the first 100)`);
  }
  return lines.join('\n');
}

const formatVersion = (v: ConfigVersion) =>
  `version ${v.version}: ${v.status}, proposed by ${v.proposedBy} at ${v.proposedAt}${v.decidedBy ? `, ${v.status === 'rejected' ? 'rejected' : 'approved'} by ${v.decidedBy} at ${v.decidedAt}` : ''}${v.note ? `\n  note: ${v.note.replace(/\n/g, '\n        ')}` : ''}`;

/** Adds `monitor` to the program. */
export function registerMonitorCommands(ctx: CommandContext): void {
  const monitor = ctx.program.command('monitor').description('transaction monitoring: replay history through a configuration, rules, configuration versions');

  monitor
    .command('replay')
    .description('run events (JSON lines) through the checks and a monitoring configuration without changing anything; write each decision and print alert counts per rule')
    .requiredOption('--events <file>', 'events, one JSON object per line (the body of POST /v1/events)')
    .requiredOption('--out <file>', 'where to write the decisions, one JSON line per event')
    .option('--config <file>', 'a monitoring configuration (JSON, as proposed) instead of the one in force')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { events: string; out: string; config?: string; json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      const fileConfig = opts.config ? readJson(opts.config) : undefined;
      await ctx.withApp(async (app) => {
        const config = fileConfig !== undefined ? compileConfig(RULES, DEFAULT_TYPOLOGIES, fileConfig, 0) : await app.monitoringConfigs.active();
        const input = createReadStream(opts.events);
        const opened = new Promise<void>((resolve, reject) => {
          input.once('open', () => resolve());
          input.once('error', (error) => reject(ServerErrors.FILE_NOT_FOUND(`${opts.events}: ${error.message}`, { file: opts.events }, { cause: error })));
        });
        await opened;
        const out = createWriteStream(opts.out);
        const summary = await replayEvents(app, createInterface({ input, crlfDelay: Infinity }), {
          config,
          configLabel: fileConfig !== undefined ? 'file' : config.version,
          write: async (line) => {
            if (!out.write(`${line}\n`)) await once(out, 'drain');
          },
        });
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
        ctx.out(opts.json ? JSON.stringify(summary, null, 2) : formatReplay(summary));
      });
    });

  monitor
    .command('rules')
    .description('the monitoring rules: catalogue number, id, family, default outcome, events and parameters')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      const rows = RULES.map((r) => ({ no: r.no, id: r.id, family: r.family, title: r.title, outcome: r.outcome, events: r.events, defaults: r.defaults, source: r.source }));
      ctx.out(opts.json ? JSON.stringify(rows, null, 2) : rows.map((r) => `R${String(r.no).padEnd(3)} ${r.id.padEnd(30)} ${r.outcome.padEnd(7)} ${r.title}`).join('\n'));
    });

  const config = monitor.command('config').description('versions of the monitoring configuration: a proposal takes effect when someone else approves it');
  config
    .command('propose')
    .argument('<file>', 'the configuration (JSON): the rules and typologies it changes')
    .requiredOption('--as <name>', 'who proposes it (recorded and audited)')
    .option('--note <text>', 'why')
    .option('--json', 'print the version as JSON')
    .action(async (file: string, opts: { as: string; note?: string; json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      const input = readJson(file);
      await ctx.withApp(async (app) => {
        const v = await app.monitoringConfigs.propose(input, opts.as, opts.note);
        ctx.out(opts.json ? JSON.stringify(v, null, 2) : `${formatVersion(v)}\nit takes effect when a supervisor or admin other than ${opts.as} approves it: sekisho monitor config approve ${v.version} --as NAME`);
      });
    });
  for (const [verb, decide] of [['approve', 'approve'], ['reject', 'reject']] as const) {
    config
      .command(verb)
      .argument('<version>', 'the proposed version')
      .requiredOption('--as <name>', `who ${verb}s it (not its proposer)`)
      .option('--note <text>', 'why')
      .option('--json', 'print the version as JSON')
      .action(async (version: string, opts: { as: string; note?: string; json?: boolean }) => {
        ctx.setJson(Boolean(opts.json));
        await ctx.withApp(async (app) => {
          const v = await app.monitoringConfigs[decide](Number(version), { name: opts.as, role: 'admin' }, opts.note);
          ctx.out(opts.json ? JSON.stringify(v, null, 2) : formatVersion(v));
        });
      });
  }
  config
    .command('list')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      await ctx.withApp(async (app) => {
        const versions = await app.monitoringConfigs.list();
        ctx.out(opts.json ? JSON.stringify(versions, null, 2) : versions.length ? versions.map(formatVersion).join('\n') : 'no configuration version yet: the rules run with their defaults (version 0)');
      });
    });
  config
    .command('show')
    .argument('<version>', 'a version')
    .action(async (version: string) => {
      await ctx.withApp(async (app) => {
        const v = await app.monitoringConfigs.get(Number(version));
        ctx.out(`${formatVersion(v)}\n${JSON.stringify(v.config, null, 2)}`);
      });
    });
}
