import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hexToBytes } from '@noble/hashes/utils.js';
import { CoreErrors, isSekishoError } from '../../errors.ts';
import { sharedPath } from '../../../test/helpers.ts';
import { merkleRoot, parseBlock } from './block.ts';
import { sha256d, toReversedHex } from './hashes.ts';

const raw = new Uint8Array(readFileSync(sharedPath('chain-analytics/btc_mainnet_block_413567.raw')));
const HASH_413567 = '0000000000000000025aff8be8a55df8f89c77296db6198f272d6577325d4069';

/** The staged copy's transactions hash to this root, not to the header's 64a50c64… (see the report). */
const COMPUTED_ROOT_413567 = '8777d707fb9ca9748b17b4a73a268e8789f8ca58478f615c2359589c12fc35a3';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (isSekishoError(error)) return error.code;
    throw error; // anything else is a crash: the test fails with it
  }
}

/** Mainnet genesis block (block 0), as Core's chainparams build it: its merkle root verifies. */
const GENESIS = hexToBytes(
  '0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c01' +
  '01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000',
);

test('block 413,567: 1,557 transactions, block hash and parent from the header', () => {
  const { block, transactions } = parseBlock(raw, { checkMerkleRoot: false });
  assert.equal(block.hash, HASH_413567);
  assert.equal(block.txCount, 1557);
  assert.equal(transactions.length, 1557);
  assert.equal(block.height, 413567); // from the coinbase's BIP-34 push
  assert.equal(block.time, 1464307123); // 2016-05-27
  assert.match(block.parentHash, /^0{16}[0-9a-f]{48}$/); // a mainnet block hash: proof of work shows in its leading zeros
  for (const tx of transactions) {
    assert.equal(tx.blockHash, HASH_413567);
    assert.equal(tx.blockHeight, 413567);
  }
});

test('block 413,567: the staged copy fails merkle verification (its transactions do not hash to the header root)', () => {
  // The header (hash 0000…4069, real proof of work) says 64a50c64…; these 1,557 transactions give
  // 8777d707…. Our parser and an independent implementation agree, and the same code verifies the
  // genesis block and hand-built segwit blocks below. So the block is rejected, as it must be.
  assert.equal(codeOf(() => parseBlock(raw)), CoreErrors.CHAIN_PARSE.code);
  const { transactions } = parseBlock(raw, { checkMerkleRoot: false });
  const ids = transactions.map((t) => hexToBytes(t.txid).reverse());
  assert.equal(toReversedHex(merkleRoot(ids)), COMPUTED_ROOT_413567);
  // With the root its transactions give, the same bytes pass verification.
  const fixed = raw.slice();
  fixed.set(hexToBytes(COMPUTED_ROOT_413567).reverse(), 36);
  assert.equal(parseBlock(fixed).transactions.length, 1557);
});

test('block 413,567: txids unique and consistent with the block (in-block spends resolve), coinbase first and only', () => {
  const { transactions } = parseBlock(raw, { checkMerkleRoot: false });
  const index = new Map(transactions.map((t) => [t.txid, t.index]));
  assert.equal(index.size, 1557);
  let inBlockSpends = 0;
  for (const tx of transactions) {
    assert.equal(tx.coinbase, tx.index === 0);
    for (const input of tx.inputs) {
      const parent = input.prevTxid === undefined ? undefined : index.get(input.prevTxid);
      if (parent !== undefined) {
        inBlockSpends++;
        assert.ok(parent < tx.index, 'a transaction spends only earlier ones');
      }
    }
    for (const out of tx.outputs) assert.ok(out.value >= 0n);
  }
  // 287 inputs spend outputs of this same block, and each names a txid we computed: the txids are right.
  assert.equal(inBlockSpends, 287);
  const coinbase = transactions[0]!;
  assert.equal(coinbase.inputs.length, 1);
  assert.equal(coinbase.inputs[0]!.prevTxid, undefined);
  assert.equal(coinbase.txid, '5b4aaef3f4e4625d70385ddf0bd2a0b7d7141e4c2fd36d2ff2cad37fff3deb0f');
});

