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

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { update: () => {}, stop: () => {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {mbRead} of {mbTotal} MB | {duration_formatted}`, stream, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(read, total) {
        if (!started) {
          bar.start(total, 0, { mbRead: mb(0), mbTotal: mb(total) });
          started = true;
        }
        bar.update(read, { mbRead: mb(read), mbTotal: mb(total) });
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
        stream.write(`${label}: ${pct}% (${mb(read)} of ${mb(total)} MB)\n`);
        nextStep = Math.floor(pct / 10) * 10 + 10;
      }
    },
    stop() {},
  };
}
