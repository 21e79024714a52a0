/**
 * @module customers
 * Customer records as an exchange's KYC holds them (natural and legal persons with owners and
 * directors), and the parties and wallets each record gives to screen.
 */
export * from './schema.ts';
export * from './parties.ts';
