/**
 * @module cli/progress
 * Progress for long loads: a bar on a terminal, plain lines (every 10%) otherwise, both on
 * stderr so stdout stays the command's answer.
 */
import cliProgress from 'cli-progress';
import type { ProgressFn } from '../lists/input.ts';

export interface Progress {
  update: ProgressFn;
  stop(): void;
}

const mb = (n: number) => (n / 1e6).toFixed(1);

/** What the counts are: bytes of list files, or rows of a batch. */
export type ProgressUnit = 'bytes' | 'rows';

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr, quiet = false, unit: ProgressUnit = 'bytes'): Progress {
  const amount = (read: number, total: number) => (unit === 'bytes' ? `${mb(read)} of ${mb(total)} MB` : `${read} of ${total} rows`);
  if (quiet) return { update: () => {}, stop: () => {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {amount} | {duration_formatted}`, stream, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(read, total) {
        if (!started) {
          bar.start(total, 0, { amount: amount(0, total) });
          started = true;
        }
        bar.setTotal(total);
        bar.update(read, { amount: amount(read, total) });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let nextStep = 10;
  return {
    update(read, total) {
      const pct = total === 0 ? 100 : Math.floor((read / total) * 100);
      if (pct >= nextStep) {
        stream.write(`${label}: ${pct}% (${amount(read, total)})\n`);
        nextStep = Math.floor(pct / 10) * 10 + 10;
      }
    },
    stop() {},
  };
}
