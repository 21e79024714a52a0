/**
 * @module cli/audit
 * `sekisho audit verify [--json]` and `sekisho audit list [--after N] [--limit N] [--action A]
 * [--subject S] [--json]`. verify exits 0 when the chain is intact and 1 (SEK_AUDIT_BROKEN) after
 * printing every problem; its --json output carries the head hash, which operators record outside
 * the database to anchor the log (services/audit.ts says why that matters).
 */
import { InvalidArgumentError } from 'commander';
import { ServerErrors } from '../errors.ts';
import type { AuditEntry, AuditVerification } from '../services/audit.ts';
import type { CommandContext } from './context.ts';

function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`a whole number from ${min}`);
    return n;
  };
}

export function formatVerification(v: AuditVerification): string {
  const lines = [
    v.ok ? `audit log intact: ${v.entries} entries` : `AUDIT LOG BROKEN: ${v.problemCount} problem(s) in ${v.entries} entries`,
    `head: entry ${v.head.seq}, hash ${v.head.hash}`,
  ];
  for (const p of v.problems) lines.push(`  entry ${p.seq}  ${p.kind}: ${p.detail}`);
  if (v.problemCount > v.problems.length) lines.push(`  … ${v.problemCount - v.problems.length} more`);
  return lines.join('\n');
}

export function formatEntries(entries: AuditEntry[]): string {
  if (entries.length === 0) return 'No audit entries.';
  return entries.map((e) => `${e.seq}  ${e.at}  ${e.actor}  ${e.action}${e.subject ? `  ${e.subject}` : ''}  ${JSON.stringify(e.data)}`).join('\n');
}

export function registerAuditCommands(ctx: CommandContext): void {
  const audit = ctx.program.command('audit').description('the hash-chained audit log: verify it, read it');

  audit
    .command('verify')
    .description('check every entry of the audit log against its hash, its neighbours and the head')
    .option('--json', 'print {ok, entries, head, problems} as JSON')
    .action(async (opts: { json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      await ctx.withApp(async (app) => {
        const v = await app.audit.verify();
        ctx.out(opts.json ? JSON.stringify(v, null, 2) : formatVerification(v));
        if (v.ok) return;
        // The report above is the JSON answer; the error goes to stderr only, so stdout stays one document.
        ctx.setJson(false);
        const first = v.problems[0]!;
        throw ServerErrors.AUDIT_BROKEN(`the audit log has ${v.problemCount} problem(s), the first at entry ${first.seq} (${first.kind})`, { problems: v.problemCount, firstSeq: first.seq });
      });
    });

  audit
    .command('list')
    .description('audit entries in order')
    .option('--after <seq>', 'only entries after this one', wholeNumber(0))
    .option('--limit <n>', 'at most this many (default 100, at most 10000)', wholeNumber(1))
    .option('--action <action>', 'only this action, e.g. key.created, list.activated')
    .option('--subject <subject>', 'only entries about this subject (event id, source, key id)')
    .option('--json', 'print as JSON')
    .action(async (opts: { after?: number; limit?: number; action?: string; subject?: string; json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      await ctx.withApp(async (app) => {
        const entries = await app.audit.list({ after: opts.after, limit: opts.limit, action: opts.action, subject: opts.subject });
        ctx.out(opts.json ? JSON.stringify(entries, null, 2) : formatEntries(entries));
      });
    });
}
