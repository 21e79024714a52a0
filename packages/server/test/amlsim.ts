/**
 * AMLSim's labelled transaction graphs (IBM AMLSim, the "20K" sample releases in
 * ../shared/monitoring-data/amlsim) as Sekisho events, and their replay through the real
 * decision pipeline with account-level precision and recall (issue 7).
 *
 * Conversion (one archive → JSON lines of events):
 * - the .tgz holds `<dir>/nodes.csv` (nodeid,isFraud,init_balance,fraudStep) and
 *   `<dir>/transactions.csv` (sourceNodeId,targetNodeId,value,time), read with node:zlib and a
 *   small ustar reader (no dependency);
 * - every account is onboarded first: customer `amlsim-<nodeid>`, a person resident in JP with a
 *   synthetic name ("Amlsim" and syllables from the account's row number) that no sanctions list carries, at
 *   the base date 2017-01-01T00:00:00Z;
 * - every transfer is two `fiat.transfer` legs, the sender's (direction out, counterparty the
 *   receiver) and the receiver's (direction in, counterparty the sender), in JPY. AMLSim's
 *   amounts have no currency: one AMLSim unit is taken as ¥1,000 (`amountJpy` = value × 1,000,
 *   so ordinary transfers are ¥100,000–¥600,000 and the laundering ones ¥2,500–¥100,000);
 *   `amount` is the value as written in the file, a decimal string;
 * - one AMLSim step is one day: a transfer of step s happens on base + s days, the transfers of
 *   one step spread evenly over that day in file order (AMLSim gives no time of day, and a
 *   whole day's transfers at one instant would make every same-day window see all of them at once).
 *
 * Labels: `isFraud` per account. "Active" fraud accounts are those with at least one laundering
 * transfer: fraud → fraud with a value under 100 (no ordinary transfer in these files is under
 * 100; helper research in /tmp/amlsim-research). About a third of the isFraud accounts never
 * send or receive such a transfer — AMLSim labels every member of a typology's account group,
 * used or not — so recall against all isFraud accounts cannot reach 100% from transfers alone.
 *
 * Run as a script to write the events and labels of an archive:
 *   node --import tsx packages/server/test/amlsim.ts <file.tgz> <events.jsonl> [labels.csv]
 */
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { CompiledConfig } from '@sekisho/core';
// The ustar reader is core's test helper, shared with the flow rules' AMLSim tests (no package
// export: test code, imported by path as test/helpers.ts does).
import { untar } from '../../core/src/monitoring/test-support.ts';
import type { App } from '../src/app.ts';
import { replayEvents, type ReplaySummary } from '../src/services/monitor-replay.ts';

const DAY = 86_400_000;
/** The date AMLSim's step 0 is placed on. */
export const AMLSIM_BASE = '2017-01-01T00:00:00.000Z';
/** Yen per AMLSim amount unit (AMLSim's amounts are unitless; see the module header). */
export const YEN_PER_UNIT = 1000;
/** Laundering transfers in these files are all under this value, ordinary ones at or over it. */
export const LAUNDERING_BELOW = 100;

export interface AmlsimTransfer {
  from: string;
  to: string;
  /** The value as written in the file (a decimal string). */
  value: string;
  step: number;
}

export interface AmlsimData {
  /** The archive's name without .tgz, e.g. 20K_fanin200. */
  name: string;
  /** Customer ids of every account, in file order. */
  accounts: string[];
  /** Customer ids labelled isFraud. */
  fraud: Set<string>;
  /** isFraud accounts that send or receive at least one laundering transfer (see the module header). */
  active: Set<string>;
  transfers: AmlsimTransfer[];
}

/** The customer id of an AMLSim node. */
export const customerIdOf = (nodeId: string) => `amlsim-${nodeId}`;

