/**
 * @module names/readings
 * When a name needs a reading dictionary: written in kanji with no kana to read it by. One
 * rule for queries, listed names, batches and pairs.
 */
import { hasHan, hasKana, type Entity, type JapaneseReader } from '@sekisho/core';

/** A kanji name without kana, which only a reading dictionary can romanise as Japanese. */
export function needsReading(name: string): boolean {
  return hasHan(name) && !hasKana(name);
}

/** Dictionary readings for a name that needs them; undefined otherwise (or without a reader). */
export async function readingsIfNeeded(reader: JapaneseReader | undefined, name: string | undefined): Promise<string[] | undefined> {
  if (!reader || !name || !needsReading(name)) return undefined;
  return reader.readings(name);
}

/** Readings of every listed name that needs them and has no reading of its own, keyed by name. */
export async function listedNameReadings(reader: JapaneseReader | undefined, entities: Iterable<{ entity: Entity }>): Promise<Map<string, string[]>> {
  const readings = new Map<string, string[]>();
  if (!reader) return readings;
  for (const { entity } of entities) {
    for (const name of entity.names) {
      if (!name.reading && needsReading(name.full) && !readings.has(name.full)) readings.set(name.full, await reader.readings(name.full));
    }
  }
  return readings;
}
