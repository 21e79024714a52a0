/**
 * @module storage/list-store
 * The repository of list versions. A version is written whole inside one transaction together
 * with the switch of the source's active pointer, so a failed load leaves no trace and readers
 * see either the old list or the new one. Errors propagate: a store that fails never answers
 * "no entities" (STYLE.md: never `catch { return [] }`).
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { mergeEntities, type Entity, type ParseWarning } from '@sekisho/core';
import type { Database, ListVersionTable } from './schema.ts';

export interface ListVersion {
  id: number;
  source: string;
  version: number;
  status: 'active' | 'superseded' | 'inactive';
  files: { name: string; bytes: number; sha256: string }[];
  fileHash: string;
  issueDate: string | null;
  loadedAt: string;
  activatedAt: string | null;
  entityCount: number;
  counts: Record<string, number>;
  walletCount: number;
  warningCount: number;
  warnings: ParseWarning[];
  forced: boolean;
}

export interface StoredEntity {
  entity: Entity;
  source: string;
  versionId: number;
  version: number;
}

/** Warnings kept in full per version; the count keeps the total. */
export const MAX_STORED_WARNINGS = 1000;
const BATCH = 200;

type Db = Kysely<Database> | Transaction<Database>;

function toVersion(row: Selectable<ListVersionTable>): ListVersion {
  return {
    id: row.id,
    source: row.source,
    version: row.version,
    status: row.status as ListVersion['status'],
    files: JSON.parse(row.file_names),
    fileHash: row.file_hash,
    issueDate: row.issue_date,
    loadedAt: row.loaded_at,
    activatedAt: row.activated_at,
    entityCount: Number(row.entity_count),
    counts: JSON.parse(row.counts),
    walletCount: Number(row.wallet_count),
    warningCount: Number(row.warning_count),
    warnings: JSON.parse(row.warnings),
    forced: Boolean(row.forced),
  };
}

/** Inserts rows of one table; the SQLite fast path and the Kysely path share this shape. */
type RowSink<T> = (rows: T[]) => Promise<void>;

export interface BulkInsert {
  entities: RowSink<Database['list_entity']>;
  wallets: RowSink<Database['list_wallet']>;
}

/** Bulk inserts through Kysely: multi-row INSERTs, any dialect. */
function kyselyBulk(trx: Transaction<Database>): BulkInsert {
  return {
    entities: async (rows) => {
      await trx.insertInto('list_entity').values(rows).execute();
    },
    wallets: async (rows) => {
      await trx.insertInto('list_wallet').values(rows).execute();
    },
  };
}

/**
 * Bulk inserts through one prepared statement per table on the raw SQLite handle: the
 * research measured Kysely's per-call compile at ~4× the cost of a cached statement (ecosystem
 * §3.3), and a list version is tens of thousands of rows. Runs inside the caller's transaction.
 */
export function sqliteBulk(sqlite: BetterSqlite3.Database): BulkInsert {
  const entity = sqlite.prepare('insert into list_entity (version_id, entity_id, schema, caption, hash, data) values (?, ?, ?, ?, ?, ?)');
  const wallet = sqlite.prepare('insert into list_wallet (version_id, entity_id, currency, address) values (?, ?, ?, ?)');
  return {
    entities: async (rows) => {
      for (const r of rows) entity.run(r.version_id, r.entity_id, r.schema, r.caption, r.hash, r.data);
    },
    wallets: async (rows) => {
      for (const r of rows) wallet.run(r.version_id, r.entity_id, r.currency, r.address);
    },
  };
}

/** Writes a version's entities in batches inside a transaction the caller owns. */
export class VersionWriter {
  private entities: Database['list_entity'][] = [];
  private wallets: Database['list_wallet'][] = [];
  walletCount = 0;

  constructor(
    private readonly trx: Transaction<Database>,
    readonly versionId: number,
    private readonly bulk: BulkInsert = kyselyBulk(trx),
  ) {}

  async add(entity: Entity): Promise<void> {
    // Plain JSON: a parser builds its entities in a fixed key order, so equal entities give
    // equal text; diffs compare field by field anyway (changedFields), so a key-order change
    // between Sekisho versions cannot show up as a false change.
    const data = JSON.stringify(entity);
    this.entities.push({
      version_id: this.versionId,
      entity_id: entity.id,
      schema: entity.schema,
      caption: entity.names.find((n) => n.kind === 'primary')?.full ?? entity.names[0]?.full ?? entity.id,
      hash: createHash('sha256').update(data).digest('hex').slice(0, 32),
      data,
    });
    for (const w of entity.wallets) {
      this.wallets.push({ version_id: this.versionId, entity_id: entity.id, currency: w.currency, address: w.address });
      this.walletCount++;
    }
    if (this.entities.length >= BATCH) await this.flush();
  }