/** Rows of a CSV without quoting (AMLSim writes plain numbers), as records by header. */
function csvRows(text: string, file: string, columns: string[]): string[][] {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0]!.split(',').map((h) => h.trim());
  const index = columns.map((c) => header.indexOf(c));
  const missing = columns.filter((_, i) => index[i]! < 0);
  if (missing.length) throw new Error(`${file}: no column ${missing.join(', ')} (header: ${header.join(',')}); this reader knows AMLSim's 20K sample format`);
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    return index.map((i) => cells[i]!.trim());
  });
}

/** A decimal string the event schema accepts (no exponent, no sign, no leading zeros). */
function decimal(value: string, where: string): string {
  if (/^(0|[1-9]\d{0,29})(\.\d{1,18})?$/.test(value)) return value;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${where}: value ${JSON.stringify(value)} is not a non-negative number`);
  return String(Number(n.toFixed(6)));
}

/**
 * Reads an AMLSim archive (nodes.csv and transactions.csv in any one folder of it).
 * @example const data = readAmlsim('../shared/monitoring-data/amlsim/20K_fanin200.tgz');
 */
export function readAmlsim(path: string): AmlsimData {
  const files = untar(gunzipSync(readFileSync(path)));
  const find = (file: string) => {
    const hit = [...files.keys()].find((k) => k === file || k.endsWith(`/${file}`));
    if (!hit) throw new Error(`${path}: no ${file} in the archive (files: ${[...files.keys()].join(', ')})`);
    return files.get(hit)!.toString('utf8');
  };
  const nodes = csvRows(find('nodes.csv'), 'nodes.csv', ['nodeid', 'isFraud']);
  const accounts = nodes.map(([id]) => customerIdOf(id!));
  const fraud = new Set(nodes.filter(([, f]) => f === '1' || f?.toLowerCase() === 'true').map(([id]) => customerIdOf(id!)));
  const transfers = csvRows(find('transactions.csv'), 'transactions.csv', ['sourceNodeId', 'targetNodeId', 'value', 'time']).map(([from, to, value, time], i) => {
    const step = Number(time);
    if (!Number.isInteger(step) || step < 0) throw new Error(`${path}: transactions.csv row ${i + 2}: time ${JSON.stringify(time)} is not a step number`);
    return { from: customerIdOf(from!), to: customerIdOf(to!), value: decimal(value!, `${path}: transactions.csv row ${i + 2}`), step };
  });
  const active = new Set<string>();
  for (const t of transfers) {
    if (fraud.has(t.from) && fraud.has(t.to) && Number(t.value) < LAUNDERING_BELOW) {
      active.add(t.from);
      active.add(t.to);
    }
  }
  return { name: basename(path).replace(/\.(tgz|tar\.gz)$/, ''), accounts, fraud, active, transfers };
}

/**
 * The same graph with every transfer's direction swapped: AMLSim's fan-in typology becomes its
 * fan-out mirror, a cycle runs the other way. Labels and active accounts stay (a laundering
 * transfer is one whichever way it runs).
 */
export function reversedAmlsim(data: AmlsimData): AmlsimData {
  return { ...data, name: `${data.name}-reversed`, transfers: data.transfers.map((t) => ({ ...t, from: t.to, to: t.from })) };
}

/** A syllable spelling of a number, three syllables at least: a name no list carries, distinct per account. */
function syllables(i: number): string {
  const c = 'bdfgklmnprstvz';
  const v = 'aeiou';
  const base = c.length * v.length;
  let n = i + base * base;
  let out = '';
  do {
    const k = n % base;
    out += c[Math.floor(k / v.length)]! + v[k % v.length]!;
    n = Math.floor(n / base);
  } while (n > 0);
  return out[0]!.toUpperCase() + out.slice(1);
}

/**
 * The events of an archive, in time order: every onboarding, then the two legs of each transfer
 * (transfers sorted by step, stably: file order within a step).
 * @example for (const event of amlsimEvents(data)) out.write(JSON.stringify(event) + '\n');
 */
export function* amlsimEvents(data: AmlsimData): Generator<Record<string, unknown>> {
  const base = Date.parse(AMLSIM_BASE);
  for (const [i, id] of data.accounts.entries()) {
    yield { id: `${data.name}:onboard:${i}`, type: 'customer.onboarded', occurredAt: AMLSIM_BASE, data: { customer: { id, type: 'person', names: [{ name: `Amlsim ${syllables(i)}` }], residence: 'JP' } } };
  }
  const perStep = new Map<number, number>();
  for (const t of data.transfers) perStep.set(t.step, (perStep.get(t.step) ?? 0) + 1);
  const order = data.transfers.map((_, i) => i).sort((a, b) => data.transfers[a]!.step - data.transfers[b]!.step || a - b);
  const seen = new Map<number, number>();
  for (const i of order) {
    const t = data.transfers[i]!;
    const k = seen.get(t.step) ?? 0;
    seen.set(t.step, k + 1);
    const occurredAt = new Date(base + t.step * DAY + Math.floor((k * DAY) / perStep.get(t.step)!)).toISOString();
    const amountJpy = Math.round(Number(t.value) * YEN_PER_UNIT);
    for (const direction of ['out', 'in'] as const) {
      yield {
        id: `${data.name}:tx:${i}:${direction}`,
        type: 'fiat.transfer',
        customerId: direction === 'out' ? t.from : t.to,
        occurredAt,
        data: { direction, amount: t.value, currency: 'JPY', amountJpy, counterpartyCustomerId: direction === 'out' ? t.to : t.from },
      };
    }
  }
}

/** The events of an archive as JSON lines. */
export async function* amlsimLines(data: AmlsimData): AsyncGenerator<string> {
  for (const event of amlsimEvents(data)) yield JSON.stringify(event);
}

// ---------------------------------------------------------------------------------------------
// Replay and scoring

export interface Score {
  /** Accounts flagged. */
  n: number;
  /** Flagged accounts labelled isFraud. */
  tp: number;
  precision: number;
  /** Of all isFraud accounts. */
  recallAll: number;
  /** Of the active isFraud accounts. */
  recallActive: number;
  /** Flagged accounts not labelled isFraud, of all such accounts. */
  falsePositiveRate: number;
}

export function score(flagged: Set<string>, data: Pick<AmlsimData, 'fraud' | 'active' | 'accounts'>): Score {
  let tp = 0;
  let act = 0;
  for (const a of flagged) {
    if (data.fraud.has(a)) tp++;
    if (data.active.has(a)) act++;
  }
  const ordinary = data.accounts.length - data.fraud.size;
  return {
    n: flagged.size,
    tp,
    precision: flagged.size ? tp / flagged.size : 0,
    recallAll: data.fraud.size ? tp / data.fraud.size : 0,
    recallActive: data.active.size ? act / data.active.size : 0,
    falsePositiveRate: ordinary ? (flagged.size - tp) / ordinary : 0,
  };
}

export interface AmlsimReplay {
  data: AmlsimData;
  summary: ReplaySummary;
  events: number;
  /** Wall time of the replay alone (conversion excluded). */
  ms: number;
  eventsPerSecond: number;
  /** Accounts flagged by any alerting rule hit (outcome not allow) on one of their own events. */
  flagged: Set<string>;
  /** Per rule id. */
  flaggedByRule: Map<string, Set<string>>;
  /** Flagged plus the accounts an alerting hit names as its pattern's members (see namedIn). */
  named: Set<string>;
  namedByRule: Map<string, Set<string>>;
  /** Accounts with an event whose typology score reached review or stricter, per typology id. */
  flaggedByTypology: Map<string, Set<string>>;
  /** Decisions that carry a screening or other non-monitoring reason (expected: none, the names are synthetic). */
  screeningReasons: number;
}

/**
 * The accounts a hit's evidence names as members of its pattern besides the subject: the ring of
 * a flow cycle (`evidence.accounts`) and the senders or receivers paid in bursts of a fan-in or
 * fan-out (`evidence.bursting`, at most 50). The decision lines of the replay carry each hit's
 * evidence (services/monitor-replay.ts).
 */
export function namedIn(evidence: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  const accounts = evidence?.accounts;
  if (Array.isArray(accounts)) for (const a of accounts) if (typeof a === 'string') out.push(a);
  const bursting = evidence?.bursting;
  if (Array.isArray(bursting)) for (const b of bursting as { account?: unknown }[]) if (typeof b?.account === 'string') out.push(b.account);
  return out;
}

/**
 * Replays an archive's events through `replayEvents` (the event checks with sanctions screening,
 * and the monitoring service with its transfer graph; nothing is written to the store) and reads
 * the decision lines back: an account is flagged when one of its own events has a rule hit whose
 * outcome is not allow.
 */
export async function replayAmlsim(app: Pick<App, 'screening' | 'exposure' | 'config' | 'store'>, data: AmlsimData, config: CompiledConfig): Promise<AmlsimReplay> {
  const flagged = new Set<string>();
  const flaggedByRule = new Map<string, Set<string>>();
  const named = new Set<string>();
  const namedByRule = new Map<string, Set<string>>();
  const flaggedByTypology = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, key: string, a: string) => {
    let s = m.get(key);
    if (!s) m.set(key, (s = new Set()));
    s.add(a);
  };
  let events = 0;
  let screeningReasons = 0;
  const t0 = performance.now();
  const summary = await replayEvents(app, amlsimLines(data), {
    config,
    write: (line) => {
      events++;
      const d = JSON.parse(line) as {
        customerId: string | null;
        reasons: { check: string; detail: string }[];
        monitoring?: { hits: { rule: string; outcome: string; evidence?: Record<string, unknown> }[]; typologies: { id: string; outcome: string }[] };
      };
      if (d.reasons.some((r) => !r.check.startsWith('rule.') && !r.check.startsWith('typology.'))) screeningReasons++;
      const customer = d.customerId;
      if (!customer || !d.monitoring) return;
      for (const t of d.monitoring.typologies) if (t.outcome !== 'allow') add(flaggedByTypology, t.id, customer);
      for (const h of d.monitoring.hits) {
        if (h.outcome === 'allow') continue;
        flagged.add(customer);
        add(flaggedByRule, h.rule, customer);
        named.add(customer);
        add(namedByRule, h.rule, customer);
        for (const a of namedIn(h.evidence)) {
          named.add(a);
          add(namedByRule, h.rule, a);
        }
      }
    },
  });
  const ms = performance.now() - t0;
  return { data, summary, events, ms, eventsPerSecond: events / (ms / 1000), flagged, flaggedByRule, named, namedByRule, flaggedByTypology, screeningReasons };
}

export const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One line of a score: n, precision, recall against all and active isFraud accounts, false-positive rate. */
export const formatScore = (s: Score) => `n=${s.n} P=${percent(s.precision)} R(all)=${percent(s.recallAll)} R(active)=${percent(s.recallActive)} FPR=${percent(s.falsePositiveRate)}`;

// ---------------------------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [archive, eventsOut, labelsOut] = process.argv.slice(2);
  if (!archive || !eventsOut) {
    console.error('usage: node --import tsx packages/server/test/amlsim.ts <file.tgz> <events.jsonl> [labels.csv]');
    process.exit(2);
  }
  const data = readAmlsim(archive);
  const out = createWriteStream(eventsOut);
  let n = 0;
  for (const event of amlsimEvents(data)) {
    if (!out.write(JSON.stringify(event) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    n++;
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  if (labelsOut) writeFileSync(labelsOut, 'customerId,isFraud,active\n' + data.accounts.map((a) => `${a},${data.fraud.has(a) ? 1 : 0},${data.active.has(a) ? 1 : 0}`).join('\n') + '\n');
  console.log(`${data.name}: ${data.accounts.length} accounts (${data.fraud.size} isFraud, ${data.active.size} active), ${data.transfers.length} transfers → ${n} events in ${eventsOut}`);
}
