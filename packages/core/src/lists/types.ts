/**
 * @module lists/types
 * The contract between a list parser (core, pure) and the loader (server, I/O). The loader
 * opens files (plain, .gz, .zip, .bz2) and hands the parser byte streams; the parser yields
 * entities one at a time and reports warnings and the list's issue date through the context.
 * A parser throws a SekishoError (SEK_LIST_PARSE, SEK_LIST_TRUNCATED, SEK_LIST_FORMAT,
 * SEK_LIST_FILES) on input it cannot read; the loader then discards everything it received.
 */
import type { Entity, SourceName } from '../model/entity.ts';

/** One input file, already decompressed. `name` is the base name without .gz/.bz2. */
export interface ListFile {
  name: string;
  /**
   * A fresh stream of the file's bytes from the start. May be called more than once (a parser
   * that must resolve forward references by name reads the file twice rather than hold it).
   */
  open(): AsyncIterable<Uint8Array>;
}

export interface ParseWarning {
  /** Stable warning code: 'duplicate-id', 'unknown-reference', 'bad-date', 'unknown-feature', ... */
  code: string;
  message: string;
  file?: string;
  position?: string;
  entityId?: string;
}

export interface ParseContext {
  warn(warning: ParseWarning): void;
  /** The issue or publication date the file states (ISO date), when it states one. */
  setIssueDate(date: string): void;
}

export interface ListParser {
  source: SourceName;
  /** One line on what the parser reads, for `lists status` and docs. */
  description: string;
  parse(files: ListFile[], ctx: ParseContext): AsyncIterable<Entity>;
}

/** A ParseContext that collects into arrays; handy in tests and in the loader. */
export function collectingContext(): ParseContext & { warnings: ParseWarning[]; issueDate?: string } {
  const ctx = {
    warnings: [] as ParseWarning[],
    issueDate: undefined as string | undefined,
    warn(w: ParseWarning) {
      ctx.warnings.push(w);
    },
    setIssueDate(date: string) {
      ctx.issueDate = date;
    },
  };
  return ctx;
}