test('block 413,567: output types match Bitcoin Core\'s tally for this block (src/bench/checkblock.cpp)', () => {
  const { transactions } = parseBlock(raw, { checkMerkleRoot: false });
  const tally: Record<string, number> = {};
  for (const tx of transactions) for (const out of tx.outputs) tally[out.type] = (tally[out.type] ?? 0) + 1;
  // Core counts P2PKH 2841, P2SH 737, OP_RETURN 3 over scriptSigs and scriptPubKeys; scriptSigs are never those forms.
  assert.deepEqual(tally, { p2pkh: 2841, p2sh: 737, op_return: 3 });
});

test('block 413,567: coinbase pays 25.31310238 BTC (25 BTC subsidy before the 2016 halving + fees) with F2Pool\'s tag', () => {
  const { transactions } = parseBlock(raw, { checkMerkleRoot: false });
  const coinbase = transactions[0]!;
  const total = coinbase.outputs.reduce((s, o) => s + o.value, 0n);
  assert.equal(total, 2_531_310_238n);
  assert.ok(total >= 2_500_000_000n);
  assert.equal(coinbase.outputs[0]!.address, '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY');
  assert.ok(coinbase.coinbaseTag);
  assert.match(coinbase.coinbaseTag, /Mined by chenguanghai/);
  console.log(`coinbase tag of block 413,567: ${JSON.stringify(coinbase.coinbaseTag)}`);
  for (const tx of transactions.slice(1)) assert.equal(tx.coinbaseTag, undefined);
});

