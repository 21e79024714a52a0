/**
 * @module services/rescreen
 * Continuous rescreening: when a list version becomes active, every stored party (customers,
 * owners, directors, counterparties of their events) and every stored wallet is screened against
 * the entities that version added or changed, and what matches becomes findings (the alerts
 * service turns them into alerts). FSA's guidelines for crypto-asset exchanges (AML/CFT
 * Guidelines II-2(3)(ii)) and FATF R.6 ask that the customer base be checked "without delay"
 * when the lists change, not only at onboarding.
 *
 * Why a small index: screening 100,000 parties against the whole list costs about a minute on two
 * cores; against an index of only the new and changed entities it costs a few seconds, and a
 * party can only newly match an entity that is new or changed. The small index borrows the full
 * index's token statistics (TokenStats), so every score equals the one the full index gives for
 * the same entity: a name's weight depends on how many listed names share its tokens, so without
 * the borrowed statistics a small index would weigh tokens differently (rescreen.test.ts shows both).
 *
 * Resumable: the version rescreened is recorded (service_state `rescreen:<source>`) only after the
 * findings were handed over and persisted; a crash or a failing `onFindings` leaves the record
 * behind, and `pending()` (at start-up, after a CLI load) does the work again. The alerts service
 * de-duplicates, so a repeated pass adds occurrences, not alerts.
 */
import { Worker } from 'node:worker_threads';
import { buildIndex, buildWalletIndex, type Entity, type Finding, type JapaneseReader, nameFindings, type PartyRole, type SanctionsPolicy, screen, type ScreeningIndex, type ScreeningQuery, type ScreeningResult, type TokenStats, walletFindings, walletParty } from '@sekisho/core';
import type { Logger } from 'pino';
import { listedNameReadings, readingsIfNeeded } from '../names/readings.ts';
import type { Store } from '../storage/db.ts';
import type { CustomerStore, StoredParty, WalletRole } from '../storage/customer-store.ts';
import type { ListStore, ListVersion } from '../storage/list-store.ts';
import type { ScreeningService } from './screening.ts';

export interface RescreenDeps {
  store: Store;
  lists: ListStore;
  customers: CustomerStore;
  /** The full index of the active lists: `all()` screens against it, and the small index borrows its token statistics. */
  screening: Pick<ScreeningService, 'index' | 'refresh'>;
  reader?: JapaneseReader;
  logger: Logger;
  threshold: number;
  policy: SanctionsPolicy;
  /**
   * Persists findings (the lead's alerts service: raises alerts, updates customer status, audits).
   * Called per chunk of customers; each customer appears in one call only per pass, with all its
   * findings (names and wallets). Customers without findings are not passed.
   */
  onFindings(batch: { customerId: string; findings: Finding[] }[]): Promise<void>;
  /** Stored parties read per page (bounded memory); default 2,000. */
  pageSize?: number;
  /** Customers per onFindings call; default 200. */
  chunkSize?: number;
  now?: () => Date;
}

export interface RescreenReport {
  /** The source rescreened (absent for `all()`). */
  source?: string;
  /** The version rescreened before (absent: none, every entity was new). */
  fromVersion?: number;
  toVersion?: number;
  /** Entities screened against: new and changed ones (all active ones for `all()`). */
  changedEntities: number;
  parties: number;
  wallets: number;
  findings: number;
  customersWithFindings: number;
  /** Wall time in all, and the part spent waiting for the full index (its token statistics). */
  ms: number;
  indexMs?: number;
}

/** What `rescreen:<source>` holds. */
interface RescreenState {
  version: number;
  versionId: number;
  at: string;
}

/** Hits kept per party: enough that a name matching several listed entities reports each. */
const HIT_LIMIT = 25;

/**
 * The wallet's role as a party role: a registered wallet is the customer's own; a withdrawal's
 * destination is a counterparty (value went out to it); a deposit's source an originator (value
 * came from it). The alert service attaches the report each asks for (monitoring rules 4 and 5).
 */
function walletPartyRole(role: WalletRole): PartyRole {
  // A wallet the customer declares, or once declared, is the customer's own.
  if (role === 'registered' || role === 'former') return 'customer';
  return role === 'deposit-source' ? 'originator' : 'counterparty';
}

/**
 * The full index's token statistics (df per fold, number of names), for a small index to weigh
 * tokens as the full one does. A prototype-less object: a fold such as "constructor" must read
 * as absent, not as Object.prototype's function.
 */
const statsCache = new WeakMap<ScreeningIndex, TokenStats>();
export function tokenStatsOf(index: ScreeningIndex): TokenStats {
  let stats = statsCache.get(index);
  if (!stats) {
    const df: Record<string, number> = Object.create(null);
    index.tokenFolds.forEach((fold, id) => {
      df[fold] = index.tokenDf[id]!;
    });
    stats = { names: index.names.length, df };
    statsCache.set(index, stats);
  }
  return stats;
}

