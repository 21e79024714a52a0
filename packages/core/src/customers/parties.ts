/**
 * @module customers/parties
 * Turns a customer record into the parties sanctions screening runs on: the customer, each
 * beneficial owner down the ownership chain, each director; and its registered wallets in the
 * form lookups compare on. The party keys are stable across revisions of the record ('self',
 * 'owner:0.1', 'director:2'), so an alert raised for an owner is found again when the record is
 * re-sent, and counterparties named in events get a key derived from what identifies them.
 * FATF Recommendation 10 and Japan's Act on Prevention of Transfer of Criminal Proceeds (Art. 4)
 * make beneficial owners and representatives part of customer due diligence: they are screened
 * like the customer.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Chain } from '../addresses/types.ts';
import { validate } from '../addresses/validate.ts';
import { canonicalJson } from '../model/index.ts';
import type { ScreeningQuery } from '../screening/types.ts';
import { MAX_OWNERSHIP_DEPTH, type Customer, type Party } from './schema.ts';
import type { PartyRole, ScreenedParty } from '../events/findings.ts';

type NamedRecord = Customer | Party;
type LegalLike = Extract<NamedRecord, { type: 'legal' }>;
type PersonLike = Extract<NamedRecord, { type: 'person' }>;

/** Adds unique, non-empty values in order. */
function addUnique(into: string[], seen: Set<string>, value: string | undefined): void {
  const v = value?.trim();
  if (!v || seen.has(v)) return;
  seen.add(v);
  into.push(v);
}

/**
 * The screening query of one record: its primary name (the first marked primary, else the first)
 * with that name's kana, every other name and every passport romanisation as aliases, and the
 * qualifiers the engine uses. Fields without a value are left out, so equal records give equal
 * canonical JSON (the counterparty key depends on it).
 */
export function queryOf(record: NamedRecord): ScreeningQuery {
  const primary = record.names.find((n) => n.kind === 'primary') ?? record.names[0]!;
  const query: ScreeningQuery = { name: primary.name, schema: record.type === 'person' ? 'Person' : 'Organization' };
  if (primary.kana) query.nameKana = primary.kana;

  const aliases: string[] = [];
  const seenNames = new Set([primary.name.trim()]);
  for (const n of record.names) {
    if (n !== primary) addUnique(aliases, seenNames, n.name);
    addUnique(aliases, seenNames, n.latin);
  }
  if (aliases.length) query.aliases = aliases;

  const countries: string[] = [];
  const seenCountries = new Set<string>();
  const identifiers: string[] = [];
  const seenIds = new Set<string>();
  if (record.type === 'person') {
    const person = record as PersonLike;
    if (person.birthDate) query.birthDate = person.birthDate;
    if (person.gender === 'male' || person.gender === 'female') query.gender = person.gender;
    for (const c of person.nationalities ?? []) addUnique(countries, seenCountries, c);
    addUnique(countries, seenCountries, person.residence);
    for (const d of person.documents ?? []) addUnique(identifiers, seenIds, d.number);
  } else {
    const legal = record as LegalLike;
    addUnique(countries, seenCountries, legal.jurisdiction);
    addUnique(identifiers, seenIds, legal.registrationNumber);
  }
  for (const a of record.addresses ?? []) addUnique(countries, seenCountries, a.country);
  if (countries.length) query.countries = countries;
  if (identifiers.length) query.identifiers = identifiers;
  return query;
}

/** Owners of a legal record, depth first: 'owner:0', 'owner:0.0', 'owner:0.1', 'owner:1' … */
function ownersOf(record: { owners?: { party: Party }[] }, prefix: string, path: string, out: ScreenedParty[], depth: number): void {
  // CustomerSchema refuses chains deeper than MAX_OWNERSHIP_DEPTH, so for a validated record
  // this bound is never reached; it keeps an unvalidated, absurd record finite.
  if (depth >= MAX_OWNERSHIP_DEPTH + 1) return;
  (record.owners ?? []).forEach((owner, i) => {
    const here = path ? `${path}.${i}` : String(i);
    out.push({ key: `${prefix}owner:${here}`, role: 'owner', query: queryOf(owner.party) });
    if (owner.party.type === 'legal') ownersOf(owner.party as LegalLike, prefix, here, out, depth + 1);
  });
}

/**
 * Every party of a customer record that screening covers: the customer ('self'), its owners down
 * the chain ('owner:<path>'), its directors ('director:<i>', and a corporate director's owners
 * as 'director:<i>/owner:<path>').
 * @example partiesOf(customer).map((p) => p.key) // ['self', 'owner:0', 'owner:0.0', 'director:0']
 */
export function partiesOf(customer: Customer): ScreenedParty[] {
  const out: ScreenedParty[] = [{ key: 'self', role: 'customer', query: queryOf(customer) }];
  if (customer.type === 'legal') {
    ownersOf(customer, '', '', out, 0);
    (customer.directors ?? []).forEach((director, i) => {
      out.push({ key: `director:${i}`, role: 'director', query: queryOf(director.party) });
      if (director.party.type === 'legal') ownersOf(director.party as LegalLike, `director:${i}/`, '', out, 1);
    });
  }
  return out;
}

/**
 * A counterparty named in an event (a withdrawal's beneficiary, a transfer's originator): its key
 * is `<keyPrefix>:<first 16 hex of SHA-256 of the canonical query>`, so the same counterparty
 * named in two events is one stored party and one alert, not two.
 * @example partyFromInput('beneficiary', 'counterparty', { type: 'person', names: [{ name: 'Ivan Petrov' }] })
 */
export function partyFromInput(role: PartyRole, keyPrefix: string, party: Party): ScreenedParty {
  const query = queryOf(party);
  return { key: partyKey(keyPrefix, query), role, query };
}

/** A stable key for a party known only by what is screened of it: `${prefix}:` and 16 hex of its query's hash. */
export function partyKey(prefix: string, query: ScreeningQuery): string {
  return `${prefix}:${bytesToHex(sha256(utf8ToBytes(canonicalJson(query)))).slice(0, 16)}`;
}

export interface CustomerWallet {
  /** The canonical form (what lookups compare on), or the trimmed input when no chain reads it. */
  address: string;
  chain?: Chain;
}

/**
 * The form a wallet is stored and compared in: the canonical form of the first chain that reads
 * it (bech32 and EVM hex lower-cased), else the trimmed text with 0x-hex lower-cased: the same
 * fall-back core's walletKeys() gives a malformed listed wallet, so the two still meet.
 */
export function walletAddress(address: string, chain?: Chain): CustomerWallet {
  const match = validate(address, chain).matches[0];
  if (match) return chain ? { address: match.canonical, chain } : { address: match.canonical };
  const raw = address.trim();
  const text = /^0x[0-9a-f]+$/i.test(raw) ? raw.toLowerCase() : raw;
  return chain ? { address: text, chain } : { address: text };
}

/** The customer's registered wallets, canonical and without repeats. */
export function walletsOf(customer: Customer): CustomerWallet[] {
  const out = new Map<string, CustomerWallet>();
  for (const w of customer.wallets ?? []) {
    const wallet = walletAddress(w.address, w.chain);
    if (!out.has(wallet.address)) out.set(wallet.address, wallet);
  }
  return [...out.values()];
}
