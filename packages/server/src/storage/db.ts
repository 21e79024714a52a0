/**
 * @module storage/db
 * Opens the store: a SQLite file (the embedded default, created on first use) or PostgreSQL
 * when the configured database is a postgres:// URL, and brings its schema up to date.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { ServerErrors } from '../errors.ts';
import type { Database } from './schema.ts';
import * as m0001 from './migrations/0001_lists.ts';
import * as m0002 from './migrations/0002_tags.ts';
import * as m0003 from './migrations/0003_service.ts';
import * as m0004 from './migrations/0004_chain.ts';
import * as m0005 from './migrations/0005_clusters.ts';
import * as m0006 from './migrations/0006_monitoring.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /**
   * The raw SQLite handle behind `db` (SQLite only), for the few hot paths where Kysely's
   * per-query compile costs too much (bulk inserts of a list version). It is the same single
   * connection Kysely uses, so raw statements run inside Kysely's open transaction.
   */
  sqlite?: BetterSqlite3.Database;
  /** The SQLite file's absolute path (SQLite on a file only). */
  file?: string;
  /**
   * Set while commits are synced off the main thread (storage/wal.ts syncOffThread): resolves
   * when everything committed so far is on disk. Audited transactions await it before returning.
   */
  durable?: () => Promise<void>;
  close(): Promise<void>;
}

/** Migrations in order; each `up` gets the dialect for the one place they differ (identity columns). */
const MIGRATIONS: Record<string, { up: (db: Kysely<any>, dialect: Dialect) => Promise<void> }> = {
  '0001_lists': m0001,
  '0002_tags': m0002,
  '0003_service': m0003,
  '0004_chain': m0004,
  '0005_clusters': m0005,
  '0006_monitoring': m0006,
};

function provider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) out[name] = { up: (db) => m.up(db, dialect) };
      return out;
    },
  };
}

/**
 * Opens (and migrates) the store named by `database`: `postgres://…` or a SQLite file path.
 * @example const store = await openStore('./sekisho.db')
 */
export async function openStore(database: string): Promise<Store> {
  const dialect: Dialect = /^postgres(ql)?:\/\//.test(database) ? 'postgres' : 'sqlite';
  let db: Kysely<Database>;
  let sqliteHandle: BetterSqlite3.Database | undefined;
  let file: string | undefined;
  try {
    if (dialect === 'postgres') {
      const pool = new pg.Pool({ connectionString: database, max: 4 });
      // An idle connection the server ends (a restart, an administrator's terminate) is an
      // 'error' on the pool; without a listener Node would crash the process. pg has already
      // dropped that connection, and the next query opens another or fails with its own error.
      pool.on('error', () => {});
      db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    } else {
      const path = database === ':memory:' ? database : resolve(database);
      if (path !== ':memory:') {
        mkdirSync(dirname(path), { recursive: true });
        file = path;
      }
      const sqlite = new BetterSqlite3(path);
      sqlite.pragma('journal_mode = WAL');
      // FULL: a commit is on disk before it returns, so an answered decision survives a power
      // loss, not only a process crash (in WAL mode NORMAL may lose the last commits). The
      // event path's group commit makes this one fsync per batch, not per event.
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('busy_timeout = 10000');
      db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
      sqliteHandle = sqlite;
    }
  } catch (error) {
    throw ServerErrors.STORE(`cannot open the database ${redact(database)}: ${(error as Error).message}`, {}, { cause: error });
  }
  const migrator = new Migrator({ db, provider: provider(dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw ServerErrors.STORE(`cannot bring the database ${redact(database)} up to date: ${(error as Error).message}`, {}, { cause: error });
  }
  return { db, dialect, sqlite: sqliteHandle, ...(file ? { file } : {}), close: () => db.destroy() };
}

/** A database URL without its password, for messages and logs. */
export function redact(database: string): string {
  return database.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