  /**
   * Folds a second record with an id already written into the stored one (mergeEntities):
   * rare, so it simply flushes, reads the stored row back, and rewrites it with its wallets.
   */
  async merge(entity: Entity): Promise<void> {
    await this.flush();
    const row = await this.trx.selectFrom('list_entity').select('data').where('version_id', '=', this.versionId).where('entity_id', '=', entity.id).executeTakeFirstOrThrow();
    const stored = JSON.parse(row.data) as Entity;
    const merged = mergeEntities(stored, entity);
    const data = JSON.stringify(merged);
    await this.trx
      .updateTable('list_entity')
      .set({ data, hash: createHash('sha256').update(data).digest('hex').slice(0, 32), caption: merged.names.find((n) => n.kind === 'primary')?.full ?? merged.names[0]?.full ?? merged.id })
      .where('version_id', '=', this.versionId)
      .where('entity_id', '=', entity.id)
      .execute();
    const added = merged.wallets.length - stored.wallets.length;
    for (const w of merged.wallets.slice(stored.wallets.length)) {
      this.wallets.push({ version_id: this.versionId, entity_id: merged.id, currency: w.currency, address: w.address });
    }
    this.walletCount += added;
    await this.flush();
  }

  async flush(): Promise<void> {
    if (this.entities.length) {
      const rows = this.entities;
      this.entities = [];
      await this.bulk.entities(rows);
    }
    while (this.wallets.length) await this.bulk.wallets(this.wallets.splice(0, BATCH * 2));
  }
}

export interface NewVersion {
  source: string;
  files: { name: string; bytes: number; sha256: string }[];
  fileHash: string;
  loadedAt: string;
  forced: boolean;
}

/**
 * The list repository. With `sqlite` (the raw handle behind `db`), version writes take the
 * prepared-statement fast path.
 */
