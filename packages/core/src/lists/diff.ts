/**
 * @module lists/diff
 * What changed in one entity between two list versions, by field: the diff an analyst reads
 * after an update ("ofac:36457: program, relations changed") and the rescreening that follows
 * uses to decide what to screen again.
 */
import { canonicalJson } from '../model/canonical.ts';
import type { Entity } from '../model/entity.ts';

export { canonicalJson };

const SIMPLE_FIELDS = ['schema', 'names', 'birthDates', 'identifiers', 'wallets', 'relations'] as const;

/**
 * The fields that differ between two versions of an entity: 'schema', 'names', 'birthDates',
 * 'identifiers', 'wallets', 'relations', and each plain property by name ('program', 'address').
 * Order of values inside a field does not count as a change.
 */
export function changedFields(before: Entity, after: Entity): string[] {
  const out: string[] = [];
  for (const field of SIMPLE_FIELDS) {
    if (!sameSet(before[field], after[field])) out.push(field);
  }
  const keys = new Set([...Object.keys(before.properties), ...Object.keys(after.properties)]);
  for (const key of [...keys].sort()) {
    const a = before.properties[key as keyof Entity['properties']] ?? [];
    const b = after.properties[key as keyof Entity['properties']] ?? [];
    if (!sameSet(a, b)) out.push(key);
  }
  return out;
}

function sameSet(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return canonicalJson(a) === canonicalJson(b);
  if (a.length !== b.length) return false;
  const left = a.map(canonicalJson).sort();
  const right = b.map(canonicalJson).sort();
  return left.every((x, i) => x === right[i]);
}
