/**
 * Test helpers for the server: temporary stores (SQLite files, and PostgreSQL databases when
 * a server is reachable), a silent logger, and in-process CLI runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { runCli } from '../src/cli/main.ts';
import { createApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const coreFixture = (relative: string) => resolve(repoRoot, 'packages/core/test/fixtures', relative);
export { sharedPath } from '../../core/test/helpers.ts';
export const silentLogger = pino({ level: 'silent' });

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'sekisho-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A database target for a test: its URL or path and a cleanup. */
export interface TestDatabase {
  url: string;
  cleanup: () => Promise<void>;
}

export function sqliteDatabase(): TestDatabase {
  const { dir, cleanup } = tempDir();
  return { url: join(dir, 'sekisho.db'), cleanup: async () => cleanup() };
}

/** The PostgreSQL server tests use: PG_TEST_URL, or the local server on loopback. */
export const PG_ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether PostgreSQL answers; CI must have it (its absence there is a failure, not a skip). */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Registers suites that need PostgreSQL, each given a factory of throw-away databases. In CI (CI
 * set) PostgreSQL must be reachable: an unreachable server fails the run. Locally the suites are
 * skipped, and a skipped test says so, when no server answers.
 */
export async function onPostgres(what: string, register: (makeDb: () => Promise<TestDatabase>) => void): Promise<void> {
  const { test } = await import('node:test');
  const reachable = await postgresReachable();
  if (!reachable && !process.env.CI) {
    test(`${what} on PostgreSQL skipped: no server at ${PG_ADMIN_URL} (set CI=1 to make this a failure)`, { skip: true }, () => {});
    return;
  }
  if (!reachable) throw new Error(`PostgreSQL is required in CI but ${PG_ADMIN_URL} does not answer`);
  register(postgresDatabase);
}

/** Creates a throw-away PostgreSQL database for one test and drops it afterwards. */
export async function postgresDatabase(): Promise<TestDatabase> {
  const name = `sekisho_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the CLI in-process against a database; returns exit status and captured output. */
export async function cli(db: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string; json: () => any }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const status = await runCli(['--db', db, ...args], { stdout, stderr: stderr as unknown as NodeJS.WriteStream, env: { SEKISHO_LOG_LEVEL: 'silent' } });
  return { status, stdout: stdout.text, stderr: stderr.text, json: () => JSON.parse(stdout.text) };
}

/** An app on a fresh SQLite database and a scratch directory, for one test suite; `close` removes both. */
export async function testApp(): Promise<{ app: App; db: TestDatabase; dir: string; close: () => Promise<void> }> {
  const db = sqliteDatabase();
  const app = await createApp(loadConfig({ SEKISHO_DB: db.url }), { logger: silentLogger });
  const { dir, cleanup } = tempDir();
  return {
    app,
    db,
    dir,
    close: async () => {
      await app.close();
      await db.cleanup();
      cleanup();
    },
  };
}