/** Collects findings per customer and hands them over in chunks, each customer once, all its findings together. */
class FindingsBuffer {
  private readonly pending = new Map<string, Finding[]>();
  findings = 0;
  customers = 0;

  constructor(
    private readonly onFindings: RescreenDeps['onFindings'],
    private readonly chunkSize: number,
    /** Wallet findings found up front, merged into the customer's name findings when it is flushed. */
    private readonly wallets: Map<string, Finding[]>,
  ) {}

  add(customerId: string, findings: Finding[]): void {
    if (findings.length === 0) return;
    const list = this.pending.get(customerId);
    if (list) list.push(...findings);
    else this.pending.set(customerId, [...findings]);
  }

  /** Hands over every customer except `open` (whose parties may continue on the next page), once enough are waiting. */
  async flush(open: string | undefined, force = false): Promise<void> {
    if (!force && this.pending.size < this.chunkSize) return;
    const ready: { customerId: string; findings: Finding[] }[] = [];
    for (const [customerId, findings] of this.pending) {
      if (customerId === open) continue;
      const wallet = this.wallets.get(customerId);
      if (wallet) this.wallets.delete(customerId);
      ready.push({ customerId, findings: wallet ? [...findings, ...wallet] : findings });
    }
    for (const r of ready) this.pending.delete(r.customerId);
    await this.hand(ready);
  }

  /** The end of the walk: everyone left, and customers with wallet findings only. */
  async finish(): Promise<void> {
    await this.flush(undefined, true);
    await this.hand([...this.wallets].map(([customerId, findings]) => ({ customerId, findings })));
    this.wallets.clear();
  }

  private async hand(ready: { customerId: string; findings: Finding[] }[]): Promise<void> {
    for (let i = 0; i < ready.length; i += this.chunkSize) {
      const chunk = ready.slice(i, i + this.chunkSize);
      await this.onFindings(chunk);
      this.customers += chunk.length;
      for (const c of chunk) this.findings += c.findings.length;
    }
  }
}

/**
 * Screens stored parties page by page with `screenParty` (which may batch to workers) and passes
 * the findings on; returns how many parties were screened.
 */
async function walkParties(
  deps: RescreenDeps,
  buffer: FindingsBuffer,
  screenPage: (parties: StoredParty[]) => Promise<Finding[][]>,
  onProgress?: (done: number) => void,
): Promise<number> {
  const pageSize = deps.pageSize ?? 2000;
  let after: [string, string] | undefined;
  let parties = 0;
  for (;;) {
    const page = await deps.customers.partiesPage({ after, limit: pageSize });
    if (page.length === 0) break;
    const results = await screenPage(page);
    page.forEach((party, i) => buffer.add(party.customerId, results[i]!));
    parties += page.length;
    onProgress?.(parties);
    const last = page[page.length - 1]!;
    after = [last.customerId, last.key];
    if (page.length < pageSize) break;
    await buffer.flush(last.customerId);
  }
  return parties;
}

/** The query as rescreening runs it: the configured threshold, a reading for a kanji name without kana. */
async function runnableQuery(deps: RescreenDeps, query: ScreeningQuery): Promise<ScreeningQuery> {
  const q: ScreeningQuery = { ...query, threshold: deps.threshold, limit: HIT_LIMIT };
  if (!q.nameKana && !q.readings) {
    const readings = await readingsIfNeeded(deps.reader, q.name);
    if (readings) q.readings = readings;
  }
  return q;
}

function findingsOf(deps: RescreenDeps, party: StoredParty, result: ScreeningResult): Finding[] {
  return result.hits.some((h) => h.match) ? nameFindings(party, result, deps.policy) : [];
}

/** Screens one page in this thread. */
function inThread(deps: RescreenDeps, index: ScreeningIndex) {
  return async (page: StoredParty[]): Promise<Finding[][]> => {
    const out: Finding[][] = [];
    for (const party of page) out.push(findingsOf(deps, party, screen(index, await runnableQuery(deps, party.query))));
    return out;
  };
}

/**
 * A pool of the batch screening workers (screening/batch-worker), each with its own full index:
 * pages are split across them. Used by `all()` when asked for more than one worker.
 */
