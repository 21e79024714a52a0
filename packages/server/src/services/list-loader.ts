/**
 * @module services/list-loader
 * Loads a list file set as a new version of its source and activates it — or changes nothing.
 * The whole load is one transaction: parse errors, a truncated or empty file, or a shrink
 * beyond the configured threshold roll everything back and the active version stays active.
 * Loading the very file set that is already active creates no new version (nothing twice).
 * Records that repeat an id are merged into one entity, with a 'duplicate-id' warning.
 * With an audit log, every activation (a load or a switch back) is recorded as 'list.activated'
 * in the transaction that makes it, so the log and the active pointer never disagree.
 */
import { parserFor, type Entity, type ParseWarning } from '@sekisho/core';
import { CoreErrors, isSekishoError } from '@sekisho/core/errors';
import type { Logger } from 'pino';
import { ServerErrors } from '../errors.ts';
import { openInputs, type ProgressFn } from '../lists/input.ts';
import type { ListStore, ListVersion } from '../storage/list-store.ts';
import type { AuditAppend, AuditLog } from './audit.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../storage/schema.ts';

export interface LoadOptions {
  force?: boolean;
  onProgress?: ProgressFn;
  /** Who loads, for the audit log (default 'system'). */
  actor?: string;
}

export interface LoadResult {
  source: string;
  /** 'loaded': a new version is active; 'unchanged': the same files are already active. */
  status: 'loaded' | 'unchanged';
  version: ListVersion;
  previous?: { version: number; entityCount: number };
  durationMs: number;
}

/** Raised inside the load transaction to roll it back when the same files are already active. */
class Unchanged extends Error {
  constructor(readonly version: ListVersion) {
    super('unchanged');
  }
}

export interface ListLoaderDeps {
  store: ListStore;
  shrinkThreshold: number;
  logger: Logger;
  now?: () => Date;
  /** Called after a version is activated (the screening index rebuilds). */
  onActivated?: (source: string) => void;
  /** When given, activations are recorded in it ('list.activated'), in the same transaction. */
  audit?: AuditLog;
}

