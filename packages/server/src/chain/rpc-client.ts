/**
 * @module chain/rpc-client
 * JSON-RPC over HTTP to a chain node (Bitcoin Core's RPC server, an Ethereum execution client),
 * for `chain ingest` from a node URL. Credentials in the URL (http://user:pass@host:8332, as
 * bitcoin-cli users write it) become a Basic Authorization header: fetch() refuses URLs that
 * carry them, and they must never reach a message or a log (`redactUrl`).
 *
 * Failures have two codes: SEK_CHAIN_NODE when no usable answer came (connection refused,
 * timeout, HTTP status without a JSON-RPC body, not JSON), SEK_CHAIN_RPC when the node answered
 * with a JSON-RPC error object. Bitcoin Core answers RPC errors with HTTP 500 (or 404 for an
 * unknown method) and a JSON body, so the body is read before the status decides.
 */
import { ServerErrors } from '../errors.ts';

export interface RpcClientOptions {
  /** Per request (default 60 s: a getblock of a full block on a busy node takes seconds). */
  timeoutMs?: number;
}

/** One call of a batch. */
export interface RpcCall {
  method: string;
  params: unknown[];
}

/** A JSON-RPC error object (JSON-RPC 2.0 §5.1; Bitcoin Core uses the same shape under 1.0). */
export interface RpcErrorObject {
  code: number;
  message: string;
}

export interface RpcClient {
  /** The URL without credentials, for messages. */
  readonly url: string;
  /** The `result` of one call, parsed. */
  call<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  /**
   * The answer of one call as text (the whole envelope), for answers whose numbers must keep
   * their digits (Bitcoin amounts). The envelope's error is not checked here: see `rpcError`.
   */
  callText(method: string, params?: unknown[]): Promise<string>;
  /** Several calls in one request (a JSON-RPC batch); results in the order of `calls`. */
  batch<T = unknown>(calls: RpcCall[]): Promise<T[]>;
}

/** A URL with its password (and user) replaced, safe to print. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = u.username ? '***' : '';
      u.password = u.password ? '***' : '';
    }
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The error object of a parsed JSON-RPC answer, when it carries one. */
export function rpcError(answer: unknown): RpcErrorObject | undefined {
  if (!isObject(answer) || answer.error === null || answer.error === undefined) return undefined;
  const e = answer.error;
  if (isObject(e)) return { code: typeof e.code === 'number' ? e.code : 0, message: String(e.message ?? JSON.stringify(e)) };
  return { code: 0, message: String(e) };
}

/** SEK_CHAIN_RPC for an error answer to `method`. */
export function rpcFailure(url: string, method: string, error: RpcErrorObject) {
  return ServerErrors.CHAIN_RPC(`the node at ${url} answered ${method} with error ${error.code}: ${error.message}`, { url, method, rpcCode: error.code });
}

/**
 * A client for the node at `url` (http or https).
 * @example
 * const node = createRpcClient('http://user:pass@127.0.0.1:8332');
 * const tip = await node.call<number>('getblockcount');
 */
export function createRpcClient(url: string, options: RpcClientOptions = {}): RpcClient {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw ServerErrors.CHAIN_NODE(`"${redactUrl(url)}" is not a URL`, { url: redactUrl(url) });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw ServerErrors.CHAIN_NODE(`a node URL is http:// or https://, not ${parsed.protocol}`, { url: redactUrl(url) });
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (parsed.username || parsed.password) {
    const user = decodeURIComponent(parsed.username);
    const pass = decodeURIComponent(parsed.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
  }
  const endpoint = parsed.toString();
  const shown = redactUrl(url);
  const timeoutMs = options.timeoutMs ?? 60_000;
  let nextId = 1;

  /** POSTs a body; resolves to the answer's text, or throws CHAIN_NODE / CHAIN_RPC. */
  async function post(body: unknown, what: string): Promise<string> {
    let response: Response;
    try {
      response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw ServerErrors.CHAIN_NODE(`the node at ${shown} cannot be reached (${reason}) calling ${what}`, { url: shown, method: what }, { cause: error });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw ServerErrors.CHAIN_NODE(`the answer of ${shown} to ${what} broke off (${(error as Error).message})`, { url: shown, method: what }, { cause: error });
    }
    if (!response.ok) {
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        // Not a JSON-RPC error body: the status is all there is.
      }
      const error = rpcError(answer);
      if (error) throw rpcFailure(shown, what, error);
      const hint = response.status === 401 || response.status === 403 ? ': check the user and password in the URL (Bitcoin Core: rpcauth or the .cookie file)' : '';
      throw ServerErrors.CHAIN_NODE(`the node at ${shown} answered ${what} with HTTP ${response.status}${hint}`, { url: shown, method: what, status: response.status });
    }
    return text;
  }

  function parse(text: string, what: string): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw ServerErrors.CHAIN_NODE(`the node at ${shown} answered ${what} with something that is not JSON (${text.slice(0, 60).replace(/\s+/g, ' ')}…)`, { url: shown, method: what }, { cause: error });
    }
  }

  function envelope(method: string, params: unknown[]) {
    // JSON-RPC 1.0 style with "jsonrpc" added: Core accepts both, Ethereum clients want 2.0.
    return { jsonrpc: '2.0', id: nextId++, method, params };
  }

  return {
    url: shown,
    async call<T>(method: string, params: unknown[] = []): Promise<T> {
      const answer = parse(await post(envelope(method, params), method), method);
      const error = rpcError(answer);
      if (error) throw rpcFailure(shown, method, error);
      if (!isObject(answer) || !('result' in answer)) throw ServerErrors.CHAIN_NODE(`the node at ${shown} answered ${method} without a result`, { url: shown, method });
      return answer.result as T;
    },
    callText(method: string, params: unknown[] = []): Promise<string> {
      return post(envelope(method, params), method);
    },
    async batch<T>(calls: RpcCall[]): Promise<T[]> {
      if (calls.length === 0) return [];
      const bodies = calls.map((c) => envelope(c.method, c.params));
      const what = `${calls[0]!.method} (batch of ${calls.length})`;
      const answer = parse(await post(bodies, what), what);
      if (!Array.isArray(answer)) {
        const error = rpcError(answer);
        if (error) throw rpcFailure(shown, what, error);
        throw ServerErrors.CHAIN_NODE(`the node at ${shown} answered a batch of ${calls.length} calls with a single object; it may not support JSON-RPC batches`, { url: shown, method: what });
      }
      const byId = new Map<unknown, Record<string, unknown>>();
      for (const item of answer) if (isObject(item)) byId.set(item.id, item);
      return bodies.map((body, i) => {
        const item = byId.get(body.id);
        if (!item) throw ServerErrors.CHAIN_NODE(`the node at ${shown} left call ${i} (${body.method}) of a batch unanswered`, { url: shown, method: body.method });
        const error = rpcError(item);
        if (error) throw rpcFailure(shown, `${body.method}(${JSON.stringify(body.params).slice(1, -1).slice(0, 80)})`, error);
        return item.result as T;
      });
    },
  };
}
