/**
 * @module cli/context
 * What a command group needs from the `sekisho` program: the commander program to add its
 * commands to, output, and the app (opened on demand, closed by main). Each group lives in its
 * own module with a `register…Commands(ctx)` function; main.ts wires them.
 */
import type { Command } from 'commander';
import type { App } from '../app.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
}

export interface CommandContext {
  program: Command;
  io: CliIo;
  /** Writes a line (or block) to stdout. */
  out(text: string): void;
  /** Tell main that errors should also be printed as JSON on stdout (a command's --json). */
  setJson(json: boolean): void;
  /** Sets the exit status for a command that finished without an error but with a negative answer. */
  setStatus(status: number): void;
  /** Opens the app on the --db store (or the configured one), runs `work`; main closes it. */
  withApp(work: (app: App) => Promise<void>): Promise<void>;
}
