import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cli, sqliteDatabase, tempDir, type TestDatabase } from '../../test/helpers.ts';
import { writeVariants } from '../../test/list-store-suite.ts';

describe('sekisho CLI', () => {
  let db: TestDatabase;
  let files: ReturnType<typeof writeVariants>;
  let cleanup: () => void;
  before(() => {
    db = sqliteDatabase();
    const t = tempDir();
    cleanup = t.cleanup;
    files = writeVariants(t.dir);
  });
  after(async () => {
    await db.cleanup();
    cleanup();
  });

  test('status on a new database says nothing is loaded', async () => {
    const r = await cli(db.url, 'lists', 'status');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /No list loaded yet/);
    assert.deepEqual((await cli(db.url, 'lists', 'status', '--json')).json(), []);
  });

  test('lists load --json reports the new version', async () => {
    const r = await cli(db.url, 'lists', 'load', 'ofac-advanced', files.original, '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = r.json();
    assert.equal(out.status, 'loaded');
    assert.equal(out.version.version, 1);
    assert.equal(out.version.entityCount, 4);
  });

  test('bad input exits non-zero with a stable code and leaves status unchanged', async () => {
    const before = (await cli(db.url, 'lists', 'status', '--json')).stdout;
    const cases: [string[], string][] = [
      [['lists', 'load', 'ofac-advanced', files.truncated], 'SEK_LIST_TRUNCATED'],
      [['lists', 'load', 'ofac-advanced', files.empty], 'SEK_LIST_EMPTY'],
      [['lists', 'load', 'eu', files.original], 'SEK_LIST_FORMAT'],
      [['lists', 'load', 'ofac-vintage', files.original], 'SEK_UNKNOWN_SOURCE'],
      [['lists', 'load', 'ofac-advanced', files.shrink], 'SEK_LIST_SHRINK'],
    ];
    for (const [args, code] of cases) {
      const r = await cli(db.url, ...args);
      assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`error ${code}:`));
      const j = await cli(db.url, ...args, '--json');
      assert.equal(j.json().error.code, code);
    }
    assert.equal((await cli(db.url, 'lists', 'status', '--json')).stdout, before);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await cli(db.url, 'lists', 'load')).status, 2);
    assert.equal((await cli(db.url, 'lists', 'diff', 'ofac-advanced', '--from', 'x')).status, 2);
  });

  test('diff, entities show and activate', async () => {
    assert.equal((await cli(db.url, 'lists', 'load', 'ofac-advanced', files.update)).status, 0);
    const diff = (await cli(db.url, 'lists', 'diff', 'ofac-advanced', '--json')).json();
    assert.deepEqual([diff.added.length, diff.removed.length, diff.changed.length], [1, 1, 1]);
    const text = await cli(db.url, 'lists', 'diff', 'ofac-advanced', '--from', '1', '--to', '2');
    assert.match(text.stdout, /~ ofac:91004 {2}OCEAN FICTION: program/);
    const shown = await cli(db.url, 'entities', 'show', 'ofac:91002');
    assert.match(shown.stdout, /relation Owned or Controlled By → ofac:91003/);
    assert.equal((await cli(db.url, 'entities', 'show', 'ofac:91003')).status, 1);
    assert.equal((await cli(db.url, 'lists', 'activate', 'ofac-advanced', '1')).status, 0);
    const entity = (await cli(db.url, 'entities', 'show', 'ofac:91003', '--json')).json();
    assert.equal(entity.names[0].full, 'HASH HOLDING AG');
    assert.equal(entity.version, 1);
  });
});
