/**
 * @module cli/format
 * Human-readable renderings of command results. `--json` output bypasses these entirely.
 */
import type { Entity, ScreeningResult, TagHit, WalletScreening } from '@sekisho/core';
import type { ListVersion } from '../storage/list-store.ts';
import type { ListDiff } from '../services/list-diff.ts';
import type { LoadResult } from '../services/list-loader.ts';

function counts(c: Record<string, number>): string {
  return Object.entries(c)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

export function formatLoad(r: LoadResult): string {
  const v = r.version;
  if (r.status === 'unchanged') return `${r.source}: unchanged — version ${v.version} already holds these files (${v.entityCount} entities)`;
  const lines = [
    `${r.source}: version ${v.version} active — ${v.entityCount} entities (${counts(v.counts)}), ${v.walletCount} wallets, issued ${v.issueDate ?? 'unknown'}`,
  ];
  if (r.previous) lines.push(`  previous: version ${r.previous.version} with ${r.previous.entityCount} entities`);
  if (v.warningCount) {
    lines.push(`  ${v.warningCount} warning(s):`);
    for (const w of v.warnings.slice(0, 10)) lines.push(`    [${w.code}] ${[w.file, w.position].filter(Boolean).join(' ')}${w.file || w.position ? ': ' : ''}${w.message}`);
    if (v.warningCount > 10) lines.push(`    … ${v.warningCount - 10} more (see --json)`);
  }
  lines.push(`  loaded in ${(r.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

export function formatStatus(versions: ListVersion[]): string {
  if (versions.length === 0) return 'No list loaded yet. Load one with: sekisho lists load <source> <file...>';
  const rows = versions.map((v) => [
    v.source,
    String(v.version),
    v.issueDate ?? '-',
    String(v.entityCount),
    counts(v.counts),
    String(v.walletCount),
    v.loadedAt.replace('T', ' ').slice(0, 19),
    v.fileHash.slice(0, 16),
  ]);
  const header = ['source', 'version', 'issued', 'entities', 'by schema', 'wallets', 'loaded (UTC)', 'file hash'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatDiff(d: ListDiff): string {
  const lines = [
    `${d.source}: version ${d.from.version} (${d.from.entityCount}, issued ${d.from.issueDate ?? '?'}) → version ${d.to.version} (${d.to.entityCount}, issued ${d.to.issueDate ?? '?'})`,
    `  ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`,
  ];
  for (const e of d.added) lines.push(`  + ${e.id}  ${e.caption} (${e.schema})`);
  for (const e of d.removed) lines.push(`  - ${e.id}  ${e.caption} (${e.schema})`);
  for (const e of d.changed) lines.push(`  ~ ${e.id}  ${e.caption}: ${e.fields.join(', ')}`);
  return lines.join('\n');
}

export function formatEntity(e: Entity, meta: { source: string; version: number }, captions: Map<string, string>): string {
  const lines = [`${e.id}  ${e.schema}  (${meta.source} version ${meta.version})`];
  for (const n of e.names) {
    const extra = [n.script, n.lang, n.reading ? `reading ${n.reading}` : ''].filter(Boolean).join(', ');
    lines.push(`  ${n.kind.padEnd(8)} ${n.full}  [${extra}]`);
  }
  for (const d of e.birthDates) lines.push(`  born     ${d.date ?? `${d.from} to ${d.to}`}${d.circa ? ' (circa)' : ''}`);
  for (const [k, values] of Object.entries(e.properties)) for (const v of values ?? []) lines.push(`  ${k}: ${v}`);
  for (const i of e.identifiers) lines.push(`  id       ${i.label} ${i.value}${i.country ? ` (${i.country})` : ''} [${i.type}]`);
  for (const w of e.wallets) lines.push(`  wallet   ${w.currency} ${w.address}`);
  for (const r of e.relations) lines.push(`  relation ${r.label} → ${r.target}${captions.get(r.target) ? ` ${captions.get(r.target)}` : ''}${r.share !== undefined ? ` (${r.share}%)` : ''}`);
  return lines.join('\n');
}

export function formatScreening(r: ScreeningResult): string {
  const lines: string[] = [];
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  const matches = r.hits.filter((h) => h.match);
  lines.push(`${matches.length ? `MATCH: ${matches.length}` : 'no match'} at threshold ${r.threshold} (lists: ${r.lists.map((l) => `${l.source} v${l.version}`).join(', ') || 'none loaded'})`);
  for (const h of r.hits) {
    lines.push(`${h.match ? '!' : ' '} ${h.score.toFixed(3)}  ${h.entityId}  ${h.caption}  [${h.schema}; ${h.source} v${h.listVersion}${h.programs.length ? `; ${h.programs.join(', ')}` : ''}]`);
    const n = h.explanation.name;
    if (n.candidateName) {
      lines.push(`         name: "${n.queryName}" (${n.queryVia}) ~ "${n.candidateName}" (${n.candidateKind}, ${n.candidateVia}) = ${n.score}`);
      lines.push(`         tokens: ${n.tokens.map((t) => `${t.query}~${t.candidate} ${t.similarity} ${t.how}`).join('; ')}`);
    }
    for (const f of h.explanation.features.slice(1)) lines.push(`         ${f.feature} ${f.effect >= 0 ? '+' : ''}${f.effect.toFixed(2)}: ${f.detail}`);
  }
  return lines.join('\n');
}

export function formatAddress(r: WalletScreening & { tags: TagHit[]; lists: { source: string; version: number }[] }): string {
  const lines: string[] = [];
  const v = r.validation;
  if (v.valid) for (const m of v.matches) lines.push(`valid ${m.chain} ${m.type} (${m.network}): ${m.display}${m.canonical !== m.display ? ` [canonical ${m.canonical}]` : ''}`);
  else lines.push(`NOT A VALID ADDRESS: ${[...new Set(v.rejections.map((x) => x.reason))].slice(0, 3).join('; ')}`);
  lines.push(r.hits.length ? `LISTED: ${r.hits.length} hit(s) (lists: ${r.lists.map((l) => `${l.source} v${l.version}`).join(', ')})` : `not listed (lists: ${r.lists.map((l) => `${l.source} v${l.version}`).join(', ') || 'none loaded'})`);
  for (const h of r.hits) lines.push(`! ${h.entityId}  ${h.caption}  [${h.source} v${h.version}; ${h.programs.join(', ')}; listed ${h.listingDate ?? '?'}] as ${h.currency} ${h.published}`);
  for (const f of r.formerly) lines.push(`  formerly listed: ${f.entityId} [${f.source}] ${f.currency} ${f.published}, last in version ${f.lastListedIn}, dropped in version ${f.droppedIn}`);
  for (const t of r.tags) lines.push(`  tag: ${t.label}${t.actorLabel ? ` (actor ${t.actorLabel})` : ''} [${t.categories.join(', ') || 'no category'}${t.jurisdictions.length ? `; ${t.jurisdictions.join(', ')}` : ''}] from ${t.tagSource} v${t.tagVersion}${t.confidence ? `, confidence ${t.confidence}` : ''}`);
  return lines.join('\n');
}
