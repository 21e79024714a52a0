/**
 * @module events/findings
 * What a sanctions check found about one party or wallet, in the one shape the event pipeline,
 * customer screening, rescreening and alerts share; and the rule that tells a confirmed match
 * (act now: block or freeze) from a possible one (hold and let an analyst decide). FSA's
 * guidance to crypto-asset exchanges (2022-03) asks for both: no transfer on a match, a hold
 * on suspicion; FEFTA Art. 16/21 makes a confirmed designated party's assets frozen.
 */
import type { TagHit } from '../addresses/tag-index.ts';
import type { WalletScreening } from '../addresses/wallet-index.ts';
import type { ScreeningHit, ScreeningQuery, ScreeningResult } from '../screening/types.ts';

export type PartyRole = 'customer' | 'owner' | 'director' | 'counterparty' | 'beneficiary' | 'originator' | 'vasp' | 'bank';
export type Severity = 'confirmed' | 'possible';

/** A party to screen, with a key that is stable for the same party across events and revisions. */
export interface ScreenedParty {
  key: string;
  role: PartyRole;
  query: ScreeningQuery;
}

export interface PartyRef {
  key: string;
  role: PartyRole;
  /** The name screened, or the address for a wallet. */
  name: string;
}

/**
 * The party reference of a wallet: the customer's own registered wallets are part of its record
 * (`own-wallet:`), wallets seen in its events are counterparties (`wallet:`).
 */
export function walletParty(address: string, role: PartyRole): PartyRef {
  return { key: `${role === 'customer' ? 'own-wallet' : 'wallet'}:${address}`, role, name: address };
}

/** Whether a party key belongs to the customer's own record (itself, its owners, directors, registered wallets). */
export function isRecordParty(key: string): boolean {
  return key === 'self' || key.startsWith('owner:') || key.startsWith('director:') || key.startsWith('own-wallet:');
}

/** Whether a party key is the customer itself (its name or its own wallet), not a related party. */
export function isCustomerItself(key: string): boolean {
  return key === 'self' || key.startsWith('own-wallet:');
}

export interface Finding {
  check: 'sanctions.name' | 'sanctions.wallet';
  severity: Severity;
  party: PartyRef;
  entityId: string;
  caption: string;
  schema: string;
  source: string;
  listVersion: number;
  programs: string[];
  score: number;
  /** One line for the analyst: why this is a finding. */
  detail: string;
  /** The name-matching explanation (name findings only). */
  explanation?: ScreeningHit['explanation'];
}

/** Something worth a look that is not a sanctions finding: a formerly listed wallet, an attribution tag. */
export interface Notice {
  check: 'sanctions.wallet-formerly-listed' | 'attribution.tag' | 'customer.unknown';
  party: PartyRef;
  detail: string;
}

export interface SanctionsPolicy {
  /** A name hit at or above this score, with a corroborating birth date or identifier, is confirmed. */
  confirmScore: number;
}

export const DEFAULT_POLICY: SanctionsPolicy = { confirmScore: 0.95 };

/**
 * Confirmed when the match cannot reasonably be someone else: a shared identifier (passport,
 * INN, IMO …), or a very high name score that the birth date supports, or a near-exact name of
 * a listed organisation, vessel or aircraft (they carry no birth date). Everything else that
 * passed the screening threshold is possible.
 */
export function classifyNameHit(hit: ScreeningHit, policy: SanctionsPolicy = DEFAULT_POLICY): Severity {
  const features = hit.explanation.features;
  if (features.some((f) => f.feature === 'identifier' && f.effect >= 0 && /shared identifier/.test(f.detail))) return 'confirmed';
  if (hit.score < policy.confirmScore) return 'possible';
  if (features.some((f) => f.effect < 0)) return 'possible';
  if (hit.schema === 'Person') return features.some((f) => f.feature === 'birthDate' && f.effect >= 0.05) ? 'confirmed' : 'possible';
  return hit.score >= Math.max(policy.confirmScore, 0.98) ? 'confirmed' : 'possible';
}

/** Findings from a party's screening result (hits at or above the threshold only). */
export function nameFindings(party: ScreenedParty, result: ScreeningResult, policy: SanctionsPolicy = DEFAULT_POLICY): Finding[] {
  return result.hits
    .filter((hit) => hit.match)
    .map((hit) => {
      const severity = classifyNameHit(hit, policy);
      return {
        check: 'sanctions.name' as const,
        severity,
        party: { key: party.key, role: party.role, name: party.query.name },
        entityId: hit.entityId,
        caption: hit.caption,
        schema: hit.schema,
        source: hit.source,
        listVersion: hit.listVersion,
        programs: hit.programs,
        score: hit.score,
        detail: `${party.role} name matches ${hit.caption} (${hit.entityId}, ${hit.source} v${hit.listVersion}) with score ${hit.score.toFixed(2)}: ${severity}`,
        explanation: hit.explanation,
      };
    });
}

/** Findings from a wallet lookup: a wallet on an active list is a confirmed match by itself. */
export function walletFindings(party: PartyRef, screening: WalletScreening & { tags?: TagHit[] }): { findings: Finding[]; notices: Notice[] } {
  const findings: Finding[] = screening.hits.map((hit) => ({
    check: 'sanctions.wallet' as const,
    severity: 'confirmed' as const,
    party,
    entityId: hit.entityId,
    caption: hit.caption,
    schema: hit.schema,
    source: hit.source,
    listVersion: hit.version,
    programs: hit.programs,
    score: 1,
    detail: `${party.role} wallet ${hit.published} (${hit.currency}) is listed for ${hit.caption} (${hit.entityId}, ${hit.source} v${hit.version})`,
  }));
  const notices: Notice[] = [
    ...screening.formerly.map((f) => ({
      check: 'sanctions.wallet-formerly-listed' as const,
      party,
      detail: `wallet ${f.published} was listed for ${f.entityId} on ${f.source} until version ${f.lastListedIn} (dropped in ${f.droppedIn})`,
    })),
    ...(screening.tags ?? []).map((t) => ({
      check: 'attribution.tag' as const,
      party,
      detail: `wallet tagged ${t.label}${t.category ? ` (${t.category})` : ''} by ${t.tagSource} v${t.tagVersion}`,
    })),
  ];
  return { findings, notices };
}
