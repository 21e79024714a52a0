/**
 * @module events/schema
 * The events an exchange posts to `POST /v1/events` (docs/events.md): an envelope with a
 * client-chosen id (the idempotency key) and a type, and a `data` object per type. Strict
 * objects throughout: an unknown field is refused, never silently dropped, because a field
 * the sender thinks we screen and we ignore is a gap nobody sees.
 */
import { CHAINS } from '../addresses/types.ts';
import { z } from 'zod';
import { CustomerSchema, PartySchema } from '../customers/schema.ts';

export const EVENT_TYPES = ['customer.onboarded', 'customer.updated', 'login', 'deposit.detected', 'withdrawal.requested', 'trade', 'fiat.transfer'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const Id = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:@-]+$/, 'letters, digits and . _ : @ - only');
const Amount = z.string().regex(/^(0|[1-9]\d{0,29})(\.\d{1,18})?$/, 'a decimal number as a string, e.g. "0.015"').describe('Decimal amount as a string (no float rounding)');
const AmountJpy = z.number().nonnegative().finite().describe('The amount’s value in Japanese yen at the time, for thresholds such as FEFTA Art. 55 reports');
const Chain = z.enum(CHAINS).describe('The chain the address or transaction is on');
const Asset = z.string().min(1).max(20).regex(/^[A-Za-z0-9.-]+$/).describe('Ticker of the asset moved, e.g. BTC, ETH, USDT');
const Address = z.string().trim().min(1).max(200).describe('A blockchain address, in any case the chain allows');

export const VaspSchema = z
  .strictObject({
    name: z.string().min(1).max(300).describe('The VASP’s legal name (IVMS101 legalPerson.name)'),
    lei: z.string().regex(/^[A-Z0-9]{20}$/).optional().describe('Legal Entity Identifier (ISO 17442)'),
    country: z.string().length(2).toUpperCase().optional().describe('Country of registration, ISO 3166-1 alpha-2'),
  })
  .meta({ id: 'Vasp' });

const CustomerData = z.strictObject({ customer: CustomerSchema });

const LoginData = z.strictObject({
  ip: z.union([z.ipv4(), z.ipv6()]).describe('The client’s IP address'),
  deviceId: z.string().min(1).max(200).optional(),
  userAgent: z.string().max(1000).optional(),
  browserLanguage: z.string().max(100).optional().describe('Accept-Language or navigator.language, e.g. ja-JP'),
  timeZone: z.string().max(64).optional().describe('IANA time zone of the client, e.g. Asia/Tokyo'),
  success: z.boolean().optional(),
  channel: z.enum(['web', 'app', 'api', 'stratum', 'pool-dashboard']).optional().describe('Where the session came from: the website, the app, an API key, a miner’s stratum connection or the pool dashboard'),
});

const Ivms101 = z
  .record(z.string(), z.unknown())
  .describe('The travel-rule payload as exchanged with the other VASP, in IVMS101’s JSON form (originator, beneficiary, originatingVASP, beneficiaryVASP). Read by the travel-rule rules; a payload that does not follow IVMS101 is reported as incomplete, not refused');

const DepositData = z.strictObject({
  chain: Chain,
  asset: Asset,
  txHash: z.string().min(1).max(200),
  sourceAddresses: z.array(Address).min(1).max(1000).describe('The addresses the funds came from (the inputs, or the sender of an account transfer)'),
  depositAddress: Address.optional().describe('The exchange’s deposit address that received the funds'),
  amount: Amount,
  amountJpy: AmountJpy.optional(),
  originator: PartySchema.optional().describe('Who sent the funds (travel rule: IVMS101 originator), when known'),
  originatorVasp: VaspSchema.optional().describe('The VASP the funds came from, if any (travel rule)'),
  selfHosted: z.boolean().optional().describe('The funds came from an unhosted wallet'),
  ivms101: Ivms101.optional(),
});

const WithdrawalData = z.strictObject({
  chain: Chain,
  asset: Asset,
  destinationAddress: Address,
  amount: Amount,
  amountJpy: AmountJpy.optional(),
  beneficiary: PartySchema.optional().describe('Who receives the funds (travel rule: IVMS101 beneficiary); the customer when withdrawing to their own wallet'),
  beneficiaryVasp: VaspSchema.optional().describe('The VASP holding the destination wallet, if any (travel rule)'),
  selfHosted: z.boolean().optional().describe('The destination is an unhosted wallet'),
  ivms101: Ivms101.optional(),
});

const TradeData = z.strictObject({
  market: z.string().min(3).max(40).describe('e.g. BTC/JPY'),
  side: z.enum(['buy', 'sell']),
  amount: Amount,
  price: Amount,
  amountJpy: AmountJpy.optional(),
  counterpartyCustomerId: Id.optional().describe('The other side’s customer id, when the exchange matches customers against each other'),
});

