/**
 * bench:lists — loading the full OFAC advanced XML of 2025-11-19 (decompressed, 121 MB) with
 * `lists load` against a bare saxes tokenizing pass over the same file in the same run.
 * Target (issue 2): load ≤ 3 × the saxes pass, peak RSS ≤ 1 GB.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { openInputs } from '../packages/server/src/lists/input.ts';
import { machine, median, repoRoot, writeSection } from './report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const source = resolve(repoRoot, '../shared/chain-analytics/ofac_sdn_advanced_2025-11-19.xml.bz2');
if (!existsSync(source)) throw new Error(`benchmark data missing: ${source}`);
const work = resolve(repoRoot, '.tmp/bench');
mkdirSync(work, { recursive: true });
const xml = resolve(work, 'sdn_advanced_2025-11-19.xml');
if (!existsSync(xml) || statSync(xml).size !== 120977559) {
  console.error('decompressing the OFAC advanced XML once …');
  const opened = await openInputs([source]);
  await pipeline(Readable.from(opened.files[0]!.open()), createWriteStream(xml));
}
const size = statSync(xml).size;

function run(script: string, args: string[]): { ms: number; maxRssMb: number; [k: string]: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'bench/lists', script), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const saxes: ReturnType<typeof run>[] = [];
const loads: ReturnType<typeof run>[] = [];
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so both see the same machine conditions.
  saxes.push(run('saxes-pass.ts', [xml]));
  loads.push(run('load-once.ts', ['ofac-advanced', xml, resolve(work, 'bench.db')]));
  console.error(`run ${i + 1}/${RUNS}: saxes ${saxes[i]!.ms.toFixed(0)} ms, load ${loads[i]!.ms.toFixed(0)} ms (${loads[i]!.maxRssMb.toFixed(0)} MB peak)`);
}
const saxesMs = median(saxes.map((r) => r.ms));
const loadMs = median(loads.map((r) => r.ms));
const ratio = loadMs / saxesMs;
const peak = Math.max(...loads.map((r) => r.maxRssMb));
const ok = ratio <= 3 && peak <= 1024;
const date = new Date().toISOString().slice(0, 10);
writeSection(
  'lists',
  `## lists — loading the OFAC advanced XML (${date})

Machine: ${machine()}. ${RUNS} interleaved runs each, medians; each run in its own process.

| what | time | throughput | peak RSS |
|---|---|---|---|
| bare saxes tokenizing pass (baseline) | ${(saxesMs / 1000).toFixed(2)} s | ${(size / 1e6 / (saxesMs / 1000)).toFixed(1)} MB/s | ${Math.max(...saxes.map((r) => r.maxRssMb)).toFixed(0)} MB |
| \`lists load ofac-advanced\` into a new SQLite file (parse, ${loads[0]!.entities} entities, ${loads[0]!.wallets} wallets, store, activate) | ${(loadMs / 1000).toFixed(2)} s | ${(size / 1e6 / (loadMs / 1000)).toFixed(1)} MB/s | ${peak.toFixed(0)} MB |

File: \`sdn_advanced.xml\` of 2025-11-19, ${(size / 1e6).toFixed(1)} MB decompressed. Ratio load / baseline: **${ratio.toFixed(2)}×** (target ≤ 3×); peak RSS **${peak.toFixed(0)} MB** (target ≤ 1,024 MB): ${ok ? 'both targets met' : 'TARGET MISSED'}.
`,
);
console.log(`ratio ${ratio.toFixed(2)}x, peak ${peak.toFixed(0)} MB — ${ok ? 'targets met' : 'TARGET MISSED'}`);
