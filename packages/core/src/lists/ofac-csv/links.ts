/**
 * @module lists/ofac-csv/links
 * "Linked To: NAME." in OFAC's legacy formats names its target by primary name, not by id. The
 * parsers index the primary names of the file in a first pass (names and ids only, so memory
 * stays small) and resolve each link to `ofac:<ent_num>` where exactly one entity bears the name.
 */
import type { Entity } from '../../model/entity.ts';
import { clean } from '../../model/text.ts';
import type { DetailSink } from './details.ts';

function key(name: string): string {
  return clean(name).toUpperCase();
}

export class PrimaryNameIndex {
  private readonly ids = new Map<string, string[]>();

  add(name: string, id: string): void {
    const k = key(name);
    if (!k) return;
    const list = this.ids.get(k);
    if (!list) this.ids.set(k, [id]);
    else if (!list.includes(id)) list.push(id);
  }

  /** Ids bearing this name; tries the name as written, then without a closing period or brackets. */
  lookup(name: string): string[] {
    const k = key(name);
    for (const candidate of [k, k.replace(/\.$/, ''), k.replace(/^\((.*)\)$/, '$1').replace(/\.$/, '')]) {
      const found = this.ids.get(candidate);
      if (found) return found;
    }
    return [];
  }

  get size(): number {
    return this.ids.size;
  }
}

/** Turns the sink's link names into relations, warning on names that resolve to none or several entities. */
export function resolveLinks(entity: Entity, links: string[], index: PrimaryNameIndex, warn: DetailSink['warn']): void {
  for (const name of links) {
    const ids = index.lookup(name).filter((id) => id !== entity.id);
    if (ids.length === 1) {
      const target = ids[0]!;
      if (!entity.relations.some((r) => r.target === target && r.label === 'Linked To')) {
        entity.relations.push({ type: 'other', target, label: 'Linked To' });
      }
    } else if (ids.length === 0) {
      warn('unknown-reference', `"Linked To: ${name}" names no entity of this file; the link is not kept`);
    } else {
      warn('ambiguous-reference', `"Linked To: ${name}" matches ${ids.length} entities (${ids.join(', ')}); the link is not kept`);
    }
  }
}
