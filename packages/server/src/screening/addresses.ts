/**
 * @module screening/addresses
 * `sekisho screen-address --file`: checks every address of a text file (one per line) or a CSV
 * (columns address and, optionally, chain) and writes one JSON line per address, in order.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { isChain, type Chain } from '@sekisho/core';
import { ServerErrors } from '../errors.ts';
import type { ScreeningService } from '../services/screening.ts';

export async function screenAddressFile(screening: ScreeningService, options: { file: string; out: string; chain?: Chain }): Promise<{ addresses: number; valid: number; hits: number; formerly: number }> {
  const input = createReadStream(options.file, { encoding: 'utf8' });
  await new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error) => reject(ServerErrors.FILE_NOT_FOUND(`cannot read ${options.file}: ${error.message}`, { file: options.file })));
  });
  const csv = /\.csv$/i.test(options.file);
  const out = createWriteStream(options.out);
  let header: string[] | undefined;
  let line = 0;
  const summary = { addresses: 0, valid: 0, hits: 0, formerly: 0 };
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    let address = trimmed;
    let chain = options.chain;
    if (csv) {
      const cells = trimmed.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
      if (!header) {
        header = cells.map((c) => c.toLowerCase());
        if (!header.includes('address')) throw ServerErrors.SCREEN_INPUT('the CSV has no "address" column', { file: options.file, position: 'line 1' });
        continue;
      }
      address = cells[header.indexOf('address')] ?? '';
      const c = header.includes('chain') ? cells[header.indexOf('chain')] : undefined;
      if (c && isChain(c)) chain = c;
    }
    const result = await screening.screenAddress(address, chain);
    summary.addresses++;
    if (result.validation.valid) summary.valid++;
    if (result.hits.length) summary.hits++;
    if (result.formerly.length) summary.formerly++;
    if (!out.write(`${JSON.stringify({ line, address, valid: result.validation.valid, chains: result.validation.matches, rejections: result.validation.valid ? [] : result.validation.rejections, hits: result.hits, formerly: result.formerly, tags: result.tags })}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return summary;
}
