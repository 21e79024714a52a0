/** @module chain/tron — TRON data (TronGrid TRC-20 history) read into the chain model. */
export { transfersFromTrongridTrc20, type TrongridTrc20Answer, type TrongridTrc20Entry, type TrongridTransfers } from './trongrid.ts';
