import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { isSekishoError } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';
import { createRpcClient, redactUrl } from './rpc-client.ts';

/** A loopback server answering each request with `handle`; closed after `work`. */
async function withServer(handle: (body: any, req: IncomingMessage, res: ServerResponse) => void, work: (port: number) => Promise<void>): Promise<void> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => handle(body ? JSON.parse(body) : undefined, req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await work((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const json = (res: ServerResponse, status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(typeof value === 'string' ? value : JSON.stringify(value));
const fails = (code: { code: string }, pattern?: RegExp) => (error: unknown) => isSekishoError(error, code.code) && (!pattern || pattern.test(error.message));

test('credentials in the URL go in a Basic header and never into messages', async () => {
  let auth: string | undefined;
  await withServer(
    (body, req, res) => {
      auth = req.headers.authorization;
      json(res, 200, { result: 7, error: null, id: body.id });
    },
    async (port) => {
      const url = `http://rpc%20user:p%40ss@127.0.0.1:${port}`;
      const node = createRpcClient(url);
      assert.equal(await node.call('getblockcount'), 7);
      assert.equal(auth, `Basic ${Buffer.from('rpc user:p@ss').toString('base64')}`);
      assert.equal(node.url, `http://***:***@127.0.0.1:${port}`);
      assert.equal(redactUrl(url).includes('p%40ss'), false);
    },
  );
});

test('Bitcoin Core\'s error answer (HTTP 500 with a JSON error) is SEK_CHAIN_RPC; a bare HTTP status, a non-JSON body and silence are SEK_CHAIN_NODE', async () => {
  await withServer(
    (body, _req, res) => {
      if (body.method === 'getblockhash') return json(res, 500, { result: null, error: { code: -8, message: 'Block height out of range' }, id: body.id });
      if (body.method === 'forbidden') return res.writeHead(401).end();
      if (body.method === 'html') return json(res, 200, '<html>proxy</html>');
      // 'slow': never answers
    },
    async (port) => {
      const node = createRpcClient(`http://127.0.0.1:${port}`, { timeoutMs: 300 });
      await assert.rejects(node.call('getblockhash', [10 ** 9]), (e: unknown) => fails(ServerErrors.CHAIN_RPC, /-8: Block height out of range/)(e) && (e as { details: { rpcCode: number } }).details.rpcCode === -8);
      await assert.rejects(node.call('forbidden'), fails(ServerErrors.CHAIN_NODE, /HTTP 401.*user and password/));
      await assert.rejects(node.call('html'), fails(ServerErrors.CHAIN_NODE, /not JSON/));
      await assert.rejects(node.call('slow'), fails(ServerErrors.CHAIN_NODE, /no answer within 0.3 s/));
    },
  );
  await assert.rejects(async () => createRpcClient('ftp://127.0.0.1'), fails(ServerErrors.CHAIN_NODE));
});

test('a batch: answers matched by id whatever their order; an error in any call fails the batch with that call named', async () => {
  await withServer(
    (body, _req, res) => {
      const answers = (body as { id: number; method: string; params: number[] }[]).map((c) =>
        c.params[0] === 13 ? { jsonrpc: '2.0', id: c.id, error: { code: -32000, message: 'header not found' } } : { jsonrpc: '2.0', id: c.id, result: c.params[0]! * 2 },
      );
      json(res, 200, answers.reverse());
    },
    async (port) => {
      const node = createRpcClient(`http://127.0.0.1:${port}`);
      assert.deepEqual(await node.batch([1, 2, 3].map((n) => ({ method: 'double', params: [n] }))), [2, 4, 6]);
      await assert.rejects(node.batch([12, 13].map((n) => ({ method: 'double', params: [n] }))), fails(ServerErrors.CHAIN_RPC, /double\(13\).*header not found/));
    },
  );
});
