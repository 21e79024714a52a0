import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newEntity, type Entity, type NameKind, type Schema } from '../model/entity.ts';
import { buildIndex } from './index-build.ts';
import { screen } from './screen.ts';

function entity(id: string, schema: Schema, names: [string, NameKind][], extra: Partial<Entity> = {}): Entity {
  const e = newEntity(id, schema);
  for (const [full, kind] of names) e.names.push({ full, kind, script: 'Latn' });
  return Object.assign(e, extra);
}

const ENTITIES: Entity[] = [
  entity('t:1', 'Person', [['PUTIN, Vladimir Vladimirovich', 'primary']], { birthDates: [{ date: '1952-10-07' }], properties: { nationality: ['RU'], gender: ['male'] } }),
  entity('t:2', 'Person', [['ABRAMOVICH, Roman Arkadyevich', 'primary']], { birthDates: [{ date: '1966-10-24' }], properties: { nationality: ['RU'] } }),
  entity('t:3', 'Organization', [['BITRIVER AG', 'primary']], { identifiers: [{ type: 'registrationNumber', value: 'CH-170.3.045.713-7', label: 'Registration Number' }] }),
  entity('t:4', 'Person', [['KIM SOK CHOL', 'primary']], { birthDates: [{ date: '1955-05-08' }] }),
  entity('t:5', 'Person', [['IVANOV, Sergei', 'primary'], ['Seryoga', 'weak']], { wallets: [{ currency: 'XBT', address: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h' }] }),
  entity('t:6', 'Vessel', [['OCEAN FICTION', 'primary']], { identifiers: [{ type: 'imo', value: 'IMO 9000001', label: 'IMO' }] }),
];
// Filler so that token weights behave as on a real list: common given names are common.
for (let i = 0; i < 200; i++) ENTITIES.push(entity(`f:${i}`, 'Person', [[`${['Vladimir', 'Sergei', 'Roman', 'Kim'][i % 4]} Filler${i}ovich`, 'primary']]));
const index = buildIndex(ENTITIES.map((entity) => ({ entity, source: 'test', version: 1 })));

test('a name in another order, without the patronymic, is a match, and the explanation says why', () => {
  const r = screen(index, { name: 'Vladimir Putin', schema: 'Person' });
  const hit = r.hits[0]!;
  assert.equal(hit.entityId, 't:1');
  assert.equal(hit.match, true);
  assert.ok(hit.score >= 0.8, String(hit.score));
  assert.deepEqual(hit.explanation.name.tokens.map((t) => [t.query, t.candidate, t.how]), [['vladimir', 'vladimir', 'exact'], ['putin', 'putin', 'exact']]);
  assert.deepEqual(r.lists, [{ source: 'test', version: 1 }]);
});

test('transliteration variants, typos and transpositions still match', () => {
  assert.equal(screen(index, { name: 'Roman Arkadevich Abramovich' }).hits[0]?.entityId, 't:2');
  assert.equal(screen(index, { name: 'Roman Abramovitch' }).hits[0]?.match, true);
  assert.equal(screen(index, { name: 'KIM SKO CHOL', birthDate: '1955-05-08' }).hits[0]?.match, true);
  assert.equal(screen(index, { name: 'Bit River AG', schema: 'Organization' }).hits[0]?.entityId, 't:3');
});

test('a different surname with a shared common given name is no match', () => {
  const r = screen(index, { name: 'Vladimir Petrov', schema: 'Person' });
  assert.ok(r.hits.every((h) => !h.match), JSON.stringify(r.hits.slice(0, 2)));
});

test('birth date, country and gender qualify the name score and are explained', () => {
  const same = screen(index, { name: 'Vladimir Putin', birthDate: '1952-10-07', countries: ['Russia'] }).hits[0]!;
  const other = screen(index, { name: 'Vladimir Putin', birthDate: '1990', countries: ['FR'], gender: 'female' }).hits[0]!;
  assert.ok(same.score > other.score);
  assert.deepEqual(other.explanation.features.map((f) => f.feature), ['name', 'birthDate', 'country', 'gender']);
  assert.ok(other.explanation.features.slice(1).every((f) => f.effect < 0));
});

test('a shared identifier or wallet makes a match near-certain whatever the name', () => {
  const wallet = screen(index, { name: 'Unknown Person', identifiers: ['12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h'] }).hits[0]!;
  assert.equal(wallet.entityId, 't:5');
  assert.equal(wallet.match, true);
  assert.equal(wallet.explanation.features.find((f) => f.feature === 'identifier')?.detail.includes('wallet XBT'), true);
  assert.equal(screen(index, { name: 'Some Ship', schema: 'Vessel', identifiers: ['IMO9000001'] }).hits[0]?.entityId, 't:6');
});

test('schema filters candidates; threshold and limit apply', () => {
  assert.equal(screen(index, { name: 'Bitriver', schema: 'Person' }).hits.length, 0);
  assert.equal(screen(index, { name: 'Vladimir', limit: 2 }).hits.length, 2);
  assert.equal(screen(index, { name: 'Vladimir Putin', threshold: 1 }).hits[0]?.match, false);
});

test('bad input: a clear error or a clean no-match, never a crash or a hang', () => {
  assert.throws(() => screen(index, { name: '' }), { code: 'SEK_SCREEN_QUERY' });
  assert.throws(() => screen(index, { name: '   ' }), { code: 'SEK_SCREEN_QUERY' });
  assert.throws(() => screen(index, { name: 'X', schema: 'Planet' as never }), { code: 'SEK_SCREEN_QUERY' });
  assert.throws(() => screen(index, { name: 'X', threshold: 2 }), { code: 'SEK_SCREEN_QUERY' });
  assert.throws(() => screen(index, { name: 'X', limit: 0 }), { code: 'SEK_SCREEN_QUERY' });
  const punct = screen(index, { name: '!!! ??? ---' });
  assert.deepEqual(punct.hits, []);
  assert.match(punct.warnings[0]!, /no letters/);
  assert.deepEqual(screen(index, { name: '😀🙈🎉' }).hits.filter((h) => h.match), []);
  const started = performance.now();
  const long = screen(index, { name: 'Vladimir Putin '.repeat(700) });
  assert.ok(performance.now() - started < 2000);
  assert.ok(Array.isArray(long.hits));
  const badDate = screen(index, { name: 'Vladimir Putin', birthDate: '31/02/1952' });
  assert.match(badDate.warnings[0]!, /not a date/);
  assert.equal(badDate.hits[0]?.entityId, 't:1');
});
