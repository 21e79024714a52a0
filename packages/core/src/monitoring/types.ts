/**
 * @module monitoring/types
 * The shapes of transaction monitoring (issue 7): a rule is a small pure function of an event and
 * a context (the customer's profile and history, linked parties, enrichments) that returns a
 * result with its rule id, whether it hit, the outcome it decides alone, a score contribution,
 * reasons and evidence. Typologies weigh rule results into a score; the policy maps scores and
 * hard conditions to allow, review, hold, block or freeze. Rule numbers are those of the rule
 * catalogue in research/monitoring.md §3.2, which cites the regulatory source of each.
 */
import type { z } from 'zod';
import type { Customer } from '../customers/schema.ts';
import type { Finding } from '../events/findings.ts';
import type { Decision, EventType, SekishoEvent } from '../events/schema.ts';
import type { Exposure } from '../exposure/types.ts';
import type { GraphFindings } from './graph.ts';

export type RuleFamily = 'screening' | 'geography' | 'reporting' | 'counterparty' | 'behaviour' | 'network' | 'mining';

/** A regulatory report a hit asks for (research/monitoring.md rule 39). */
export type ReportTask = 'fefta-art55' | 'fsa-mof-post-transfer' | 'asset-freeze' | 'str';

export interface RuleResult {
  /** The rule's id, e.g. `structuring`. */
  rule: string;
  /** Its number in the catalogue (research/monitoring.md §3.2). */
  no: number;
  /** What the rule alone decides: `allow` when it did not hit. */
  outcome: Decision;
  /** 0..1: how strongly the rule fired; typologies multiply it by their weight. */
  score: number;
  /** Sentences an analyst reads: what was seen, against which threshold. */
  reasons: string[];
  /** The values the rule looked at (amounts, counts, ids), for the audit and the backtest. */
  evidence: Record<string, unknown>;
  report?: ReportTask;
  /** false when the hit mirrors findings that already raised their own alerts (sanctions screening). */
  alert?: false;
}

/** An activity of a customer, as the sliding-window aggregates and the pattern rules see it. */
export interface Activity {
  eventId: string;
  type: EventType;
  /** ISO 8601 instant (the event's occurredAt, else when it was received). */
  at: string;
  /** in: value came to the customer; out: value left; none: a login, a trade, a record change. */
  flow: 'in' | 'out' | 'none';
  /** Value in yen where known. */
  amountJpy?: number;
  asset?: string;
  /** Who or what is on the other side: a wallet key, a counterparty customer id, a bank account. */
  counterparty?: string;
  /** The counterparty is a foreign VASP, a self-hosted wallet, a customer of this exchange … */
  counterpartyKind?: 'vasp' | 'self-hosted' | 'customer' | 'bank' | 'wallet';
  counterpartyCountry?: string;
  ip?: string;
  ipCountry?: string;
  device?: string;
}

/** Counts and sums over one window ending at the event (the event itself included). */
export interface WindowAggregate {
  count: number;
  inCount: number;
  outCount: number;
  inJpy: number;
  outJpy: number;
  distinctCounterparties: number;
  distinctInCounterparties: number;
  distinctOutCounterparties: number;
  distinctIps: number;
  distinctDevices: number;
}

export const WINDOWS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type WindowName = keyof typeof WINDOWS;
/**
 * How far back a customer's history reaches: the longest window and five days more. Monthly
 * business (a payroll on the 25th, rent) comes back every 28 to 34 days once weekends and
 * holidays move it; with only the 30 days of the longest window, each month's run would look
 * like the customer's first, and the rules that compare a burst with the customer's own past
 * (fan-in and fan-out, rule 26) would flag every payday. Rules that speak of 30 days bound
 * their sums by time, not by the history's length.
 */
export const HISTORY_MS = 35 * 86_400_000;

