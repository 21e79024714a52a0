/**
 * Writes a benchmark area's section into BENCHMARKS.md (replacing that area's previous
 * section, keeping the others) with the date and the machine it ran on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..');

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
}

export function writeSection(area: string, body: string): void {
  const path = resolve(repoRoot, 'BENCHMARKS.md');
  const header = '# Benchmarks\n\nFigures written by `npm run bench` (one section per area, `npm run bench:<area>`). Each run compares against a baseline measured in the same run, because these machines are noisy.\n';
  const text = existsSync(path) ? readFileSync(path, 'utf8') : header;
  const marker = `<!-- bench:${area} -->`;
  const section = `${marker}\n${body.trim()}\n${marker.replace('bench:', '/bench:')}\n`;
  const pattern = new RegExp(`<!-- bench:${area} -->[\\s\\S]*?<!-- /bench:${area} -->\\n?`);
  const next = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(path, next);
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
