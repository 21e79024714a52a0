import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { coreFixture, tempDir } from '../../test/helpers.ts';
import { openInputs } from './input.ts';

async function readAll(iter: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of iter) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString('utf8');
}

describe('list inputs', () => {
  let dir: string;
  let cleanup: () => void;
  const text = readFileSync(coreFixture('ofac-advanced/sdn_advanced_small.xml'));
  before(() => {
    ({ dir, cleanup } = tempDir());
    writeFileSync(join(dir, 'sdn.xml.gz'), gzipSync(text));
    writeFileSync(join(dir, 'cut.xml.gz'), gzipSync(text).subarray(0, 600));
    writeFileSync(join(dir, 'set.zip'), zipSync({ 'sdn.csv': new TextEncoder().encode('a'), 'nested/add.csv': new TextEncoder().encode('bb') }));
    writeFileSync(join(dir, 'broken.zip'), Buffer.from('PK\u0003\u0004 this is not really a zip'));
    writeFileSync(join(dir, 'plain.xml'), text);
  });
  after(() => cleanup());

  test('plain and gzip files read back the same bytes; names lose the compression suffix', async () => {
    const opened = await openInputs([join(dir, 'plain.xml'), join(dir, 'sdn.xml.gz')]);
    assert.deepEqual(opened.files.map((f) => f.name), ['plain.xml', 'sdn.xml']);
    assert.equal(await readAll(opened.files[1]!.open()), text.toString('utf8'));
    assert.equal(opened.inputs[0]!.sha256.length, 64);
    // A file can be opened twice (two-pass parsers).
    assert.equal(await readAll(opened.files[0]!.open()), await readAll(opened.files[0]!.open()));
  });

  test('every member of a zip becomes a file', async () => {
    const opened = await openInputs([join(dir, 'set.zip')]);
    assert.deepEqual(opened.files.map((f) => f.name), ['sdn.csv', 'add.csv']);
    assert.equal(await readAll(opened.files[1]!.open()), 'bb');
  });

  test('the same files give the same hash; progress reaches the total', async () => {
    const seen: number[] = [];
    const a = await openInputs([join(dir, 'plain.xml')], (read, total) => seen.push(read / total));
    const b = await openInputs([join(dir, 'plain.xml')]);
    assert.equal(a.hash, b.hash);
    await readAll(a.files[0]!.open());
    assert.equal(seen.at(-1), 1);
  });

  test('damaged archives and missing files fail with stable codes', async () => {
    const cut = await openInputs([join(dir, 'cut.xml.gz')]);
    await assert.rejects(readAll(cut.files[0]!.open()), { code: 'SEK_LIST_TRUNCATED' });
    await assert.rejects(openInputs([join(dir, 'broken.zip')]), { code: 'SEK_LIST_DECOMPRESS' });
    await assert.rejects(openInputs([join(dir, 'nope.xml')]), { code: 'SEK_FILE_NOT_FOUND' });
    await assert.rejects(openInputs([dir]), { code: 'SEK_FILE_NOT_FOUND' });
  });
});