/** What region-level IP geolocation and the anonymiser lists say about an IP. */
export interface GeoInfo {
  ip: string;
  /** ISO 3166-1 alpha-2, or undefined when the database does not know the address. */
  country?: string;
  /** ISO 3166-2 code, e.g. UA-43 (Crimea), when the database knows the region. */
  region?: string;
  regionName?: string;
  city?: string;
  asn?: number;
  asnOrg?: string;
  tor?: boolean;
  /** The ASN is on the hosting or VPN list. */
  hosting?: boolean;
  vpn?: boolean;
  /** Why nothing is known: the IP did not parse, no database is configured … */
  unknown?: string;
}

/** Another customer sharing an identifier with this one (the link graph, rule 29). */
export interface LinkedCustomer {
  customerId: string;
  /** What they share: ip, device, phone, email, bank-account, withdrawal-address, deposit-address. */
  via: string[];
  name?: string;
  status?: string;
  /** The linked customer is Russia- or Belarus-linked (nationality, residence, registration). */
  russiaLinked?: boolean;
  offboarded?: boolean;
}

/** Aggregated sanctioned ownership of a legal person under one regime's rule (rule 6). */
export interface OwnershipResult {
  profile: 'ofac' | 'eu' | 'uk';
  /** Aggregated share (0..100) held by sanctioned persons, directly and through chains of owners. */
  share: number;
  /** At or over the regime's threshold: the entity counts as designated. */
  blocked: boolean;
  /** Under the threshold but at or over the near-miss share. */
  nearMiss: boolean;
  /** The sanctioned persons and the share each contributes, with the chain it flows through. */
  holders: { name: string; entityId?: string; share: number; path: string[] }[];
}

/** Everything a rule may look at besides the event. Built by the server; pure values here. */
export interface MonitoringContext {
  /** The event's instant (occurredAt, else received). */
  at: string;
  customer?: Customer;
  /** When the customer was first seen (onboarding), ISO 8601. */
  customerSince?: string;
  customerStatus?: string;
  /** The customer's activities before this event, oldest first, at most HISTORY_MS (35 days) back. */
  history: Activity[];
  /** This event as an activity (undefined for events that are no activity). */
  activity?: Activity;
  /** Aggregates over each window ending at this event, this event included. */
  windows: Record<WindowName, WindowAggregate>;
  /** The customer's last transfer or trade before the history (dormancy, rule 27), ISO 8601. */
  lastActivityAt?: string;
  /** What the transfer graph between customers says about this event (rules 25, 26, 28). */
  graph?: GraphFindings;
  /** Geolocation of the event's IP (a login), or of the customer's latest login for transactions. */
  geo?: GeoInfo;
  /** Geolocation of the customer's recent logins (for footprint rules), newest last. */
  recentGeo?: GeoInfo[];
  links: LinkedCustomer[];
  /** What sanctions screening of this event found (names and wallets). */
  findings: Finding[];
  /** List versions the screening used. */
  lists: { source: string; version: number }[];
  exposure?: Exposure;
  ownership?: OwnershipResult[];
  /** Dates (ISO) of recent designations affecting parties related to the customer (rule 33). */
  designations?: { entityId: string; date: string; relatedParty: string }[];
}

export interface RuleDefinition<P = Record<string, unknown>> {
  id: string;
  no: number;
  family: RuleFamily;
  title: string;
  /** The regulatory or published source (research/monitoring.md §3.1 keys, documents). */
  source: string;
  /** The event types it runs on. */
  events: readonly EventType[];
  /** Parameters and their defaults; the schema validates a configuration's values. */
  params: z.ZodType<P>;
  defaults: P;
  /** The outcome a hit decides by default (a configuration may change it). */
  outcome: Decision;
  /** false: a hit raises no alert of its own (the sanctions findings it mirrors raised theirs). */
  alert?: false;
  evaluate(event: SekishoEvent, ctx: MonitoringContext, params: P): Omit<RuleResult, 'rule' | 'no' | 'outcome'> & { outcome?: Decision } | undefined;
}
