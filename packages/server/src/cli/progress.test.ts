import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createProgress } from './progress.ts';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

test('without a terminal, progress is a plain line every 10%', () => {
  const { stream, lines } = sink();
  const p = createProgress('loading un', stream);
  for (let read = 0; read <= 1000; read += 50) p.update(read, 1000);
  p.stop();
  assert.equal(lines.length, 10);
  assert.equal(lines[0], 'loading un: 10% (0.0 of 0.0 MB)\n');
  assert.match(lines.at(-1)!, /^loading un: 100% /);
});

test('quiet progress prints nothing', () => {
  const { stream, lines } = sink();
  const p = createProgress('x', stream, true);
  p.update(5, 10);
  p.stop();
  assert.deepEqual(lines, []);
});