export function createListStore(db: Kysely<Database>, sqlite?: BetterSqlite3.Database) {
  const fastBulk = sqlite ? sqliteBulk(sqlite) : undefined;
  return {
    /** Runs `work` in one transaction; everything it writes is committed together or not at all. */
    transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
    },

    /**
     * Serialises loads of one source: the first statement of a load transaction. In SQLite the
     * write takes the database's write lock at once (a deferred transaction that read first
     * could not upgrade after a concurrent commit); in PostgreSQL the UPDATE locks the source's row.
     */
    async lockSource(trx: Transaction<Database>, source: string, at: string): Promise<void> {
      await trx.insertInto('list_source').values({ source, active_version_id: null, updated_at: at }).onConflict((oc) => oc.column('source').doNothing()).execute();
      await trx.updateTable('list_source').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('source', '=', source).execute();
    },

    /** Inserts the version row (status inactive) and returns a writer for its entities. */
    async beginVersion(trx: Transaction<Database>, input: NewVersion): Promise<{ id: number; version: number; writer: VersionWriter }> {
      const last = await trx.selectFrom('list_version').select((eb) => eb.fn.max('version').as('v')).where('source', '=', input.source).executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      const row = await trx
        .insertInto('list_version')
        .values({
          source: input.source,
          version,
          status: 'inactive',
          file_names: JSON.stringify(input.files),
          file_hash: input.fileHash,
          issue_date: null,
          loaded_at: input.loadedAt,
          activated_at: null,
          entity_count: 0,
          counts: '{}',
          wallet_count: 0,
          warning_count: 0,
          warnings: '[]',
          forced: input.forced ? 1 : 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, version, writer: new VersionWriter(trx, row.id, fastBulk ?? kyselyBulk(trx)) };
    },

    /** Records the version's totals once all entities are written. */
    async finishVersion(trx: Transaction<Database>, id: number, totals: { issueDate: string | null; entityCount: number; counts: Record<string, number>; walletCount: number; warnings: ParseWarning[] }): Promise<void> {
      await trx
        .updateTable('list_version')
        .set({
          issue_date: totals.issueDate,
          entity_count: totals.entityCount,
          counts: JSON.stringify(totals.counts),
          wallet_count: totals.walletCount,
          warning_count: totals.warnings.length,
          warnings: JSON.stringify(totals.warnings.slice(0, MAX_STORED_WARNINGS)),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Makes `versionId` the source's active version: the one atomic switch. */
    async activate(trx: Db, source: string, versionId: number, at: string): Promise<void> {
      await trx.updateTable('list_version').set({ status: 'superseded' }).where('source', '=', source).where('status', '=', 'active').execute();
      await trx.updateTable('list_version').set({ status: 'active', activated_at: at }).where('id', '=', versionId).execute();
      await trx
        .insertInto('list_source')
        .values({ source, active_version_id: versionId, updated_at: at })
        .onConflict((oc) => oc.column('source').doUpdateSet({ active_version_id: versionId, updated_at: at }))
        .execute();
    },

    async activeVersion(source: string, trx: Db = db): Promise<ListVersion | undefined> {
      const row = await trx
        .selectFrom('list_source')
        .innerJoin('list_version', 'list_version.id', 'list_source.active_version_id')
        .selectAll('list_version')
        .where('list_source.source', '=', source)
        .executeTakeFirst();
      return row ? toVersion(row) : undefined;
    },

    async activeVersions(): Promise<ListVersion[]> {
      const rows = await db
        .selectFrom('list_source')
        .innerJoin('list_version', 'list_version.id', 'list_source.active_version_id')
        .selectAll('list_version')
        .orderBy('list_version.source')
        .execute();
      return rows.map(toVersion);
    },

    async versions(source: string): Promise<ListVersion[]> {
      const rows = await db.selectFrom('list_version').selectAll().where('source', '=', source).orderBy('version').execute();
      return rows.map(toVersion);
    },

    async version(source: string, version: number): Promise<ListVersion | undefined> {
      const row = await db.selectFrom('list_version').selectAll().where('source', '=', source).where('version', '=', version).executeTakeFirst();
      return row ? toVersion(row) : undefined;
    },

    /** (entity id → content hash) of one version, for diffs. */
    async entityHashes(versionId: number): Promise<Map<string, string>> {
      const rows = await db.selectFrom('list_entity').select(['entity_id', 'hash']).where('version_id', '=', versionId).execute();
      return new Map(rows.map((r) => [r.entity_id, r.hash]));
    },

    async entitiesOf(versionId: number, ids: string[]): Promise<Map<string, Entity>> {
      const out = new Map<string, Entity>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await db.selectFrom('list_entity').select(['entity_id', 'data']).where('version_id', '=', versionId).where('entity_id', 'in', ids.slice(i, i + 500)).execute();
        for (const r of rows) out.set(r.entity_id, JSON.parse(r.data) as Entity);
      }
      return out;
    },

    /** Every entity of every active version, with its source and version (for the screening index). */
    async activeEntities(): Promise<{ entity: Entity; source: string; version: number }[]> {
      const rows = await db
        .selectFrom('list_entity')
        .innerJoin('list_source', 'list_source.active_version_id', 'list_entity.version_id')
        .innerJoin('list_version', 'list_version.id', 'list_entity.version_id')
        .select(['list_entity.data', 'list_version.source', 'list_version.version'])
        .orderBy('list_version.source')
        .orderBy('list_entity.entity_id')
        .execute();
      return rows.map((r) => ({ entity: JSON.parse(r.data) as Entity, source: r.source, version: Number(r.version) }));
    },

    /** Every wallet row of every version, with its source and version number (formerly-listed lookups). */
    async walletHistory(): Promise<{ source: string; version: number; entityId: string; currency: string; address: string }[]> {
      const rows = await db
        .selectFrom('list_wallet')
        .innerJoin('list_version', 'list_version.id', 'list_wallet.version_id')
        .select(['list_version.source', 'list_version.version', 'list_wallet.entity_id', 'list_wallet.currency', 'list_wallet.address'])
        .execute();
      return rows.map((r) => ({ source: r.source, version: Number(r.version), entityId: r.entity_id, currency: r.currency, address: r.address }));
    },

    /** The entity with this id on any active version, with where it comes from. */
    async activeEntity(id: string): Promise<StoredEntity | undefined> {
      const row = await db
        .selectFrom('list_entity')
        .innerJoin('list_source', 'list_source.active_version_id', 'list_entity.version_id')
        .innerJoin('list_version', 'list_version.id', 'list_entity.version_id')
        .select(['list_entity.data', 'list_version.source', 'list_version.id', 'list_version.version'])
        .where('list_entity.entity_id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return { entity: JSON.parse(row.data) as Entity, source: row.source, versionId: row.id, version: row.version };
    },

    /** Captions of entities on active versions, for naming relation targets. */
    async activeCaptions(ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('list_entity')
        .innerJoin('list_source', 'list_source.active_version_id', 'list_entity.version_id')
        .select(['list_entity.entity_id', 'list_entity.caption'])
        .where('list_entity.entity_id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.entity_id, r.caption]));
    },
  };
}

export type ListStore = ReturnType<typeof createListStore>;
