/**
 * @module cli/rescreen
 * `sekisho rescreen --all | --pending [--json]`: rescreens the stored customer base from the
 * command line. `--pending` catches up on list versions activated but not yet rescreened (a load
 * from the CLI while no server ran); `--all` screens every stored party against the whole
 * active index, the pass to run after the screening threshold changed. Both print what they
 * screened and how long it took.
 */
import { Option } from 'commander';
import { recordConfiguration } from '../services/config-audit.ts';
import type { RescreenReport } from '../services/rescreen.ts';
import type { CommandContext } from './context.ts';
import { createProgress } from './progress.ts';

/** One report as a line: what was screened against what, what was found, how long it took. */
export function formatRescreen(r: RescreenReport): string {
  const what = r.source
    ? `${r.source}: ${r.fromVersion === undefined ? 'first rescreen' : `version ${r.fromVersion}`} → ${r.toVersion}, ${r.changedEntities} new or changed entities`
    : `all active lists: ${r.changedEntities} entities`;
  const index = r.indexMs !== undefined ? ` (index ${(r.indexMs / 1000).toFixed(1)} s)` : '';
  return `${what}; ${r.parties} parties and ${r.wallets} wallets screened in ${(r.ms / 1000).toFixed(1)} s${index}: ${r.findings} findings for ${r.customersWithFindings} customers`;
}

/**
 * Adds `rescreen` to the program.
 * @example registerRescreenCommands(ctx) // sekisho rescreen --pending --json
 */
export function registerRescreenCommands(ctx: CommandContext): void {
  const command = ctx.program
    .command('rescreen')
    .description('rescreen stored customers, owners, directors and counterparties: --pending (list versions not yet rescreened) or --all (everything, after a threshold change)')
    .addOption(new Option('--all', 'screen every stored party and wallet against the whole active index').conflicts('pending'))
    .addOption(new Option('--pending', 'rescreen against the new and changed entities of every list version activated since its last rescreen').conflicts('all'))
    .option('--workers <n>', 'with --all: worker threads, each with its own index (default 1)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 16) command.error('--workers is a whole number from 1 to 16', { exitCode: 2, code: 'sekisho.usage' });
      return n;
    })
    .option('--json', 'print the report(s) as JSON')
    .action(async (opts: { all?: boolean; pending?: boolean; workers?: number; json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      if (!opts.all && !opts.pending) command.error('give --all or --pending', { exitCode: 2, code: 'sekisho.usage' });
      await ctx.withApp(async (app) => {
        const rescreen = app.rescreen;
        if (opts.pending) {
          const reports = await rescreen.pending();
          if (opts.json) ctx.out(JSON.stringify(reports, null, 2));
          else ctx.out(reports.length ? reports.map(formatRescreen).join('\n') : 'Every active list version is rescreened already.');
          return;
        }
        // --all follows a threshold change: the settings it screens with go on the record.
        await recordConfiguration({ store: app.store, audit: app.audit, config: app.config, actor: 'cli' });
        const progress = createProgress('rescreening', ctx.io.stderr, Boolean(opts.json) && !ctx.io.stderr.isTTY, 'rows');
        try {
          const report = await rescreen.all({ workers: opts.workers, onProgress: (done, total) => progress.update(done, Math.max(done, total)) });
          progress.stop();
          ctx.out(opts.json ? JSON.stringify(report, null, 2) : formatRescreen(report));
        } finally {
          progress.stop();
        }
      });
    });
}
