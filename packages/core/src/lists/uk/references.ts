/**
 * @module lists/uk/references
 * Resolves the UK list's name references (ParentCompany, Subsidiary, ship owner/operators)
 * to other designations in the same file. The list links nothing by id: a parent company is
 * written as a name, which may or may not be designated itself. A reference resolves when its
 * text names exactly one designated entity (case, quotes and punctuation ignored) or quotes a
 * UniqueID ("… (RUS1500)"); anything else stays a note on the entity.
 * Memory: one small record per designated entity (names and references), never the entities.
 */
import type { Schema } from '../../model/entity.ts';
import type { NameReferences } from './designation.ts';
import { nameKey } from './values.ts';

/** One reference text and the UniqueIDs it resolved to (0: unresolved, >1: ambiguous). */
export interface ResolvedPiece {
  text: string;
  ids: string[];
}

const UNIQUE_ID = /\b[A-Z]{2,4}\d{4}\b/g;

export class ReferenceIndex {
  private readonly byName = new Map<string, Set<string>>();
  private readonly ids = new Set<string>();
  private readonly claims: { parent: string; text: string }[] = [];
  private readonly incomingByChild = new Map<string, Set<string>>();

  /** Records one designation seen in pass 1. */
  add(uniqueId: string, schema: Schema | undefined, names: string[], refs: NameReferences): void {
    this.ids.add(uniqueId);
    // Parents, subsidiaries and owners are companies: only entity designations are candidates.
    if (schema === 'Organization' || schema === 'LegalEntity') {
      for (const name of names) {
        const key = nameKey(name);
        if (!key) continue;
        let set = this.byName.get(key);
        if (!set) this.byName.set(key, (set = new Set()));
        set.add(uniqueId);
      }
    }
    for (const text of refs.subsidiaries) this.claims.push({ parent: uniqueId, text });
  }

  /** Resolves the subsidiary claims once every name is known; call after pass 1. */
  finish(): void {
    for (const { parent, text } of this.claims) {
      for (const piece of this.resolve(text)) {
        if (piece.ids.length !== 1 || piece.ids[0] === parent) continue;
        const child = piece.ids[0]!;
        let set = this.incomingByChild.get(child);
        if (!set) this.incomingByChild.set(child, (set = new Set()));
        set.add(parent);
      }
    }
    this.claims.length = 0;
  }

  /** The designations that list `uniqueId` among their subsidiaries. */
  parentsClaiming(uniqueId: string): string[] {
    return [...(this.incomingByChild.get(uniqueId) ?? [])];
  }

  /**
   * Resolves a reference text. A text naming several companies ("A; B") is split on ";" when
   * the whole does not resolve; a quoted UniqueID wins over the name.
   */
  resolve(text: string): ResolvedPiece[] {
    const whole = this.resolveOne(text);
    if (whole.length > 0 || !/[;\n]/.test(text)) return [{ text, ids: whole }];
    return text
      .split(/[;\n]/)
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => ({ text: t, ids: this.resolveOne(t) }));
  }

  private resolveOne(text: string): string[] {
    const quoted = [...text.matchAll(UNIQUE_ID)].map((m) => m[0]).filter((id) => this.ids.has(id));
    if (quoted.length > 0) return [...new Set(quoted)];
    const exact = this.byName.get(nameKey(text));
    if (exact) return [...exact];
    // "SEVERNY STEEL TRADING LLC (formerly …)": try the name without its trailing bracket.
    const bare = text.replace(/\s*\([^()]*\)\s*$/, '');
    if (bare !== text) {
      const found = this.byName.get(nameKey(bare));
      if (found) return [...found];
    }
    return [];
  }
}
