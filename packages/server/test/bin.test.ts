/**
 * The installed command end to end: `sekisho` as npm links it (bin/sekisho.js through tsx),
 * in a child process, the way a user runs `npx sekisho`.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { coreFixture, repoRoot, tempDir } from './helpers.ts';

const run = promisify(execFile);
const BIN = resolve(repoRoot, 'packages/server/bin/sekisho.js');

test('sekisho lists load and status run as a command on a SQLite file it creates', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'new', 'sekisho.db');
    const load = await run(process.execPath, [BIN, '--db', db, 'lists', 'load', 'ofac-advanced', coreFixture('ofac-advanced/sdn_advanced_small.xml')]);
    assert.match(load.stdout, /ofac-advanced: version 1 active — 4 entities/);
    assert.match(load.stderr, /loading ofac-advanced: 100%/);
    const status = await run(process.execPath, [BIN, '--db', db, 'lists', 'status', '--json']);
    assert.equal(JSON.parse(status.stdout)[0].entityCount, 4);
    const bad = await run(process.execPath, [BIN, '--db', db, 'lists', 'load', 'ofac-advanced', join(dir, 'missing.xml')]).catch((e) => e);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^error SEK_FILE_NOT_FOUND: /);
  } finally {
    cleanup();
  }
});
