/**
 * @module cli/trace
 * `sekisho trace (--address A | --tx T) [--chain C] [--direction in|out] [--hops N]
 * [--method haircut|poison] [--asset X] [--json]`: the exposure of an address or a transaction
 * over the chain data in the store (issue 6). `--tx` with `--address` traces only the outputs or
 * transfers of the transaction that paid the address (a customer's deposit). The flags are an
 * interface others build on; keep them stable.
 */
import { DEFAULT_HOPS, MAX_HOPS, type Exposure, type PathStep } from '@sekisho/core';
import { resolveSubject } from '../services/exposure.ts';
import type { CommandContext } from './context.ts';

const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.001 ? 4 : 2)}%`;

function formatPath(path: PathStep[]): string {
  return path.map((s) => `${s.tx.slice(0, 16)}${s.vout !== undefined ? `:${s.vout}` : ''}${s.address ? ` ${s.address}` : ''}`).join(' → ');
}

/** The exposure as text an analyst reads: findings, categories, mining origins, what is unknown. */
export function formatExposure(e: Exposure): string {
  const s = e.subject;
  const what = s.kind === 'address' ? `address ${s.address}` : `transaction ${s.txid}${s.address ? ` (outputs to ${s.address})` : ''}`;
  if (!e.found) return `${what} on ${s.chain}: not in the chain store (ingest its blocks with \`sekisho chain ingest\`); nothing is known of it`;
  const lines = [`${what} on ${s.chain}, ${e.direction === 'in' ? 'source of funds' : 'destination of funds'}, ${e.method}, ${e.hops} hops: ${e.amount} (${e.asset}, smallest unit)`];
  if (e.findings.length === 0 && e.mining.length === 0) lines.push('  no attributed address reached');
  for (const f of e.findings) {
    lines.push(
      `  ${f.kind.padEnd(9)} ${percent(f.share).padStart(8)}  ${f.label}${f.sanctioned ? ' [SANCTIONED]' : ''} (${f.categories.join(', ') || 'no category'}${f.jurisdictions.length ? `; ${f.jurisdictions.join(', ')}` : ''}) ${f.hops} hop${f.hops === 1 ? '' : 's'}, amount ${f.amount}`,
    );
    if (f.path.length) lines.push(`            path ${formatPath(f.path)}`);
    lines.push(`            from ${f.sources.join(', ')}`);
  }
  if (e.byCategory.length) lines.push(`  by category: ${e.byCategory.map((c) => `${c.category} ${percent(c.share)}`).join(', ')}`);
  for (const m of e.mining) {
    lines.push(`  MINING    ${percent(m.share).padStart(8)}  ${m.pool}${m.flagged ? ' [FLAGGED]' : ''}${m.jurisdictions.length ? ` (${m.jurisdictions.join(', ')})` : ''} by ${m.by} "${m.evidence}", ${m.hops} hops, amount ${m.amount}`);
    if (m.path.length) lines.push(`            path ${formatPath(m.path)}`);
  }
  lines.push(`  unattributed ${percent(e.unattributed)}, untraced ${percent(e.untraced)} (cut by limits or missing data: not known to be clean), ${e.nodesExpanded} nodes read`);
  return lines.join('\n');
}

/** Adds `trace` to the program. */
export function registerTraceCommands(ctx: CommandContext): void {
  const command = ctx.program
    .command('trace')
    .description('exposure of an address or transaction: the share of its funds from (in) or to (out) sanctioned and other attributed actors, with a path each')
    .option('--address <address>', 'the address to trace (with --tx: only the outputs or transfers paying it)')
    .option('--tx <hash>', 'the transaction to trace')
    .option('--chain <chain>', 'the chain (inferred from the address or hash form when left out)')
    .option('--direction <dir>', 'in: where the funds came from; out: where they went', 'in')
    .option('--hops <n>', `hops to follow, 1 to ${MAX_HOPS}`, String(DEFAULT_HOPS))
    .option('--method <method>', 'haircut (proportional shares) or poison (any touch counts whole)', 'haircut')
    .option('--asset <asset>', 'account chains: native (default), USDT, USDC or a token contract')
    .option('--json', 'print the exposure as JSON')
    .action(async (opts: { address?: string; tx?: string; chain?: string; direction: string; hops: string; method: string; asset?: string; json?: boolean }) => {
      ctx.setJson(Boolean(opts.json));
      if (!opts.address && !opts.tx) command.error('give --address or --tx', { exitCode: 2, code: 'sekisho.usage' });
      if (opts.direction !== 'in' && opts.direction !== 'out') command.error('--direction is in or out', { exitCode: 2, code: 'sekisho.usage' });
      if (opts.method !== 'haircut' && opts.method !== 'poison') command.error('--method is haircut or poison', { exitCode: 2, code: 'sekisho.usage' });
      const hops = Number(opts.hops);
      if (!Number.isInteger(hops) || hops < 1 || hops > MAX_HOPS) command.error(`--hops is a whole number from 1 to ${MAX_HOPS}`, { exitCode: 2, code: 'sekisho.usage' });
      const subject = resolveSubject({ address: opts.address, tx: opts.tx, chain: opts.chain, asset: opts.asset });
      await ctx.withApp(async (app) => {
        const exposure = await app.exposure.trace(subject, { direction: opts.direction as 'in' | 'out', hops, method: opts.method as 'haircut' | 'poison' });
        ctx.out(opts.json ? JSON.stringify(exposure, null, 2) : formatExposure(exposure));
      });
    });
}