async function workerPool(deps: RescreenDeps, count: number) {
  const entities = await deps.lists.activeEntities();
  const readings = [...(await listedNameReadings(deps.reader, entities))];
  const workers = Array.from({ length: count }, () => new Worker(new URL('../screening/batch-worker.mjs', import.meta.url), { workerData: { entities, readings } }));
  let next = 0;
  const waiting = new Map<number, { resolve: (r: { match: boolean; json?: string; error?: string }[]) => void; reject: (e: unknown) => void }>();
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('error', reject);
          w.once('message', () => {
            w.on('message', (m: { chunk: number; results: { match: boolean; json?: string; error?: string }[] }) => {
              waiting.get(m.chunk)?.resolve(m.results);
              waiting.delete(m.chunk);
            });
            w.on('error', (error) => {
              for (const p of waiting.values()) p.reject(error);
              waiting.clear();
            });
            resolve();
          });
        }),
    ),
  );
  const run = (worker: Worker, queries: ScreeningQuery[]) =>
    new Promise<{ match: boolean; json?: string; error?: string }[]>((resolve, reject) => {
      const chunk = next++;
      waiting.set(chunk, { resolve, reject });
      worker.postMessage({ chunk, queries });
    });
  return {
    async screenPage(page: StoredParty[]): Promise<Finding[][]> {
      const queries = await Promise.all(page.map((p) => runnableQuery(deps, p.query)));
      const per = Math.ceil(queries.length / workers.length);
      const parts = await Promise.all(workers.map((w, i) => run(w, queries.slice(i * per, (i + 1) * per))));
      const results = parts.flat();
      return page.map((party, i) => {
        const r = results[i]!;
        // A stored query the engine refuses (it passed the API's schema, so this is a bug) is
        // logged, not skipped silently.
        if (r.error) deps.logger.error({ customerId: party.customerId, party: party.key, error: JSON.parse(r.error) }, 'rescreen: a stored party could not be screened');
        if (!r.match || !r.json) return [];
        const body = JSON.parse(r.json) as Pick<ScreeningResult, 'hits' | 'lists' | 'warnings'>;
        return nameFindings(party, { query: queries[i]!, threshold: deps.threshold, ...body }, deps.policy);
      });
    },
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

/**
 * The rescreener. Passes of one rescreener run one at a time (a second activation waits for the
 * first pass), so state records never race within a process.
 * @example const rescreen = createRescreener(deps); await rescreen.afterActivation('un')
 */
export function createRescreener(deps: RescreenDeps) {
  const now = deps.now ?? (() => new Date());
  const chunkSize = deps.chunkSize ?? 200;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const stateKey = (source: string) => `rescreen:${source}`;

  async function readState(source: string): Promise<RescreenState | undefined> {
    const row = await deps.store.db.selectFrom('service_state').select('value').where('key', '=', stateKey(source)).executeTakeFirst();
    return row ? (JSON.parse(row.value) as RescreenState) : undefined;
  }

  async function writeState(source: string, version: ListVersion): Promise<void> {
    const at = now().toISOString();
    const value = JSON.stringify({ version: version.version, versionId: version.id, at } satisfies RescreenState);
    await deps.store.db
      .insertInto('service_state')
      .values({ key: stateKey(source), value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
  }

  /**
   * The full index of the active versions. The screening service rebuilds in the background after
   * an activation; until that finishes its index may be the previous one, so wait for a rebuild.
   */
  async function currentIndex(): Promise<ScreeningIndex> {
    const wanted = new Map((await deps.lists.activeVersions()).map((v) => [v.source, v.version]));
    const fits = (index: ScreeningIndex) => index.lists.length === wanted.size && index.lists.every((l) => wanted.get(l.source) === l.version);
    let index = await deps.screening.index();
    for (let attempt = 0; attempt < 2 && !fits(index); attempt++) index = await deps.screening.refresh();
    if (!fits(index)) deps.logger.warn({ lists: index.lists }, 'rescreen: the screening index does not match the active versions (an activation is in progress); its token statistics are used as they are');
    return index;
  }

  /** Stored wallets that are among the wallets of `entities`, as findings per customer. */
  async function storedWalletFindings(entities: { entity: Entity; source: string; version: number }[]): Promise<{ wallets: Map<string, Finding[]>; rows: number }> {
    const walletIndex = buildWalletIndex(entities);
    const rows = walletIndex.size ? await deps.customers.customersWithWallets([...walletIndex.active.keys()]) : [];
    const wallets = new Map<string, Finding[]>();
    for (const row of rows) {
      const { findings } = walletFindings(walletParty(row.address, walletPartyRole(row.role)), walletIndex.lookup(row.address, row.chain ?? undefined));
      if (findings.length) wallets.set(row.customerId, [...(wallets.get(row.customerId) ?? []), ...findings]);
    }
    return { wallets, rows: rows.length };
  }

  async function rescreenSource(source: string): Promise<RescreenReport> {
    const started = performance.now();
    const active = await deps.lists.activeVersion(source);
    if (!active) return { source, changedEntities: 0, parties: 0, wallets: 0, findings: 0, customersWithFindings: 0, ms: 0 };
    const state = await readState(source);
    const versions = await deps.lists.versions(source);
    const from = state ? versions.find((v) => v.id === state.versionId) : undefined;
    const report: RescreenReport = { source, fromVersion: from?.version, toVersion: active.version, changedEntities: 0, parties: 0, wallets: 0, findings: 0, customersWithFindings: 0, ms: 0 };
    if (from?.id === active.id) {
      report.ms = performance.now() - started;
      return report;
    }

    // New and changed entities: content hash absent from, or different in, the version rescreened last.
    const after = await deps.lists.entityHashes(active.id);
    const before = from ? await deps.lists.entityHashes(from.id) : new Map<string, string>();
    const ids = [...after].filter(([id, hash]) => before.get(id) !== hash).map(([id]) => id);
    report.changedEntities = ids.length;

    // With nothing stored there is nothing to rescreen (and no reason to wait for the full index).
    const stored = ids.length > 0 ? await deps.customers.counts() : undefined;
    if (stored && stored.parties + stored.wallets > 0) {
      const entities: Entity[] = [...(await deps.lists.entitiesOf(active.id, ids)).values()];
      const inputs = entities.map((entity) => ({ entity, source, version: active.version }));
      const indexStarted = performance.now();
      const stats = tokenStatsOf(await currentIndex());
      report.indexMs = performance.now() - indexStarted;
      const small = buildIndex(inputs, await listedNameReadings(deps.reader, inputs), stats);

      // Wallets of the changed entities, looked up among the stored wallets by their keys.
      const { wallets, rows: walletRows } = await storedWalletFindings(inputs);
      report.wallets = walletRows;

      const buffer = new FindingsBuffer(deps.onFindings, chunkSize, wallets);
      report.parties = await walkParties(deps, buffer, inThread(deps, small));
      await buffer.finish();
      report.findings = buffer.findings;
      report.customersWithFindings = buffer.customers;
    }
    // Only now, with every finding persisted, is the version recorded as rescreened.
    await writeState(source, active);
    report.ms = performance.now() - started;
    deps.logger.info({ source, from: report.fromVersion, to: report.toVersion, entities: report.changedEntities, parties: report.parties, wallets: report.wallets, findings: report.findings, customers: report.customersWithFindings, ms: Math.round(report.ms) }, 'rescreen done');
    return report;
  }

  return {
    /**
     * Screens every stored party and wallet against the entities of `source` that are new or
     * changed between the version rescreened last (none: every entity is new) and the active
     * one, then records the active version as rescreened.
     */
    afterActivation(source: string): Promise<RescreenReport> {
      return serial(() => rescreenSource(source));
    },

    /** Catch-up for every source whose active version is not yet rescreened (at start-up, after a CLI load). */
    pending(): Promise<RescreenReport[]> {
      return serial(async () => {
        const reports: RescreenReport[] = [];
        for (const v of await deps.lists.activeVersions()) {
          const state = await readState(v.source);
          if (state?.versionId !== v.id) reports.push(await rescreenSource(v.source));
        }
        return reports;
      });
    },

    /**
     * Every stored party and wallet against the whole active index (after a threshold change):
     * `sekisho rescreen --all`. With `workers` above 1, pages are screened on that many worker
     * threads, each with its own copy of the index.
     */
    all(options: { onProgress?(done: number, total: number): void; workers?: number } = {}): Promise<RescreenReport> {
      return serial(async () => {
        const started = performance.now();
        const index = await currentIndex();
        const indexMs = performance.now() - started;
        const totals = await deps.customers.counts();
        const { wallets, rows: walletRows } = await storedWalletFindings(index.entities.map((e) => ({ entity: e.entity, source: e.source, version: e.version })));
        const buffer = new FindingsBuffer(deps.onFindings, chunkSize, wallets);
        const pool = (options.workers ?? 1) > 1 ? await workerPool(deps, options.workers!) : undefined;
        let parties: number;
        try {
          parties = await walkParties(deps, buffer, pool ? pool.screenPage : inThread(deps, index), (done) => options.onProgress?.(done, totals.parties));
          await buffer.finish();
        } finally {
          await pool?.close();
        }
        const report: RescreenReport = {
          changedEntities: index.size,
          parties,
          wallets: totals.wallets,
          findings: buffer.findings,
          customersWithFindings: buffer.customers,
          ms: performance.now() - started,
          indexMs,
        };
        deps.logger.info({ entities: report.changedEntities, parties, wallets: report.wallets, findings: report.findings, customers: report.customersWithFindings, ms: Math.round(report.ms) }, 'full rescreen done');
        return report;
      });
    },
  };
}

export type Rescreener = ReturnType<typeof createRescreener>;
