/**
 * @module chain/ethereum/warnings
 * Tallies why records were skipped or read with an assumption, one line per reason with a count
 * and the first example, so a batch of a million logs yields a few warnings rather than a
 * million: what was left out of the store is always said, never silent.
 */
export class WarningTally {
  readonly #reasons = new Map<string, { count: number; example: string }>();

  add(reason: string, example: string): void {
    const entry = this.#reasons.get(reason);
    if (entry) entry.count++;
    else this.#reasons.set(reason, { count: 1, example });
  }

  /** "3 × <reason> (first: <example>)", in the order the reasons first occurred. */
  list(): string[] {
    return [...this.#reasons].map(([reason, { count, example }]) => `${count} × ${reason} (first: ${example})`);
  }

  get size(): number {
    return this.#reasons.size;
  }
}
