import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { App } from '../app.ts';
import { cli, coreFixture, testApp, type TestDatabase } from '../../test/helpers.ts';

describe('screening service and commands', () => {
  let db: TestDatabase;
  let app: App;
  let dir: string;
  let close: () => Promise<void>;
  before(async () => {
    ({ app, db, dir, close } = await testApp());
    await app.loader.load('ofac-advanced', [coreFixture('ofac-advanced/sdn_advanced_small.xml')]);
    await app.loader.load('jp-mof', [coreFixture('jp-mof/shisantouketsu20250110.xlsx')]);
  });
  after(() => close());

  test('every loaded list is screenable, including the Japanese names of the MOF list', async () => {
    const mof = (await app.lists.activeEntities()).filter((e) => e.source === 'jp-mof');
    const person = mof.find((e) => e.entity.schema === 'Person' && e.entity.names.some((n) => n.lang === 'ja'))!;
    const japanese = person.entity.names.find((n) => n.lang === 'ja')!.full;
    const english = person.entity.names.find((n) => !n.lang)!.full;
    for (const name of [japanese, english]) {
      const hit = (await app.screening.screen({ name })).hits[0];
      assert.equal(hit?.entityId, person.entity.id, name);
      assert.equal(hit?.match, true);
    }
    const result = await app.screening.screen({ name: 'PETROV Ivan' });
    assert.deepEqual(result.lists.map((l) => l.source).sort(), ['jp-mof', 'ofac-advanced']);
  });

  test('activating a list version rebuilds the index in the background; queries keep being answered', async () => {
    const before = await app.screening.screen({ name: 'HASH HOLDING AG' });
    assert.equal(before.hits[0]?.entityId, 'ofac:91003');
    const variant = join(dir, 'update.xml');
    const original = (await import('node:fs')).readFileSync(coreFixture('ofac-advanced/sdn_advanced_small.xml'), 'utf8');
    writeFileSync(variant, original.replace('HASH HOLDING AG', 'HASH HOLDING RENAMED AG'));
    await app.loader.load('ofac-advanced', [variant]);
    // The old index answers while the new one is built …
    const during = await app.screening.screen({ name: 'HASH HOLDING AG' });
    assert.ok(during.hits.length > 0);
    // … and the new one is in place once the rebuild finishes.
    await app.screening.refresh();
    const afterRebuild = await app.screening.screen({ name: 'HASH HOLDING RENAMED AG' });
    assert.equal(afterRebuild.hits[0]?.explanation.name.candidateName, 'HASH HOLDING RENAMED AG');
    assert.equal(afterRebuild.lists.find((l) => l.source === 'ofac-advanced')?.version, 2);
  });

  test('sekisho screen: JSON result, explanation, and bad input as a stable error', async () => {
    const r = await cli(db.url, 'screen', '--name', 'Ivan Arkadevich Petrov', '--schema', 'Person', '--birth-date', '1971', '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = r.json();
    assert.equal(out.hits[0].entityId, 'ofac:91001');
    assert.equal(out.hits[0].match, true);
    assert.ok(out.hits[0].explanation.name.tokens.length >= 2);
    assert.equal((await cli(db.url, 'screen', '--name', '   ')).status, 1);
    assert.match((await cli(db.url, 'screen', '--name', 'x', '--schema', 'Planet')).stderr, /SEK_SCREEN_QUERY/);
    assert.equal((await cli(db.url, 'screen', '--name', 'x', '--threshold', '3')).status, 2);
    const text = await cli(db.url, 'screen', '--name', 'OCEAN FICTION', '--id', 'IMO 9000001');
    assert.match(text.stdout, /MATCH: 1/);
  });

  test('sekisho screen --file: one result line per row, in order, bad rows reported not fatal', async () => {
    const input = join(dir, 'customers.csv');
    writeFileSync(input, 'id,name,birth_date,nationality\nc1,"PETROV, Ivan",1971,RU\nc2,,1980,JP\nc3,Taro Yamada,1980,JP\nc4,OCEAN FICTION,,\n');
    const out = join(dir, 'results.jsonl');
    const r = await cli(db.url, 'screen', '--file', input, '--out', out, '--workers', '1', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.json().rows, 4);
    const lines = (await import('node:fs')).readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), ['c1', 'c2', 'c3', 'c4']);
    assert.equal(lines[0].match, true);
    assert.equal(lines[1].error.code, 'SEK_SCREEN_QUERY');
    assert.equal(lines[2].match, false);
    assert.equal(lines[3].hits[0].entityId, 'ofac:91004');
  });

  test('sekisho score-pairs: one line per pair; a broken line stops with its number', async () => {
    const input = join(dir, 'pairs.jsonl');
    writeFileSync(input, ['{"id":1,"schema":"Person","name1":"Владимир Путин","name2":"Vladimir Putin"}', '{"id":2,"name1":"Ivan Petrov","name2":"Maria Sidorova"}', '{"id":3,"name1":"","name2":"X"}'].join('\n'));
    const r = await cli(db.url, 'score-pairs', '--input', input);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => [l.id, l.match]), [[1, true], [2, false], [3, false]]);
    writeFileSync(input, '{"id":1,"name1":"a","name2":"b"}\n{"id":2,\n');
    const bad = await cli(db.url, 'score-pairs', '--input', input);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /SEK_SCREEN_INPUT: .*line 2/);
  });
});