test('genesis block: hash, merkle root verified, P2PK output with the P2PKH address explorers show, the Times headline', () => {
  const { block, transactions } = parseBlock(GENESIS, { height: 0 });
  assert.equal(block.hash, '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f');
  assert.equal(block.height, 0);
  assert.equal(block.parentHash, '0'.repeat(64));
  const [tx] = transactions;
  assert.equal(tx!.txid, '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b');
  assert.equal(tx!.outputs[0]!.type, 'p2pk');
  assert.equal(tx!.outputs[0]!.address, '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
  assert.equal(tx!.outputs[0]!.value, 5_000_000_000n);
  assert.match(tx!.coinbaseTag!, /The Times 03\/Jan\/2009 Chancellor on brink of second bailout for banks/);
});

test('genesis block without a height: version 1 has no BIP-34 push, so the height is unknown (-1)', () => {
  assert.equal(parseBlock(GENESIS).block.height, -1);
});

/** A block of a BIP-34 coinbase and the given transactions, with the right merkle root. */
function buildBlock(height: number, txs: Uint8Array[]): Uint8Array {
  const h = [height & 0xff, (height >> 8) & 0xff, (height >> 16) & 0xff];
  const script = new Uint8Array([3, ...h, ...new TextEncoder().encode('/test pool/')]);
  const coinbase = new Uint8Array([
    1, 0, 0, 0, 1, ...new Uint8Array(32), 0xff, 0xff, 0xff, 0xff, script.length, ...script, 0xff, 0xff, 0xff, 0xff,
    1, 0, 0xf2, 0x05, 0x2a, 1, 0, 0, 0, 22, 0x00, 0x14, ...new Uint8Array(20).fill(0x11), 0, 0, 0, 0,
  ]);
  const all = [coinbase, ...txs];
  const ids = all.map((t, i) => (i === 0 ? sha256d(t) : txidOf(t)));
  const header = new Uint8Array(80);
  header.set([0, 0, 0, 0x20]); // version 0x20000000 (BIP-9)
  header.set(merkleRoot(ids), 36);
  const body = all.reduce((n, t) => n + t.length, 0);
  const out = new Uint8Array(80 + 1 + body);
  out.set(header);
  out[80] = all.length;
  let p = 81;
  for (const t of all) { out.set(t, p); p += t.length; }
  return out;
}

/** BIP-143's native P2WPKH example: unsigned (txid serialization) and signed (with witness). */
const BIP143_UNSIGNED = '0100000002fff7f7881a8099afa6940d42d1e7f6362bec38171ea3edf433541db4e4ad969f0000000000eeffffffef51e1b804cc89d182d279655c3aa89e815b1b309fe287d9b2b55d57b90ec68a0100000000ffffffff02202cb206000000001976a9148280b37df378db99f66f85c95a783a76ac7a6d5988ac9093510d000000001976a9143bde42dbee7e4dbe6a21b2d50ce2f0167faa815988ac11000000';
const BIP143_SIGNED = '01000000000102fff7f7881a8099afa6940d42d1e7f6362bec38171ea3edf433541db4e4ad969f00000000494830450221008b9d1dc26ba6a9cb62127b02742fa9d754cd3bebf337f7a55d114c8e5cdd30be022040529b194ba3f9281a99f2b1c0a19c0489bc22ede944ccf4ecbab4cc618ef3ed01eeffffffef51e1b804cc89d182d279655c3aa89e815b1b309fe287d9b2b55d57b90ec68a0100000000ffffffff02202cb206000000001976a9148280b37df378db99f66f85c95a783a76ac7a6d5988ac9093510d000000001976a9143bde42dbee7e4dbe6a21b2d50ce2f0167faa815988ac000247304402203609e17b84f6a7d30c80bfa610b5b4542f32a8a0d5447a12fb1366d7f01cc44a0220573a954c4518331561406f90300e8f3358f51928d43c212a8caed02de67eebee0121025476c2e83188368da1ff3e292e7acafcdb3566bb0ad253f62fc70f07aeee635711000000';

/** Bytes of BIP143_SIGNED's witnesses: input 0 none (00), input 1 two items (02 47 <sig> 21 <key>). */
const BIP143_WITNESS_BYTES = 1 + 1 + 1 + 0x47 + 1 + 0x21;

/** The test's own witness stripping (BIP-144 layout), independent of the parser. */
function stripWitness(tx: Uint8Array): Uint8Array {
  const end = tx.length - 4 - BIP143_WITNESS_BYTES;
  return new Uint8Array([...tx.subarray(0, 4), ...tx.subarray(6, end), ...tx.subarray(tx.length - 4)]);
}

function txidOf(tx: Uint8Array): Uint8Array {
  return sha256d(tx[4] === 0 && tx[5] === 1 ? stripWitness(tx) : tx);
}

test('segwit (BIP-144): the txid excludes marker, flag and witnesses; the block\'s merkle root verifies', () => {
  const block = buildBlock(840_000, [hexToBytes(BIP143_SIGNED)]);
  const { block: info, transactions } = parseBlock(block);
  assert.equal(info.height, 840_000);
  const tx = transactions[1]!;
  assert.equal(tx.txid, toReversedHex(sha256d(stripWitness(hexToBytes(BIP143_SIGNED)))));
  assert.equal(tx.txid, 'e8151a2af31c368a35053ddd4bdb285a8595c769a3ad83e0fa02314a602d4609');
  // The hash of the full serialization is the wtxid (BIP-141), which other implementations report for
  // this example (Trust Wallet Core's BIP-143 signing test); the txid must not be it.
  assert.equal(toReversedHex(sha256d(hexToBytes(BIP143_SIGNED))), 'c36c38370907df2324d9ce9d149d191192f338b37665a82e78e76a12c909b762');
  assert.notEqual(tx.txid, 'c36c38370907df2324d9ce9d149d191192f338b37665a82e78e76a12c909b762');
  assert.notEqual(tx.txid, toReversedHex(sha256d(hexToBytes(BIP143_UNSIGNED)))); // input 0 was signed since
  assert.equal(tx.inputs.length, 2);
  assert.equal(tx.inputs[1]!.scriptSig, ''); // the P2WPKH input signs in its witness
  assert.deepEqual(tx.outputs.map((o) => o.value), [112_340_000n, 223_450_000n]);
  assert.equal(transactions[0]!.coinbaseTag, '/test pool/');
  assert.equal(transactions[0]!.outputs[0]!.type, 'p2wpkh');
});

test('truncation anywhere → CHAIN_TRUNCATED with the byte offset; the first 500,000 bytes of 413,567 likewise', () => {
  const cut = raw.subarray(0, 500_000);
  try {
    parseBlock(cut);
    assert.fail('a cut-off block must not parse');
  } catch (error) {
    assert.ok(isSekishoError(error, CoreErrors.CHAIN_TRUNCATED.code));
    assert.equal(typeof error.details.offset, 'number');
    assert.ok((error.details.offset as number) <= 500_000);
  }
  const segwit = buildBlock(1, [hexToBytes(BIP143_SIGNED)]);
  for (const n of [0, 1, 79, 80, 81, 85, 120, 200, segwit.length - 40, segwit.length - 1]) {
    assert.equal(codeOf(() => parseBlock(segwit.subarray(0, n))), CoreErrors.CHAIN_TRUNCATED.code, `cut at ${n}`);
  }
  for (let n = 0; n < 2000; n += 37) assert.equal(codeOf(() => parseBlock(raw.subarray(0, n))), CoreErrors.CHAIN_TRUNCATED.code);
});

test('impossible values → CHAIN_PARSE: huge counts, non-canonical CompactSize, trailing bytes, altered transactions', () => {
  const base = buildBlock(1, [hexToBytes(BIP143_SIGNED)]);
  const withCount = (bytes: number[]) => { const b = new Uint8Array(81 + bytes.length + 100); b.set(base.subarray(0, 80)); b.set(bytes, 80); return b; };
  assert.equal(codeOf(() => parseBlock(withCount([0xfe, 0xff, 0xff, 0xff, 0x00]))), CoreErrors.CHAIN_PARSE.code); // 16M transactions
  assert.equal(codeOf(() => parseBlock(withCount([0xff, 1, 0, 0, 0, 0, 0, 0, 1]))), CoreErrors.CHAIN_PARSE.code);
  assert.equal(codeOf(() => parseBlock(withCount([0xfd, 0x02, 0x00]))), CoreErrors.CHAIN_PARSE.code); // non-canonical
  assert.equal(codeOf(() => parseBlock(withCount([0x00]))), CoreErrors.CHAIN_PARSE.code); // no transactions
  // > 4M witness items in the segwit transaction's first witness.
  const signed = hexToBytes(BIP143_SIGNED);
  const witnessAt = signed.length - 4 - BIP143_WITNESS_BYTES; // first witness count (input 0: empty)
  assert.equal(signed[witnessAt], 0);
  const items = new Uint8Array([...signed.subarray(0, witnessAt), 0xfe, 0x01, 0x09, 0x3d, 0x00, ...signed.subarray(witnessAt + 1)]);
  assert.equal(codeOf(() => parseBlock(buildBlock(1, [items]), { checkMerkleRoot: false })), CoreErrors.CHAIN_PARSE.code);
  const trailing = new Uint8Array(base.length + 1);
  trailing.set(base);
  assert.equal(codeOf(() => parseBlock(trailing)), CoreErrors.CHAIN_PARSE.code);
  const altered = base.slice();
  altered[altered.length - 30]! ^= 1; // a witness byte: the txid, and so the root, do not change
  assert.equal(parseBlock(altered).transactions.length, 2);
  const alteredBody = base.slice();
  alteredBody[base.length - 200]! ^= 1; // an output value: the txid changes, the root no longer matches
  assert.equal(codeOf(() => parseBlock(alteredBody)), CoreErrors.CHAIN_PARSE.code);
  assert.equal(codeOf(() => parseBlock(new Uint8Array([...GENESIS, 0]))), CoreErrors.CHAIN_PARSE.code);
});

test('random bytes → an error code, never a crash', () => {
  let seed = 0x2545f491;
  const rand = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) & 0xff; };
  const codes = new Set<string>();
  for (let i = 0; i < 500; i++) {
    const bytes = Uint8Array.from({ length: 90 + (i * 37) % 3000 }, rand);
    if (i % 3 === 0) bytes.set(raw.subarray(0, 84)); // a real header and count, random transactions
    const code = codeOf(() => parseBlock(bytes));
    assert.ok(code, 'random bytes must not parse');
    codes.add(code);
  }
  for (const code of codes) assert.ok([CoreErrors.CHAIN_PARSE.code, CoreErrors.CHAIN_TRUNCATED.code].includes(code as never));
  assert.equal(codeOf(() => parseBlock('not bytes' as unknown as Uint8Array)), CoreErrors.CHAIN_FORMAT.code);
  assert.equal(codeOf(() => parseBlock(GENESIS, { chain: 'dogecoin' as never })), CoreErrors.CHAIN_FORMAT.code);
});
