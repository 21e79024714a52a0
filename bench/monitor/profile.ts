/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and names where the time went: self and inclusive
 * time per function, with positions mapped back to the TypeScript sources. tsx compiles each
 * source with esbuild (whitespace minified, names kept) before V8 sees it, so a profile's
 * line:column points into that output; the same transform is repeated here (esbuild, the
 * repository's tsconfig options) and its source map read to get the .ts line.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../report.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Decodes source-map mappings into, per generated line, [generatedColumn, originalLine] pairs. */
function decodeMappings(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let srcLine = 0;
  for (const lineText of mappings.split(';')) {
    const out: [number, number][] = [];
    let col = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0]!;
      if (values.length >= 4) {
        srcLine += values[2]!;
        out.push([col, srcLine]);
      }
    }
    lines.push(out);
  }
  return lines;
}

type Mapper = (line: number, column: number) => number | undefined;

async function tsMapper(file: string): Promise<Mapper | undefined> {
  try {
    // esbuild comes with tsx (how the sources run); only this optional profile reader needs it.
    const { transform } = await import('esbuild');
    const tsconfig = JSON.parse(readFileSync(`${repoRoot}/tsconfig.json`, 'utf8')) as { compilerOptions: Record<string, unknown> };
    const result = await transform(readFileSync(file, 'utf8'), {
      loader: 'ts',
      format: 'esm',
      target: `node${process.versions.node}`,
      sourcemap: true,
      minifyWhitespace: true,
      keepNames: true,
      sourcefile: file,
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: tsconfig.compilerOptions.verbatimModuleSyntax === true } },
    });
    const lines = decodeMappings((JSON.parse(result.map) as { mappings: string }).mappings);
    return (line, column) => {
      const segs = lines[line];
      if (!segs?.length) return undefined;
      let best: number | undefined;
      for (const [c, l] of segs) {
        if (c > column) break;
        best = l;
      }
      return (best ?? segs[0]![1]) + 1;
    };
  } catch {
    return undefined;
  }
}

export interface ProfileEntry {
  name: string;
  where: string;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  gcMs: number;
  top: ProfileEntry[];
  /** Self time per source file (repository files, packages in node_modules, node internals). */
  byFile: { file: string; selfMs: number }[];
  /** Inclusive time of the functions named in `focus`. */
  focus: ProfileEntry[];
  /** Time under the function named `callersOf`, by its nearest caller in the repository's packages. */
  callers: { caller: string; ms: number }[];
}

/** Summarises a .cpuprofile: the `limit` functions with the most self time, and inclusive time of the focus functions. */
export async function summariseProfile(path: string, options: { limit?: number; focus?: RegExp; callersOf?: string; window?: { fromEndMs: number; toEndMs: number } } = {}): Promise<ProfileSummary> {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  // Only the samples of a window measured back from the end of the profile (the load, not the start-up).
  const from = options.window ? profile.endTime - options.window.fromEndMs * 1000 : -Infinity;
  const to = options.window ? profile.endTime - options.window.toEndMs * 1000 : Infinity;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t >= from && t <= to) self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  const mappers = new Map<string, Promise<Mapper | undefined>>();
  const keyOf = new Map<number, { key: string; name: string; where: string; file: string }>();
  const meta = new Map<string, { name: string; where: string }>();
  for (const n of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    let where = url || '(native)';
    let file = where;
    if (url.startsWith('file://')) {
      const abs = fileURLToPath(url);
      file = relative(repoRoot, abs);
      let line: number | undefined = lineNumber + 1;
      if (abs.endsWith('.ts')) {
        if (!mappers.has(abs)) mappers.set(abs, tsMapper(abs));
        const map = await mappers.get(abs)!;
        line = map ? map(lineNumber, columnNumber) : undefined;
      }
      if (file.includes('node_modules/')) file = file.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, 'node_modules/$1');
      where = `${relative(repoRoot, abs)}:${line ?? '?'}`;
    }
    const name = functionName || '(anonymous)';
    keyOf.set(n.id, { key: `${name} ${where}`, name, where, file });
    meta.set(`${name} ${where}`, { name, where });
  }
  // Inclusive time: each node's subtree, a function counted once per stack (recursion).
  const total = new Map<string, number>();
  const subtree = new Map<number, number>();
  const sizeOf = (id: number): number => {
    let s = self.get(id) ?? 0;
    for (const c of byId.get(id)!.children ?? []) s += sizeOf(c);
    subtree.set(id, s);
    return s;
  };
  const root = profile.nodes[0]!.id;
  sizeOf(root);
  const walk = (id: number, active: Set<string>) => {
    const { key } = keyOf.get(id)!;
    const fresh = !active.has(key);
    if (fresh) {
      total.set(key, (total.get(key) ?? 0) + subtree.get(id)!);
      active.add(key);
    }
    for (const c of byId.get(id)!.children ?? []) walk(c, active);
    if (fresh) active.delete(key);
  };
  walk(root, new Set());
  const entries = new Map<string, ProfileEntry>();
  const files = new Map<string, number>();
  let idleMs = 0;
  let gcMs = 0;
  let totalMs = 0;
  for (const [id, ms] of self) {
    const k = keyOf.get(id)!;
    totalMs += ms;
    if (k.name === '(idle)') idleMs += ms;
    if (k.name === '(garbage collector)') gcMs += ms;
    const e = entries.get(k.key) ?? { name: k.name, where: k.where, selfMs: 0, totalMs: total.get(k.key) ?? 0 };
    e.selfMs += ms;
    entries.set(k.key, e);
    files.set(k.file, (files.get(k.file) ?? 0) + ms);
  }
  // Time under `callersOf`, by the nearest caller among the repository's own functions.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const callers = new Map<string, number>();
  if (options.callersOf) {
    for (const n of profile.nodes) {
      if (n.callFrame.functionName !== options.callersOf) continue;
      let caller = '(no caller in packages/)';
      let nested = false;
      for (let a = parent.get(n.id); a !== undefined; a = parent.get(a)) {
        const k = keyOf.get(a)!;
        if (k.name === options.callersOf) {
          nested = true;
          break;
        }
        if (k.file.startsWith('packages/')) {
          caller = `${k.name} ${k.where}`;
          break;
        }
      }
      if (!nested) callers.set(caller, (callers.get(caller) ?? 0) + subtree.get(n.id)!);
    }
  }
  const limit = options.limit ?? 25;
  const focus = options.focus
    ? [...total]
        .filter(([key]) => options.focus!.test(key))
        .map(([key, ms]) => ({ ...meta.get(key)!, selfMs: entries.get(key)?.selfMs ?? 0, totalMs: ms }))
        .sort((a, b) => b.totalMs - a.totalMs)
    : [];
  return {
    totalMs,
    idleMs,
    gcMs,
    top: [...entries.values()].filter((e) => !['(idle)', '(program)', '(root)'].includes(e.name)).sort((a, b) => b.selfMs - a.selfMs).slice(0, limit),
    byFile: [...files].map(([file, selfMs]) => ({ file, selfMs })).sort((a, b) => b.selfMs - a.selfMs).slice(0, limit),
    focus,
    callers: [...callers].map(([caller, ms]) => ({ caller, ms })).sort((a, b) => b.ms - a.ms),
  };
}
