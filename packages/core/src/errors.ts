/**
 * @module errors
 * The core package's error catalogue. Every error Sekisho raises has a stable code (tests and
 * API clients match on it, never on message text), an exit/HTTP status, and a message written
 * for the compliance officer who has to act on it: what happened, where, and what stays true
 * ("list version 14 stays active"). Modelled on Fastify's lib/errors.js and Documenso's AppError.
 */

export interface ErrorDetails {
  /** The file (base name) the error is about. */
  file?: string;
  /** Where in the file: "line 48211, column 3", "row 12", "byte 1024". */
  position?: string;
  [key: string]: unknown;
}

export interface ErrorSpec {
  readonly code: string;
  /** HTTP status the API maps this error to. */
  readonly status: number;
  /** What the reader should do about it, appended to every message of this code. */
  readonly hint: string;
}

/** The one error class of Sekisho. `message` is user-safe; internals go to `cause`. */
export class SekishoError extends Error {
  readonly code: string;
  readonly status: number;
  readonly hint: string;
  readonly details: ErrorDetails;

  constructor(spec: ErrorSpec, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    const where = [details.file, details.position].filter(Boolean).join(' ');
    super(where ? `${where}: ${message}` : message, options);
    this.name = 'SekishoError';
    this.code = spec.code;
    this.status = spec.status;
    this.hint = spec.hint;
    this.details = details;
  }

  /** Message plus the catalogue's hint, for CLI output. */
  get advice(): string {
    return `${this.message}. ${this.hint}`;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}

/** Defines a catalogue entry; `create` builds the error with its details. */
export function defineError(code: string, status: number, hint: string) {
  const spec: ErrorSpec = { code, status, hint };
  return Object.assign(
    (message: string, details?: ErrorDetails, options?: { cause?: unknown }) =>
      new SekishoError(spec, message, details, options),
    { code, status, hint },
  );
}

export function isSekishoError(error: unknown, code?: string): error is SekishoError {
  return error instanceof SekishoError && (code === undefined || error.code === code);
}

/** Errors of list parsing. A load that raises one of these changes nothing in the store. */
export const CoreErrors = {
  /** The content is not what the source's format says (malformed XML/CSV, missing required element). */
  LIST_PARSE: defineError('SEK_LIST_PARSE', 422, 'Nothing was loaded and the active version stays active; check the file against the official format'),
  /** The file ends before its document does (an interrupted download). */
  LIST_TRUNCATED: defineError('SEK_LIST_TRUNCATED', 422, 'The file looks cut off (an interrupted download?); nothing was loaded and the active version stays active; download it again'),
  /** The file is a different list or format than the source named. */
  LIST_FORMAT: defineError('SEK_LIST_FORMAT', 422, 'Nothing was loaded; check that the file belongs to the source named on the command line'),
  /** The file has no entities at all. */
  LIST_EMPTY: defineError('SEK_LIST_EMPTY', 422, 'An empty list is never loaded; the active version stays active'),
  /** A multi-file source is missing a required file, or got one it does not know. */
  LIST_FILES: defineError('SEK_LIST_FILES', 400, 'Pass every file the source needs (see docs/lists.md)'),
  /** The compressed container could not be read. */
  LIST_DECOMPRESS: defineError('SEK_LIST_DECOMPRESS', 422, 'The archive is damaged or not of the type its name says; nothing was loaded'),
  /** A screening request Sekisho cannot run (empty name, unknown schema, threshold out of range). */
  SCREEN_QUERY: defineError('SEK_SCREEN_QUERY', 400, 'Correct the request; nothing was screened'),
  /** The source name is not one Sekisho knows. */
  UNKNOWN_SOURCE: defineError('SEK_UNKNOWN_SOURCE', 400, 'Use one of: ofac-advanced, ofac-csv, ofac-xml, un, eu, uk, jp-mof, opensanctions, custom'),
  /** Chain data (blocks, ETL exports, RPC answers) that does not follow its format. */
  CHAIN_PARSE: defineError('SEK_CHAIN_PARSE', 422, 'Nothing of this batch was ingested; check the file against the format named on the command line'),
  /** Chain data that ends before its block or record does. */
  CHAIN_TRUNCATED: defineError('SEK_CHAIN_TRUNCATED', 422, 'The data is cut off (an interrupted copy?); nothing of this batch was ingested'),
  /** Chain data of another kind than the format named. */
  CHAIN_FORMAT: defineError('SEK_CHAIN_FORMAT', 422, 'Nothing was ingested; check that the format matches the data (btc-block, btc-rpc-json, eth-etl, eth-rpc, tron-trongrid)'),
  /** An exposure question Sekisho cannot answer as asked (unknown chain model, hops out of range, no subject). */
  TRACE_QUERY: defineError('SEK_TRACE_QUERY', 400, 'Correct the request: a chain Sekisho traces, an address or a transaction, hops 1 to 10, method haircut or poison'),
  /** A monitoring configuration Sekisho refuses (an unknown rule or typology, a parameter out of range). */
  MONITOR_CONFIG: defineError('SEK_MONITOR_CONFIG', 422, 'The configuration was not taken; the configuration in force stays in force. Fix the entry named above (docs/monitoring.md lists the rules and their parameters)'),
} as const;
