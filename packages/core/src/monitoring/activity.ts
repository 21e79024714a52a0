/**
 * @module monitoring/activity
 * What an event contributes to its customer's history (an Activity: flow, yen value, the other
 * side) and which identifiers it links the customer by (IP, device, phone, e-mail, bank account,
 * withdrawal address, deposit addresses): the inputs of the sliding windows and of the link
 * graph. Identifiers are normalised so that trivially different spellings meet: an e-mail's
 * case and a Gmail-style `+tag`, a phone number's punctuation, an EVM address's case.
 */
import type { Customer } from '../customers/schema.ts';
import type { SekishoEvent } from '../events/schema.ts';
import { homeCountry, russiaLinks } from './rules/facts.ts';
import type { Activity, LinkedCustomer } from './types.ts';

export type LinkKind = 'ip' | 'device' | 'phone' | 'email' | 'bank-account' | 'withdrawal-address' | 'deposit-address' | 'deposit-source';

export interface LinkIdentifier {
  kind: LinkKind;
  value: string;
}

/** The instant of an event: its occurredAt, else when it was received. */
export function eventInstant(event: SekishoEvent, receivedAt: string): string {
  return event.occurredAt ? new Date(event.occurredAt).toISOString() : receivedAt;
}

const walletKey = (chain: string, address: string) => `wallet:${chain}:${/^0x[0-9a-f]{40}$/i.test(address) ? address.toLowerCase() : address}`;

/** The event as an activity of its customer; undefined for record changes (they move nothing). */
export function activityFromEvent(event: SekishoEvent, at: string): Activity | undefined {
  const base = { eventId: event.id, type: event.type, at };
  switch (event.type) {
    case 'login':
      return { ...base, flow: 'none', ip: event.data.ip, ...(event.data.deviceId ? { device: event.data.deviceId } : {}) };
    case 'deposit.detected': {
      const d = event.data;
      const country = d.originatorVasp?.country ?? (d.originator ? homeCountry(d.originator) : undefined);
      return {
        ...base,
        flow: 'in',
        asset: d.asset,
        ...(d.amountJpy !== undefined ? { amountJpy: d.amountJpy } : {}),
        counterparty: walletKey(d.chain, d.sourceAddresses[0]!),
        counterpartyKind: d.selfHosted ? 'self-hosted' : d.originatorVasp ? 'vasp' : 'wallet',
        ...(country ? { counterpartyCountry: country } : {}),
      };
    }
    case 'withdrawal.requested': {
      const d = event.data;
      const country = d.beneficiaryVasp?.country ?? (d.beneficiary ? homeCountry(d.beneficiary) : undefined);
      return {
        ...base,
        flow: 'out',
        asset: d.asset,
        ...(d.amountJpy !== undefined ? { amountJpy: d.amountJpy } : {}),
        counterparty: walletKey(d.chain, d.destinationAddress),
        counterpartyKind: d.selfHosted ? 'self-hosted' : d.beneficiaryVasp ? 'vasp' : 'wallet',
        ...(country ? { counterpartyCountry: country } : {}),
      };
    }
    case 'fiat.transfer': {
      const d = event.data;
      const counterparty = d.counterpartyCustomerId ? `customer:${d.counterpartyCustomerId}` : d.accountNumber ? `bank:${d.bank?.bic ?? d.bank?.name ?? ''}:${d.accountNumber}` : d.counterparty ? `party:${d.counterparty.names[0]!.name}` : undefined;
      const country = d.bank?.country ?? (d.counterparty ? homeCountry(d.counterparty) : undefined);
      return {
        ...base,
        flow: d.direction,
        asset: d.currency,
        ...(d.amountJpy !== undefined ? { amountJpy: d.amountJpy } : {}),
        ...(counterparty ? { counterparty, counterpartyKind: d.counterpartyCustomerId ? ('customer' as const) : ('bank' as const) } : {}),
        ...(country ? { counterpartyCountry: country } : {}),
      };
    }
    case 'trade':
      return {
        ...base,
        flow: 'none',
        asset: event.data.market,
        ...(event.data.amountJpy !== undefined ? { amountJpy: event.data.amountJpy } : {}),
        ...(event.data.counterpartyCustomerId ? { counterparty: `customer:${event.data.counterpartyCustomerId}`, counterpartyKind: 'customer' as const } : {}),
      };
    default:
      return undefined;
  }
}

