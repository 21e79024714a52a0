/**
 * @module chain/ingest-btc-worker
 * The parsing thread of `chain ingest --format btc-block` for blk*.dat files: it reads and parses
 * the files (core's blocksFromBlkFile: magic, length, block; merkle roots checked), keeps the
 * blocks inside --from..--to, and hands over batches as UtxoRows (typed arrays transferred, not
 * copied) while the main thread writes the previous batch: parsing and writing run on two cores.
 * At most two batches wait for the writer (it acknowledges each), so memory stays bounded when
 * parsing is faster than writing. An error ends the thread with the error's code and details; the
 * batch it was collecting is never handed over.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { blocksFromBlkFile, type BitcoinLikeChain } from '@sekisho/core';
import { CoreErrors, isSekishoError } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';
import { unXor } from './ingest-files.ts';
import { UtxoRowsBuilder, transferables } from './ingest-rows.ts';

/** What the main thread sends to start the thread (ingest-btc.ts). */
export interface BlkWorkerData {
  chain: BitcoinLikeChain;
  files: { path: string; name: string; xorKey: Uint8Array | null }[];
  from?: number;
  to?: number;
  batchBlocks: number;
  batchItems: number;
}

/** Messages to the main thread. `skipped` counts blocks outside the range, so far. */
export type BlkWorkerMessage =
  | { type: 'batch'; rows: import('../storage/chain-store.ts').UtxoRows; skipped: number }
  | { type: 'done'; skipped: number }
  | { type: 'error'; error: { code?: string; message: string; details?: Record<string, unknown>; stack?: string } };

const MAX_WAITING = 2;
const CHUNK = 1 << 20;

async function run(port: NonNullable<typeof parentPort>, data: BlkWorkerData): Promise<void> {
  let waiting = 0;
  let wake: (() => void) | undefined;
  port.on('message', (m) => {
    if (m === 'ack') {
      waiting--;
      wake?.();
      wake = undefined;
    }
  });
  let skipped = 0;
  let rows = new UtxoRowsBuilder(data.chain);
  const send = async () => {
    if (rows.blockCount === 0) return;
    while (waiting >= MAX_WAITING) await new Promise<void>((resolve) => (wake = resolve));
    const batch = rows.build();
    rows = new UtxoRowsBuilder(data.chain);
    waiting++;
    port.postMessage({ type: 'batch', rows: batch, skipped } satisfies BlkWorkerMessage, transferables(batch));
  };
  const ranged = data.from !== undefined || data.to !== undefined;
  // The writer waits for the first batch: start small and double up to the batch size.
  let limit = Math.max(1, Math.floor(data.batchItems / 8));
  for (const file of data.files) {
    const stream = createReadStream(file.path, { highWaterMark: CHUNK }) as AsyncIterable<Uint8Array>;
    const chunks = file.xorKey ? unXor(stream, file.xorKey) : stream;
    for await (const { block, transactions } of blocksFromBlkFile(chunks, { chain: data.chain, file: file.name })) {
      if (block.height < 0 && ranged) {
        throw CoreErrors.CHAIN_FORMAT(`block ${block.hash} states no height (version 1, before BIP-34), so --from/--to cannot select it; ingest it without a range`, { file: file.name });
      }
      if ((data.from !== undefined && block.height < data.from) || (data.to !== undefined && block.height > data.to)) {
        skipped++;
        continue;
      }
      rows.add(block, transactions);
      if (rows.blockCount >= data.batchBlocks || rows.transactionCount >= limit) {
        await send();
        limit = Math.min(data.batchItems, limit * 2);
      }
    }
  }
  await send();
  port.postMessage({ type: 'done', skipped } satisfies BlkWorkerMessage);
}

if (parentPort) {
  const port = parentPort;
  run(port, workerData as BlkWorkerData).catch((error: unknown) => {
    let e = error;
    const errno = (error as NodeJS.ErrnoException)?.code;
    if (!isSekishoError(e) && typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) {
      e = ServerErrors.FILE_READ(`${(error as Error).message}`, {}, { cause: error });
    }
    const message: BlkWorkerMessage = isSekishoError(e)
      ? { type: 'error', error: { code: e.code, message: e.message, details: JSON.parse(JSON.stringify(e.details)) as Record<string, unknown> } }
      : { type: 'error', error: { message: String((e as Error)?.message ?? e), stack: (e as Error)?.stack } };
    port.postMessage(message);
  });
}
