/**
 * @module tags
 * Attribution tags and actors: their types and the parsers for GraphSense TagPacks and actor
 * packs, the public mining-pool lists and Sekisho's own tag CSV.
 */
export * from './types.ts';
export { parseTagFiles, poolSlug } from './parsers.ts';
