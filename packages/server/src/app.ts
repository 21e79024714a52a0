/**
 * @module app
 * Composition root: builds every service from the parsed configuration. The CLI, the API
 * (a later issue) and the tests all start here; nothing is a module-level singleton.
 */
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { openStore, type Store } from './storage/db.ts';
import { createListStore, type ListStore } from './storage/list-store.ts';
import { createTagStore, type TagStore } from './storage/tag-store.ts';
import { createListLoader, type ListLoader } from './services/list-loader.ts';
import { createScreeningService, type ScreeningService } from './services/screening.ts';
import { createKuromojiReader, type KuromojiReader } from './names/kuromoji-reader.ts';

export interface App {
  config: Config;
  logger: Logger;
  store: Store;
  lists: ListStore;
  tags: TagStore;
  loader: ListLoader;
  screening: ScreeningService;
  /** The Japanese reading dictionary, loaded on its first kanji name; shared by every command. */
  reader: KuromojiReader;
  close(): Promise<void>;
}

export async function createApp(config: Config, options: { logger?: Logger } = {}): Promise<App> {
  // Logs go to stderr so that stdout carries only the command's answer (--json output).
  const logger = options.logger ?? pino({ level: config.logLevel, base: undefined }, pino.destination(2));
  const store = await openStore(config.database);
  const lists = createListStore(store.db, store.sqlite);
  const tags = createTagStore(store.db);
  const reader = createKuromojiReader();
  const screening = createScreeningService({ lists, logger, tags, reader });
  const loader = createListLoader({ store: lists, shrinkThreshold: config.shrinkThreshold, logger, onActivated: () => screening.listsChanged() });
  return { config, logger, store, lists, tags, loader, screening, reader, close: () => store.close() };
}
