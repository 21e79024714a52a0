/**
 * @module services/screening
 * Holds the screening index of the active list versions and answers screening requests from
 * it. The index is built from the store at first use and rebuilt in the background when a list
 * version is activated: queries keep being answered from the previous index until the new one
 * is complete, then the reference is swapped (ARCHITECTURE decision 3: no screening request
 * touches the database).
 */
import { buildIndex, screen, type ScreeningIndex, type ScreeningQuery, type ScreeningResult } from '@sekisho/core';
import type { Logger } from 'pino';
import type { ListStore } from '../storage/list-store.ts';

export interface ScreeningServiceDeps {
  lists: ListStore;
  logger: Logger;
}

export interface IndexStats {
  entities: number;
  names: number;
  tokens: number;
  buildMs: number;
  lists: { source: string; version: number }[];
}

export function createScreeningService(deps: ScreeningServiceDeps) {
  let current: ScreeningIndex | undefined;
  let building: Promise<ScreeningIndex> | undefined;

  async function build(): Promise<ScreeningIndex> {
    const started = performance.now();
    const entities = await deps.lists.activeEntities();
    const index = buildIndex(entities);
    deps.logger.info({ entities: index.size, names: index.names.length, ms: Math.round(performance.now() - started) }, 'screening index built');
    return index;
  }

  /** Starts a rebuild unless one is running; the current index keeps answering meanwhile. */
  function rebuild(): Promise<ScreeningIndex> {
    building ??= build()
      .then((index) => {
        current = index;
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
    async screen(query: ScreeningQuery): Promise<ScreeningResult> {
      const index = current ?? (await rebuild());
      return screen(index, query);
    },
    stats(): IndexStats | undefined {
      if (!current) return undefined;
      return { entities: current.size, names: current.names.length, tokens: current.tokenFolds.length, buildMs: Math.round(current.buildMs), lists: current.lists };
    },
  };
}

export type ScreeningService = ReturnType<typeof createScreeningService>;