/** An e-mail address as one mailbox: lower case, without a `+tag`, and without dots for Gmail. */
export function normaliseEmail(email: string): string {
  const [local = '', domain = ''] = email.trim().toLowerCase().split('@');
  let l = local.split('+')[0]!;
  if (domain === 'gmail.com' || domain === 'googlemail.com') l = l.replace(/\./g, '');
  return `${l}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
}

/** A phone number as its digits, with a leading + kept (+81 90-1234-5678 → +819012345678). */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  return phone.trim().startsWith('+') ? `+${digits}` : digits;
}

/** The identifiers an event links its customer by. */
export function identifiersOf(event: SekishoEvent): LinkIdentifier[] {
  const out: LinkIdentifier[] = [];
  switch (event.type) {
    case 'login':
      out.push({ kind: 'ip', value: event.data.ip });
      if (event.data.deviceId) out.push({ kind: 'device', value: event.data.deviceId });
      break;
    case 'withdrawal.requested':
      out.push({ kind: 'withdrawal-address', value: walletKey(event.data.chain, event.data.destinationAddress) });
      break;
    case 'deposit.detected':
      if (event.data.depositAddress) out.push({ kind: 'deposit-address', value: walletKey(event.data.chain, event.data.depositAddress) });
      for (const a of event.data.sourceAddresses) out.push({ kind: 'deposit-source', value: walletKey(event.data.chain, a) });
      break;
    case 'fiat.transfer':
      if (event.data.accountNumber) out.push({ kind: 'bank-account', value: `${event.data.bank?.bic ?? event.data.bank?.name ?? ''}:${event.data.accountNumber}` });
      break;
    case 'customer.onboarded':
    case 'customer.updated':
      out.push(...identifiersOfCustomer(event.data.customer));
      break;
  }
  return out;
}

/** The identifiers a customer record declares: phone, e-mail, registered wallets. */
export function identifiersOfCustomer(customer: Customer): LinkIdentifier[] {
  const out: LinkIdentifier[] = [];
  if (customer.phone) out.push({ kind: 'phone', value: normalisePhone(customer.phone) });
  if (customer.email) out.push({ kind: 'email', value: normaliseEmail(customer.email) });
  for (const w of customer.wallets ?? []) out.push({ kind: 'withdrawal-address', value: walletKey(w.chain ?? 'any', w.address) });
  return out;
}

/**
 * Since when the customer is a customer: the account's opening day on its record, or the first
 * record Sekisho received (`firstSeen`), whichever is earlier. A customer imported years after it
 * opened its account is not new.
 * @example customerSince({ ...record, accountOpened: '2019-04-01' }, '2026-11-27T09:00:00.000Z') // '2019-04-01T00:00:00.000Z'
 */
export function customerSince(record: Customer | undefined, firstSeen: string | undefined): string | undefined {
  const opened = record?.accountOpened ? `${record.accountOpened}T00:00:00.000Z` : undefined;
  if (!opened) return firstSeen;
  if (!firstSeen) return opened;
  return Date.parse(opened) < Date.parse(firstSeen) ? opened : firstSeen;
}

/** A customer found through shared identifiers, as rule 29 reads it: its name, status, Russia links and whether the exchange has offboarded it. */
export function linkedCustomer(customerId: string, via: string[], record: Customer | undefined, status?: string): LinkedCustomer {
  return {
    customerId,
    via,
    ...(record ? { name: (record.names.find((n) => n.kind === 'primary') ?? record.names[0]!).name, russiaLinked: russiaLinks(record).length > 0 } : {}),
    ...(record?.offboarded ? { offboarded: true } : {}),
    ...(status ? { status } : {}),
  };
}
