/**
 * @module screening/pairs
 * The engine's judgement of one pair of names alone (`sekisho score-pairs`): name2 (with its
 * birth date and country) stands in for a listed entity, name1 is screened against it. Token
 * weights come from fixed statistics of the OFAC and UN lists (names/data/token-stats.json), so
 * that a pair scores the same on every installation whatever lists are loaded.
 */
import { CoreErrors } from '../errors.ts';
import { countryCode } from '../model/countries.ts';
import { parseDateText } from '../model/dates.ts';
import { newEntity, type Schema } from '../model/entity.ts';
import { buildIndex, type TokenStats } from './index-build.ts';
import { screen } from './screen.ts';
import { DEFAULT_THRESHOLD, type ScreeningHit } from './types.ts';
import tokenStats from '../names/data/token-stats.json' with { type: 'json' };

/** Token statistics of the OFAC and UN lists (scripts/build-token-stats.ts). */
export const DEFAULT_TOKEN_STATS: TokenStats = { names: tokenStats.names, df: tokenStats.df as Record<string, number> };

export interface NamePair {
  id: string | number;
  schema?: string;
  name1: string;
  name2: string;
  birthDate1?: string;
  birthDate2?: string;
  country1?: string;
  country2?: string;
}

export interface PairScore {
  id: string | number;
  score: number;
  match: boolean;
}

const SCHEMAS: Record<string, Schema> = {
  person: 'Person',
  organization: 'Organization',
  organisation: 'Organization',
  company: 'Company',
  legalentity: 'LegalEntity',
  vessel: 'Vessel',
  aircraft: 'Aircraft',
};

/** Scores one pair; with `explain` the hit (and its explanation) comes back too. */
export function scorePair(
  pair: NamePair,
  stats: TokenStats = DEFAULT_TOKEN_STATS,
  threshold = DEFAULT_THRESHOLD,
  readings: { name1?: string[]; name2?: string[] } = {},
): PairScore & { hit?: ScreeningHit } {
  if (typeof pair.name1 !== 'string' || typeof pair.name2 !== 'string') throw CoreErrors.SCREEN_QUERY('a pair needs name1 and name2 as strings', { field: 'name1' });
  const schemaKey = (pair.schema ?? 'Person').toLowerCase().replace(/[^a-z]/g, '');
  const schema = SCHEMAS[schemaKey];
  if (!schema) throw CoreErrors.SCREEN_QUERY(`unknown schema "${pair.schema}"`, { field: 'schema' });
  if (pair.name1.trim() === '' || pair.name2.trim() === '') return { id: pair.id, score: 0, match: false };
  const entity = newEntity('pair:2', schema);
  entity.names.push({ full: pair.name2, kind: 'primary', script: 'Zyyy' });
  const date = pair.birthDate2 ? parseDateText(pair.birthDate2) : undefined;
  if (date) entity.birthDates.push({ date });
  const country = pair.country2 ? countryCode(pair.country2) : undefined;
  if (country) entity.properties.nationality = [country];
  const index = buildIndex([{ entity, source: 'pair', version: 1 }], readings.name2?.length ? new Map([[pair.name2, readings.name2]]) : undefined, stats);
  const querySchema = schema === 'Person' ? 'Person' : schema === 'Vessel' ? 'Vessel' : schema === 'Aircraft' ? 'Aircraft' : 'Organization';
  const result = screen(index, {
    name: pair.name1,
    readings: readings.name1,
    schema: querySchema,
    birthDate: pair.birthDate1,
    countries: pair.country1 ? [pair.country1] : [],
    threshold,
    limit: 1,
  });
  const hit = result.hits[0];
  const score = hit?.score ?? 0;
  return { id: pair.id, score, match: score >= threshold, hit };
}