const FiatData = z.strictObject({
  direction: z.enum(['in', 'out']),
  amount: Amount,
  currency: z.string().regex(/^[A-Z]{3}$/).describe('ISO 4217 currency code'),
  amountJpy: AmountJpy.optional(),
  counterparty: PartySchema.optional().describe('The account holder on the other side'),
  bank: z
    .strictObject({
      name: z.string().min(1).max(300),
      country: z.string().length(2).toUpperCase().optional(),
      bic: z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/).optional(),
    })
    .optional(),
  accountNumber: z.string().max(64).optional(),
  counterpartyCustomerId: Id.optional().describe('The other side’s customer id, when the transfer is between two customers of the exchange (or of the same bank ledger)'),
});

const envelope = {
  id: Id.describe('Client-chosen event id; posting the same id again returns the first decision and changes nothing'),
  occurredAt: z.iso.datetime({ offset: true }).optional().describe('When it happened at the exchange (default: when received)'),
};

export const EventSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ ...envelope, type: z.literal('customer.onboarded'), customerId: Id.optional(), data: CustomerData }),
    z.strictObject({ ...envelope, type: z.literal('customer.updated'), customerId: Id.optional(), data: CustomerData }),
    z.strictObject({ ...envelope, type: z.literal('login'), customerId: Id, data: LoginData }),
    z.strictObject({ ...envelope, type: z.literal('deposit.detected'), customerId: Id, data: DepositData }),
    z.strictObject({ ...envelope, type: z.literal('withdrawal.requested'), customerId: Id, data: WithdrawalData }),
    z.strictObject({ ...envelope, type: z.literal('trade'), customerId: Id, data: TradeData }),
    z.strictObject({ ...envelope, type: z.literal('fiat.transfer'), customerId: Id, data: FiatData }),
  ])
  .meta({ id: 'Event' });
export type SekishoEvent = z.infer<typeof EventSchema>;

export const DECISIONS = ['allow', 'review', 'hold', 'block', 'freeze'] as const;
export type Decision = (typeof DECISIONS)[number];

export const ReasonSchema = z
  .object({
    check: z.string().describe('Which check: sanctions.name, sanctions.wallet, sanctions.customer-status, sanctions.wallet-formerly-listed, attribution.tag'),
    outcome: z.enum(DECISIONS).describe('What this reason alone would decide'),
    severity: z.enum(['confirmed', 'possible']).optional(),
    party: z.object({ key: z.string(), role: z.string(), name: z.string() }).optional(),
    entityId: z.string().optional(),
    caption: z.string().optional(),
    source: z.string().optional(),
    listVersion: z.number().int().optional(),
    programs: z.array(z.string()).optional(),
    score: z.number().optional(),
    rule: z.number().int().optional().describe('Monitoring rules (check rule.<id>): the rule’s number in the catalogue of docs/monitoring.md'),
    report: z.string().optional().describe('A regulatory report this reason asks for: fefta-art55, fsa-mof-post-transfer, asset-freeze, str'),
    detail: z.string(),
  })
  .meta({ id: 'Reason' });

export const DecisionSchema = z
  .object({
    eventId: z.string(),
    type: z.enum(EVENT_TYPES),
    customerId: z.string().nullable(),
    decision: z.enum(DECISIONS).describe('allow: go ahead · review: go ahead, an analyst looks later · hold: do not execute until an analyst clears it · block: refuse · freeze: refuse and freeze the customer’s assets (FEFTA)'),
    reasons: z.array(ReasonSchema),
    alerts: z.array(z.object({ id: z.number().int(), created: z.boolean(), severity: z.enum(['confirmed', 'possible']), entityId: z.string() })),
    lists: z.array(z.object({ source: z.string(), version: z.number().int() })).describe('The list versions the decision was made with'),
    receivedAt: z.string(),
    replayed: z.boolean().describe('True when this id was seen before and this is the first decision, returned again'),
    monitoring: z
      .object({
        configVersion: z.number().int().describe('The monitoring configuration version the decision used (0: the rules’ defaults)'),
        evaluated: z.number().int().describe('How many rules ran for this event type'),
        hits: z.array(z.object({ rule: z.string(), no: z.number().int(), outcome: z.enum(DECISIONS), score: z.number() })),
        typologies: z.array(z.object({ id: z.string(), score: z.number(), outcome: z.enum(DECISIONS) })),
      })
      .optional()
      .describe('The monitoring rules that ran: their reasons are in `reasons` (check rule.<id>, typology.<id>)'),
  })
  .meta({ id: 'Decision' });
export type DecisionAnswer = z.infer<typeof DecisionSchema>;
