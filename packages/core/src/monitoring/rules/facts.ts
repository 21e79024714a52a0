/**
 * @module monitoring/rules/facts
 * Facts several rules read off an event or a customer record: the yen value an event moves, the
 * countries a customer declares, whether a party is Russia- or Belarus-linked. Kept in one place
 * so that two rules never disagree on what "declared in Japan" or "Russian-linked" means.
 */
import type { Customer, Party } from '../../customers/schema.ts';
import type { SekishoEvent } from '../../events/schema.ts';

/** Countries whose links the Russia-evasion rules look for (research/monitoring.md rules 10, 13, 30). */
export const RUSSIA_LINKED = new Set(['RU', 'BY']);

/** The yen value the event moves, where the sender gave it. */
export function amountJpy(event: SekishoEvent): number | undefined {
  if (event.type === 'deposit.detected' || event.type === 'withdrawal.requested' || event.type === 'trade' || event.type === 'fiat.transfer') return event.data.amountJpy;
  return undefined;
}

/** Countries a party declares: residence or jurisdiction, nationalities, address countries. */
export function declaredCountries(party: Customer | Party | undefined): string[] {
  if (!party) return [];
  const out = new Set<string>();
  if (party.type === 'person') {
    if (party.residence) out.add(party.residence);
    for (const n of party.nationalities ?? []) out.add(n);
  } else if (party.jurisdiction) out.add(party.jurisdiction);
  for (const a of party.addresses ?? []) out.add(a.country);
  return [...out];
}

/** Where the party lives or is registered (residence, else jurisdiction, else its first address). */
export function homeCountry(party: Customer | Party | undefined): string | undefined {
  if (!party) return undefined;
  if (party.type === 'person' && party.residence) return party.residence;
  if (party.type === 'legal' && party.jurisdiction) return party.jurisdiction;
  return party.addresses?.[0]?.country;
}

/** The Russia- or Belarus-linked countries among what a party declares (nationality, residence, registration, addresses). */
export function russiaLinks(party: Customer | Party | undefined): string[] {
  return declaredCountries(party).filter((c) => RUSSIA_LINKED.has(c));
}

/** The primary name of a party. */
export function primaryName(party: Customer | Party): string {
  return (party.names.find((n) => n.kind === 'primary') ?? party.names[0]!).name;
}

/** Months between two ISO dates (partial dates read as their first day). */
export function monthsBetween(from: string, to: string): number {
  const a = new Date(from.length === 4 ? `${from}-01-01` : from.length === 7 ? `${from}-01` : from);
  const b = new Date(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) + (b.getUTCDate() - a.getUTCDate()) / 31;
}

export const yen = (n: number): string => `JPY ${Math.round(n).toLocaleString('en-US')}`;
