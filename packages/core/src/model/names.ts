/**
 * @module model/names
 * Adding names to an entity: one place that cleans the text, detects its script, and drops
 * exact duplicates (a source that repeats a name adds no evidence, only noise for screening).
 */
import type { Entity, EntityName, NameKind, NameParts } from './entity.ts';
import { clean, detectScript } from './text.ts';

export interface NameInput {
  full?: string | null;
  kind: NameKind;
  lang?: string;
  parts?: NameParts;
  reading?: string;
}

/** Joins given parts into a full name in the source's order, for sources that publish only parts. */
export function joinParts(...parts: (string | null | undefined)[]): string {
  return clean(parts.filter((p) => p != null && clean(p) !== '').join(' '));
}

/** Adds a name; returns it, or undefined when it was empty or an exact duplicate of the same kind. */
export function addName(entity: Entity, input: NameInput): EntityName | undefined {
  const full = clean(input.full);
  if (full === '') return undefined;
  const existing = entity.names.find((n) => n.full === full && n.kind === input.kind);
  if (existing) {
    if (!existing.parts && input.parts) existing.parts = cleanParts(input.parts);
    if (!existing.reading && input.reading) existing.reading = clean(input.reading);
    return undefined;
  }
  const name: EntityName = { full, kind: input.kind, script: detectScript(full) };
  if (input.lang) name.lang = input.lang;
  const parts = input.parts ? cleanParts(input.parts) : undefined;
  if (parts) name.parts = parts;
  if (input.reading && clean(input.reading)) name.reading = clean(input.reading);
  entity.names.push(name);
  return name;
}

function cleanParts(parts: NameParts): NameParts | undefined {
  const out: NameParts = {};
  let any = false;
  for (const [key, value] of Object.entries(parts) as [keyof NameParts, string | undefined][]) {
    const v = clean(value);
    if (v) {
      out[key] = v;
      any = true;
    }
  }
  return any ? out : undefined;
}
