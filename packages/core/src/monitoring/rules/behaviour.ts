/**
 * @module monitoring/rules/behaviour
 * The behavioural typologies of the rule catalogue (research/monitoring.md §3.2 group D and rule
 * 32): structuring (24), pass-through (25), fan-in and fan-out (26), profile deviation (27:
 * volume against the profile, a new account's large first deposits, a dormant account waking),
 * velocity and repeat counterparties (28), and the relay account of a nested service (32). They
 * are alerts, not stops: each hit asks for review, scored by how far past its threshold the
 * customer went. Every rule reads only the context (the customer's 30 days of activities, the
 * window aggregates, the KYC record); the parameters, their defaults and the reasoning behind
 * each are in the rule's own module.
 */
import type { RuleDefinition } from '../types.ts';
import { fanIn, fanOut } from './behaviour-fan.ts';
import { passThrough } from './behaviour-passthrough.ts';
import { dormantReactivation, newAccountLargeDeposit, profileVolume } from './behaviour-profile.ts';
import { relayAccount } from './behaviour-relay.ts';
import { structuring } from './behaviour-structuring.ts';
import { repeatCounterparty, velocity } from './behaviour-velocity.ts';

export { fanIn, fanOut } from './behaviour-fan.ts';
export { passThrough } from './behaviour-passthrough.ts';
export { dormantReactivation, newAccountLargeDeposit, profileVolume, type DormancyContext } from './behaviour-profile.ts';
export { relayAccount } from './behaviour-relay.ts';
export { structuring } from './behaviour-structuring.ts';
export { repeatCounterparty, velocity } from './behaviour-velocity.ts';

export const BEHAVIOUR_RULES: readonly RuleDefinition<any>[] = [
  structuring,
  passThrough,
  fanIn,
  fanOut,
  profileVolume,
  newAccountLargeDeposit,
  dormantReactivation,
  velocity,
  repeatCounterparty,
  relayAccount,
];
