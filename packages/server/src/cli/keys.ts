/**
 * @module cli/keys
 * `sekisho keys create --role R [--name N] [--json]`, `keys list [--json]`, `keys revoke <id> [--json]`.
 * The token is printed once, at creation; Sekisho keeps only its hash. The CLI acts as 'cli' in
 * the audit log.
 */
import { ROLES, type ApiKeyInfo } from '../services/keys.ts';
import type { CommandContext } from './context.ts';

const ACTOR = 'cli';
const NOT_AGAIN = 'This token will not be shown again: store it now (Sekisho keeps only its hash).';

export function formatKeys(keys: ApiKeyInfo[]): string {
  if (keys.length === 0) return 'No API keys yet. Create one with: sekisho keys create --role <role>';
  const rows = keys.map((k) => [k.id, k.role, k.revokedAt ? `revoked ${k.revokedAt.slice(0, 19).replace('T', ' ')}` : 'active', k.createdAt.slice(0, 19).replace('T', ' '), k.createdBy ?? '-', k.name]);
  const header = ['id', 'role', 'status', 'created (UTC)', 'by', 'name'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function registerKeyCommands(ctx: CommandContext): void {
  const keys = ctx.program.command('keys').description('API keys: create, list, revoke');

  keys
    .command('create')
    .description('create an API key and print its token (once)')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--name <name>', 'what the key is for, e.g. "withdrawal service"')
    .option('--json', 'print {key, token, notice} as JSON')
    .action(async (opts: { role: string; name?: string; json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      await ctx.withApp(async (app) => {
        const { key, token } = await app.keys.create({ role: opts.role, name: opts.name, actor: ACTOR });
        if (opts.json) ctx.out(JSON.stringify({ key, token, notice: NOT_AGAIN }, null, 2));
        else ctx.out([`key ${key.id} (${key.role}) created: ${key.name}`, `token: ${token}`, NOT_AGAIN].join('\n'));
      });
    });

  keys
    .command('list')
    .description('every key with its role and status (never the token)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      await ctx.withApp(async (app) => {
        const list = await app.keys.list();
        ctx.out(opts.json ? JSON.stringify(list, null, 2) : formatKeys(list));
      });
    });

  keys
    .command('revoke')
    .description('revoke a key at once (a running server stops accepting it within its key cache time)')
    .argument('<id>', 'the key id (12 hex digits, the part after sek_)')
    .option('--json', 'print the key as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      await ctx.withApp(async (app) => {
        const key = await app.keys.revoke(id, ACTOR);
        ctx.out(opts.json ? JSON.stringify(key, null, 2) : `key ${key.id} (${key.role}) revoked at ${key.revokedAt}`);
      });
    });
}
