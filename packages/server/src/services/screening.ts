/**
 * @module services/screening
 * Holds the screening index of the active list versions and answers screening requests from
 * it. The index is built from the store at first use and rebuilt in the background when a list
 * version is activated: queries keep being answered from the previous index until the new one
 * is complete, then the reference is swapped (ARCHITECTURE decision 3: no screening request
 * touches the database).
 */
import { buildIndex, buildWalletIndex, screen, type Chain, type JapaneseReader, type ScreeningIndex, type ScreeningQuery, type ScreeningResult, type WalletIndex, type WalletScreening, buildTagIndex, type TagHit, type TagIndex } from '@sekisho/core';
import type { Logger } from 'pino';
import { listedNameReadings, readingsIfNeeded } from '../names/readings.ts';
import type { ListStore } from '../storage/list-store.ts';
import type { TagStore } from '../storage/tag-store.ts';
import { createScreeningPool, type ScreeningPool } from '../screening/pool.ts';

export interface ScreeningServiceDeps {
  lists: ListStore;
  logger: Logger;
  /** Attribution tag sets; without it, address screening reports no tags. */
  tags?: TagStore;
  /** Reads kanji names that carry no kana reading (loaded only when such a name appears). */
  reader?: JapaneseReader;
  /** Screening results kept per index (0: no cache). */
  cacheSize?: number;
}


export interface IndexStats {
  entities: number;
  names: number;
  tokens: number;
  buildMs: number;
  lists: { source: string; version: number }[];
}

/**
 * Results of recent queries, per index: the same name comes back again and again on an
 * exchange's event path (customers withdraw to themselves and to the same counterparties), and
 * a result depends only on the query and the index. A new index starts an empty cache, so a
 * list change is never answered from results of the old lists.
 */
