/**
 * A local Ethereum development chain (Ganache 7, the npm devDependency) on loopback with known
 * activity, for the `eth-rpc` ingest tests: native ETH transfers, a transaction that fails, the
 * deployment of a tiny contract that emits ERC-20 `Transfer` events, and calls of it. The chain
 * id is 1, so the ingest takes it for Ethereum (it refuses other ids). Every transaction is
 * mined in its own block (Ganache's instamine); what was sent is returned, for the tests to
 * compare with what the ingest stored.
 */
import ganache from 'ganache';

/**
 * The emitter's runtime, assembled by hand (opcodes: ethereum.org/developers/docs/evm/opcodes):
 *
 *   60 20        PUSH1 0x20     size: one word
 *   60 20        PUSH1 0x20     calldata offset 32 (the second word: the value)
 *   60 00        PUSH1 0x00     memory offset 0
 *   37           CALLDATACOPY   mem[0..32) = calldata[32..64)
 *   60 00        PUSH1 0x00
 *   35           CALLDATALOAD   calldata[0..32): the recipient, left-padded → topic 2
 *   33           CALLER         msg.sender → topic 1
 *   7f <32 B>    PUSH32 keccak256("Transfer(address,address,uint256)") → topic 0
 *   60 20        PUSH1 0x20     log data size
 *   60 00        PUSH1 0x00     log data offset
 *   a3           LOG3           LOG3(offset, size, topic0, topic1, topic2): EIP-20's Transfer(from, to, value)
 *   00           STOP
 *
 * 50 bytes (0x32). The init code copies it into memory and returns it:
 *
 *   60 32  PUSH1 0x32 (length)   60 0c  PUSH1 0x0c (its offset: the init code's length)
 *   60 00  PUSH1 0x00 (memory)   39     CODECOPY
 *   60 32  PUSH1 0x32            60 00  PUSH1 0x00     f3  RETURN
 */
const TRANSFER_TOPIC = 'ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
const RUNTIME = `6020602060003760003533` + `7f${TRANSFER_TOPIC}` + `60206000a300`;
const INIT = `6032600c60003960326000f3`;
export const EMITTER_BYTECODE = `0x${INIT}${RUNTIME}`;
/** A runtime that always reverts (PUSH1 0, PUSH1 0, REVERT): a value sent to it fails. */
const REVERTER_BYTECODE = '0x600580600b6000396000f3' + '60006000fd';

export interface SentTransfer {
  hash: string;
  from: string;
  to: string;
  value: bigint;
  ok: boolean;
  block: number;
}

export interface DevChain {
  url: string;
  /** Every transaction's native transfer (value 0 for deployments and calls). */
  native: SentTransfer[];
  /** The emitter's Transfer events: from = the caller, to and value from the call. */
  tokens: (SentTransfer & { token: string; logIndex: number })[];
  latest: number;
  close(): Promise<void>;
}

const word = (hex: string) => hex.replace(/^0x/, '').padStart(64, '0');

/**
 * Starts the chain and sends the activity. Runs for a second or two.
 * @example const dev = await startDevChain(); … ingest dev.url --from 0 --to dev.latest … await dev.close();
 */
export async function startDevChain(): Promise<DevChain> {
  const server = ganache.server({ logging: { quiet: true }, wallet: { deterministic: true, totalAccounts: 4 }, chain: { chainId: 1, vmErrorsOnRPCResponse: false } });
  await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${server.address().port}`;
  let id = 1;
  const rpc = async <T>(method: string, params: unknown[] = []): Promise<T> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: id++, method, params }) });
    const answer = (await res.json()) as { result?: T; error?: { message: string } };
    if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
    return answer.result as T;
  };
  const accounts = await rpc<string[]>('eth_accounts');
  const [alice, bob, carol] = accounts as [string, string, string];
  const native: SentTransfer[] = [];
  const tokens: DevChain['tokens'] = [];
  const send = async (tx: { from: string; to?: string; value?: bigint; data?: string }) => {
    const hash = await rpc<string>('eth_sendTransaction', [{ from: tx.from, ...(tx.to ? { to: tx.to } : {}), value: `0x${(tx.value ?? 0n).toString(16)}`, ...(tx.data ? { data: tx.data } : {}), gas: '0x100000' }]);
    const receipt = await rpc<{ status: string; contractAddress: string | null; blockNumber: string }>('eth_getTransactionReceipt', [hash]);
    const to = (tx.to ?? receipt.contractAddress)!.toLowerCase();
    native.push({ hash, from: tx.from.toLowerCase(), to, value: tx.value ?? 0n, ok: receipt.status === '0x1', block: Number(receipt.blockNumber) });
    return { hash, to, block: Number(receipt.blockNumber) };
  };

  await send({ from: alice, to: bob, value: 10n ** 18n });
  await send({ from: bob, to: carol, value: 123_456_789n });
  await send({ from: carol, to: alice, value: 0n });
  const emitter = (await send({ from: alice, data: EMITTER_BYTECODE })).to;
  const reverter = (await send({ from: alice, data: REVERTER_BYTECODE })).to;
  await send({ from: bob, to: reverter, value: 7n }); // fails: the value does not move
  for (const [from, to, value] of [
    [alice, bob, 5_000_000n],
    [bob, carol, 2n ** 200n + 1n], // beyond 2^53 and 2^64: kept exact
    [carol, alice, 1n],
  ] as [string, string, bigint][]) {
    const call = await send({ from, to: emitter, data: `0x${word(to)}${word(value.toString(16))}` });
    tokens.push({ hash: call.hash, from: from.toLowerCase(), to: to.toLowerCase(), value, ok: true, block: call.block, token: emitter, logIndex: 0 });
  }
  const latest = Number(BigInt(await rpc<string>('eth_blockNumber')));
  return { url, native, tokens, latest, close: () => server.close() };
}
