/**
 * @module chain/bitcoin
 * Bitcoin block data into Sekisho's chain model (issue 6): raw serialized blocks, Bitcoin Core's
 * blk*.dat files, and `getblock <hash> 2` RPC JSON; output-script classification and addresses.
 */
export { parseBlock, merkleRoot, type ParseBlockOptions, type ParsedBlock } from './block.ts';
export { blocksFromBlkFile, NETWORK_MAGIC, type BlkBlock, type BlkFileOptions } from './blk-file.ts';
export { parseRpcBlock, type ParseRpcOptions } from './rpc.ts';
export { classifyScript, type ScriptInfo } from './script.ts';
export { CHAIN_PARAMS, base58Address, segwitAddress, type BitcoinLikeChain, type ChainParams } from './address.ts';
export { coinsToUnits } from './amount.ts';
export { bip34Height, coinbaseTag } from './coinbase.ts';
export { sha256d, hash160, toHex, toReversedHex } from './hashes.ts';