class ResultCache {
  private readonly map = new Map<string, ScreeningResult>();
  hits = 0;
  misses = 0;
  constructor(readonly capacity: number) {}
  get(key: string): ScreeningResult | undefined {
    const found = this.map.get(key);
    if (found) {
      // Refresh its place: the map's insertion order is the eviction order.
      this.map.delete(key);
      this.map.set(key, found);
      this.hits++;
    } else this.misses++;
    return found;
  }
  set(key: string, value: ScreeningResult): void {
    if (this.capacity <= 0) return;
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}

/** The result with only its matching hits, when asked. */
export function onlyMatches(result: ScreeningResult, matchesOnly: boolean): ScreeningResult {
  return matchesOnly ? { ...result, hits: result.hits.filter((h) => h.match) } : result;
}

export function createScreeningService(deps: ScreeningServiceDeps) {
  let current: ScreeningIndex | undefined;
  /** Counts index swaps; screening threads answer only for the current generation. */
  let generation = 0;
  let pool: ScreeningPool | undefined;
  let cache = new ResultCache(deps.cacheSize ?? 20_000);
  let building: Promise<ScreeningIndex> | undefined;
  let wallets: WalletIndex | undefined;
  let tagIndex: TagIndex | undefined;

  async function build(): Promise<ScreeningIndex> {
    const started = performance.now();
    const entities = await deps.lists.activeEntities();
    // Listed names in kanji with no reading get dictionary readings (besides pinyin).
    const readings = await listedNameReadings(deps.reader, entities);
    const index = buildIndex(entities, readings);
    // The threads build the same index; until they have, the main thread screens (screen()).
    pool?.load(generation + 1, entities, readings);
    const activeVersions = new Map((await deps.lists.activeVersions()).map((v) => [v.source, v.version]));
    wallets = buildWalletIndex(entities, await deps.lists.walletHistory(), activeVersions);
    if (deps.tags) {
      const { tags, actors } = await deps.tags.active();
      tagIndex = buildTagIndex(tags, actors);
    }
    deps.logger.info({ entities: index.size, names: index.names.length, ms: Math.round(performance.now() - started) }, 'screening index built');
    return index;
  }

  /** Starts a rebuild unless one is running; the current index keeps answering meanwhile. */
  function rebuild(): Promise<ScreeningIndex> {
    building ??= build()
      .then((index) => {
        current = index;
        generation++;
        cache = new ResultCache(cache.capacity);
        return index;
      })
      .finally(() => {
        building = undefined;
      });
    return building;
  }

  return {
    /** The index, building it on first use. */
    async index(): Promise<ScreeningIndex> {
      return current ?? rebuild();
    },
    /** Rebuild now (resolves when the new index is in place). */
    refresh: rebuild,
    /** A list version was activated: rebuild in the background if an index is in use. */
    listsChanged(): void {
      if (current) void rebuild().catch((error) => deps.logger.error({ err: error }, 'screening index rebuild failed; the previous index stays in use'));
    },
    /**
     * Screens a party. `matchesOnly` keeps only the hits at or above the threshold (the event
     * path acts on nothing else; near misses are for people reading a screening answer).
     */
    async screen(query: ScreeningQuery, options: { matchesOnly?: boolean } = {}): Promise<ScreeningResult> {
      const index = current ?? (await rebuild());
      const matchesOnly = options.matchesOnly === true;
      const key = `${matchesOnly ? 'm' : 'a'}${JSON.stringify(query)}`;
      const cached = index === current ? cache.get(key) : undefined;
      if (cached) return cached;
      const readings = query.nameKana || query.readings ? undefined : await readingsIfNeeded(deps.reader, query.name);
      const full = readings ? { ...query, readings } : query;
      const onPool = pool !== undefined && index === current && pool.ready(generation);
      const result = onPool ? await pool!.screen(full, generation, matchesOnly) : onlyMatches(screen(index, full), matchesOnly);
      if (index === current) cache.set(key, result);
      return result;
    },
    /**
     * Screens names on `count` worker threads from now on (the service; one-off commands screen
     * on their own thread). Takes effect with the next index build, which it starts if an index
     * is already in use.
     */
    useWorkers(count: number): void {
      if (pool || count < 1) return;
      pool = createScreeningPool(count);
      if (current) void rebuild().catch((error) => deps.logger.error({ err: error }, 'screening index rebuild failed; the previous index stays in use'));
    },
    /** Whether screening threads hold the current index (they answer from then on). */
    async workersReady(): Promise<boolean> {
      return pool !== undefined && current !== undefined && pool.ready(generation);
    },
    async close(): Promise<void> {
      await pool?.close();
      pool = undefined;
    },
    /** Hits and misses of the result cache since the current index was built. */
    cacheStats(): { hits: number; misses: number; size: number } {
      return { hits: cache.hits, misses: cache.misses, size: cache.capacity };
    },
    /** Checks an address against the wallets of the active lists (and those formerly listed). */
    async screenAddress(address: string, chain?: Chain): Promise<WalletScreening & { tags: TagHit[]; lists: { source: string; version: number }[] }> {
      const index = current ?? (await rebuild());
      return { ...wallets!.lookup(address, chain), tags: tagIndex?.lookup(address) ?? [], lists: index.lists };
    },
    /** The wallet and tag indexes of the current index: exposure tracing attributes addresses with them. */
    async attribution(): Promise<{ wallets: WalletIndex; tags: TagIndex | undefined; generation: number }> {
      if (!current) await rebuild();
      return { wallets: wallets!, tags: tagIndex, generation };
    },
    /** Whether at least one list version is active (an index of nothing would clear everyone). */
    async ready(): Promise<boolean> {
      const index = current ?? (await rebuild());
      if (index.lists.length) return true;
      // Lists may have been loaded by another process since the index was built.
      if ((await deps.lists.activeVersions()).length === 0) return false;
      return (await rebuild()).lists.length > 0;
    },
    /**
     * Rebuilds when the active versions in the store differ from the index's (a list loaded by
     * another process: `sekisho lists load` while the server runs). Returns whether it rebuilt.
     */
    async refreshIfChanged(): Promise<boolean> {
      if (!current) return false;
      const active = (await deps.lists.activeVersions()).map((v) => `${v.source}:${v.version}`).sort().join(',');
      const indexed = current.lists.map((v) => `${v.source}:${v.version}`).sort().join(',');
      if (active === indexed) return false;
      await rebuild();
      return true;
    },
    stats(): IndexStats | undefined {
      if (!current) return undefined;
      return { entities: current.size, names: current.names.length, tokens: current.tokenFolds.length, buildMs: Math.round(current.buildMs), lists: current.lists };
    },
  };
}

export type ScreeningService = ReturnType<typeof createScreeningService>;