export function createListLoader(deps: ListLoaderDeps) {
  const now = deps.now ?? (() => new Date());
  const noAudit: AuditAppend = () => {};
  /**
   * A transaction with an audit appender (a no-op without an audit log). A load takes seconds,
   * so it locks the audit head only at commit ('at-commit'): on PostgreSQL every event's
   * transaction needs that lock, and would otherwise wait for the whole load. The first
   * statement of both load and activate is still a write, as SQLite needs.
   */
  const transaction = <T>(work: (trx: Transaction<Database>, audit: AuditAppend) => Promise<T>): Promise<T> =>
    deps.audit ? deps.audit.transaction(work, { lock: 'at-commit' }) : deps.store.transaction((trx) => work(trx, noAudit));

  return {
    /**
     * Loads `paths` as a new version of `source` and activates it.
     * @example await loader.load('ofac-advanced', ['sdn_advanced.xml'])
     */
    async load(source: string, paths: string[], options: LoadOptions = {}): Promise<LoadResult> {
      const started = performance.now();
      const parser = parserFor(source);
      if (paths.length === 0) throw CoreErrors.LIST_FILES(`no file given for ${source}`);
      const opened = await openInputs(paths, options.onProgress);
      const active = await deps.store.activeVersion(source);
      if (active && active.fileHash === opened.hash && !options.force) {
        deps.logger.info({ source, version: active.version }, 'list unchanged: the same files are already active');
        return { source, status: 'unchanged', version: active, durationMs: performance.now() - started };
      }

      const warnings: ParseWarning[] = [];
      let issueDate: string | null = null;
      let previous: ListVersion | undefined;
      const loadedAt = now().toISOString();
      let versionId: number;
      try {
        versionId = await transaction(async (trx, audit) => {
          await deps.store.lockSource(trx, source, loadedAt);
          // Read again under the lock: another load of this source may have committed meanwhile.
          previous = await deps.store.activeVersion(source, trx);
          if (previous && previous.fileHash === opened.hash && !options.force) throw new Unchanged(previous);
          const { id, version: versionNumber, writer } = await deps.store.beginVersion(trx, {
            source,
            files: opened.inputs.map(({ name, bytes, sha256 }) => ({ name, bytes, sha256 })),
            fileHash: opened.hash,
            loadedAt,
            forced: Boolean(options.force),
        });
        const seen = new Set<string>();
        const counts: Record<string, number> = {};
        let entityCount = 0;
        const ctx = {
          warn: (w: ParseWarning) => warnings.push(w),
          setIssueDate: (d: string) => {
            issueDate = d;
          },
        };
        for await (const entity of parser.parse(opened.files, ctx) as AsyncIterable<Entity>) {
          if (seen.has(entity.id)) {
            // A parser that knows where the repeat is (file, line) has warned already.
            if (!warnings.some((w) => w.code === 'duplicate-id' && w.entityId === entity.id)) {
              warnings.push({ code: 'duplicate-id', message: `${entity.id} appears more than once; the records were merged so no name or wallet is lost`, entityId: entity.id });
            }
            await writer.merge(entity);
            continue;
          }
          seen.add(entity.id);
          counts[entity.schema] = (counts[entity.schema] ?? 0) + 1;
          entityCount++;
          await writer.add(entity);
        }
        await writer.flush();
        const fileNames = opened.inputs.map((f) => f.name).join(', ');
        if (entityCount === 0) throw CoreErrors.LIST_EMPTY(`no entities in ${fileNames}`, { file: fileNames });
        const active = previous;
        if (active && !options.force && entityCount < active.entityCount * (1 - deps.shrinkThreshold)) {
          const drop = ((1 - entityCount / active.entityCount) * 100).toFixed(1);
          throw ServerErrors.LIST_SHRINK(
            `${fileNames} has ${entityCount} entities, ${drop}% fewer than the ${active.entityCount} of active version ${active.version} (limit ${(deps.shrinkThreshold * 100).toFixed(0)}%); version ${active.version} stays active`,
            { file: fileNames, entityCount, activeCount: active.entityCount, activeVersion: active.version },
          );
        }
        await deps.store.finishVersion(trx, id, { issueDate, entityCount, counts, walletCount: writer.walletCount, warnings });
        await deps.store.activate(trx, source, id, now().toISOString());
        audit({ actor: options.actor ?? 'system', action: 'list.activated', subject: source, data: { source, version: versionNumber, entityCount, fileHash: opened.hash, forced: Boolean(options.force) } });
        return id;
        });
      } catch (error) {
        if (error instanceof Unchanged) return { source, status: 'unchanged', version: error.version, durationMs: performance.now() - started };
        if (isSekishoError(error)) throw error;
        // Anything else is the database's failure; the transaction rolled back.
        throw ServerErrors.STORE(`loading ${source} failed in the database (${(error as Error).message}); nothing was written and the active version stays active`, {}, { cause: error });
      }
      const version = (await deps.store.versions(source)).find((v) => v.id === versionId)!;
      deps.logger.info({ source, version: version.version, entities: version.entityCount, warnings: version.warningCount }, 'list version activated');
      deps.onActivated?.(source);
      return {
        source,
        status: 'loaded',
        version,
        previous: previous ? { version: previous.version, entityCount: previous.entityCount } : undefined,
        durationMs: performance.now() - started,
      };
    },

    /** Switches the active version of a source back (or forward) to an existing version. */
    async activate(source: string, versionNumber: number, options: { actor?: string } = {}): Promise<ListVersion> {
      parserFor(source);
      const target = await deps.store.version(source, versionNumber);
      if (!target) throw ServerErrors.VERSION_NOT_FOUND(`${source} has no version ${versionNumber}`);
      // The audit head is locked at commit, as in load(): both take the list rows before the head,
      // one order everywhere, so an audited load and switch cannot deadlock on the head.
      await transaction(async (trx, audit) => {
        // The source row first, as a load takes it: the same lock order as load(), so a load and
        // a switch of one source wait for each other instead of deadlocking (PostgreSQL).
        const at = now().toISOString();
        await deps.store.lockSource(trx, source, at);
        await deps.store.activate(trx, source, target.id, at);
        audit({ actor: options.actor ?? 'system', action: 'list.activated', subject: source, data: { source, version: target.version, entityCount: target.entityCount, fileHash: target.fileHash, forced: false } });
      });
      deps.onActivated?.(source);
      return (await deps.store.version(source, versionNumber))!;
    },
  };
}

export type ListLoader = ReturnType<typeof createListLoader>;
