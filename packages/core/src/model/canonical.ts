/**
 * @module model/canonical
 * Canonical JSON: object keys sorted, so equal values give equal text whatever the key order.
 * Used to compare and de-duplicate structured values (names, identifiers, relations).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}
