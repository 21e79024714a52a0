/**
 * @module screening/types
 * The screening request and result shapes (stable: the CLI's --json output and the API's
 * responses are these).
 */
import type { Schema } from '../model/entity.ts';

export type QuerySchema = 'Person' | 'Organization' | 'Vessel' | 'Aircraft' | 'Any';

export interface ScreeningQuery {
  /** The name as the customer or counterparty gives it, in any script. */
  name: string;
  /** A kana reading of the name (furigana), as Japanese KYC records carry it. */
  nameKana?: string;
  /**
   * Readings of a kanji name from a reading dictionary (katakana or romaji), supplied by the
   * caller when the record has no kana reading: core does no dictionary I/O.
   */
  readings?: string[];
  /** Further names of the same party (aliases, former names). */
  aliases?: string[];
  schema?: QuerySchema;
  /** ISO partial date: YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate?: string;
  /** Countries (ISO2 or names): nationality, residence, registration. */
  countries?: string[];
  gender?: 'male' | 'female';
  /** Identifier values (passport, INN, OGRN, IMO, a wallet address): an exact match makes a match near-certain. */
  identifiers?: string[];
  threshold?: number;
  limit?: number;
}

export interface TokenMatch {
  query: string;
  candidate: string;
  similarity: number;
  /** 'exact' | 'similar' | 'phonetic' | 'initial' | 'joined' */
  how: string;
}

export interface Feature {
  /** 'name' | 'birthDate' | 'country' | 'gender' | 'identifier' */
  feature: string;
  /** What the feature added to or took from the score. */
  effect: number;
  detail: string;
}

export interface NameExplanation {
  /** The query name (or alias) and the form it was compared in. */
  queryName: string;
  queryVia: string;
  /** The listed name that matched best, as published, and its kind. */
  candidateName: string;
  candidateKind: string;
  candidateVia: string;
  tokens: TokenMatch[];
  /** Share of the query's weight the alignment covers, and of the candidate's. */
  queryCoverage: number;
  candidateCoverage: number;
  score: number;
}

export interface ScreeningHit {
  entityId: string;
  schema: Schema;
  caption: string;
  source: string;
  listVersion: number;
  programs: string[];
  score: number;
  match: boolean;
  explanation: { name: NameExplanation; features: Feature[] };
}

export interface ScreeningResult {
  query: ScreeningQuery;
  threshold: number;
  hits: ScreeningHit[];
  /** The list versions the index was built from: every decision names them. */
  lists: { source: string; version: number }[];
  /** Problems with the query that did not stop it (an unreadable birth date is ignored, not guessed). */
  warnings: string[];
}

/** The documented default threshold (docs/screening.md). */
export const DEFAULT_THRESHOLD = 0.7;
export const DEFAULT_LIMIT = 10;
