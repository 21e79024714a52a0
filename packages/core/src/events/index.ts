/**
 * @module events
 * The events an exchange posts, what the sanctions checks find about the parties and wallets an
 * event names, and the decision those findings make.
 */
export * from './schema.ts';
export * from './findings.ts';
export * from './decision.ts';
export * from './exposure.ts';
