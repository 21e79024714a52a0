/**
 * @module chain/ingest-tron
 * Source of TRON data for `chain ingest --format tron-trongrid`: saved answers of TronGrid's
 * TRC-20 history (GET /v1/accounts/{address}/transactions/trc20), one answer page per file, any
 * number of files or directories of .json files. The answers carry no block heights (core's
 * chain/tron/trongrid.ts stores -1), so --from/--to cannot apply; a page that says TronGrid has
 * more (meta.links.next) is ingested and a warning names the page to fetch next.
 */
import { readFile } from 'node:fs/promises';
import { transfersFromTrongridTrc20 } from '@sekisho/core';
import { CoreErrors } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';
import { expandFiles, inFile, isUrl, shortName } from './ingest-files.ts';
import type { IngestUnit, SourceContext } from './ingest-types.ts';

/**
 * Transfers of `tron-trongrid` answer files, one unit per file.
 * @example for await (const unit of tronTrongridSource(ctx)) …
 */
export async function* tronTrongridSource(ctx: SourceContext): AsyncGenerator<IngestUnit> {
  if (ctx.sources.some(isUrl)) throw CoreErrors.CHAIN_FORMAT('tron-trongrid reads saved TronGrid answers (files); fetch the pages first, then ingest them');
  if (ctx.from !== undefined || ctx.to !== undefined) {
    throw CoreErrors.CHAIN_FORMAT('TronGrid TRC-20 history answers carry no block heights, so --from/--to cannot select from them; ingest the pages without a range');
  }
  const files = await expandFiles(ctx.sources, (n) => /\.json$/i.test(n), 'TronGrid answers (.json)');
  for (const file of files) {
    const name = shortName(file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw ServerErrors.FILE_READ(`${name}: ${(error as Error).message}`, { file: name }, { cause: error });
    }
    let page;
    try {
      page = transfersFromTrongridTrc20(text);
    } catch (error) {
      throw inFile(error, name);
    }
    page.warnings.forEach((w) => ctx.warn(`${name}: ${w}`));
    if (page.next) ctx.warn(`${name}: TronGrid has more pages; the next is ${page.next}`);
    yield { kind: 'account', blocks: [], transfers: page.transfers };
  }
}
