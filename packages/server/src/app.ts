/**
 * @module app
 * Composition root: builds every service from the parsed configuration. The CLI, the API
 * (a later issue) and the tests all start here; nothing is a module-level singleton.
 */
import { TransferGraph } from '@sekisho/core';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { openStore, type Store } from './storage/db.ts';
import { createListStore, type ListStore } from './storage/list-store.ts';
import { createTagStore, type TagStore } from './storage/tag-store.ts';
import { createExposureService, type ExposureService } from './services/exposure.ts';
import { createClusterAttribution } from './services/clustering.ts';
import { createListLoader, type ListLoader } from './services/list-loader.ts';
import { createScreeningService, type ScreeningService } from './services/screening.ts';
import { createKuromojiReader, type KuromojiReader } from './names/kuromoji-reader.ts';
import { createAuditLog, type AuditLog } from './services/audit.ts';
import { createKeyService, type KeyService } from './services/keys.ts';
import { createCustomerStore, type CustomerStore } from './storage/customer-store.ts';
import { createAlertService, type AlertService } from './services/alerts.ts';
import { createWriteBatcher, type WriteBatcher } from './services/write-batcher.ts';
import { createEventService, flushEventRows, type EventService } from './services/events.ts';
import { createMonitoringConfigService, type MonitoringConfigService } from './services/monitoring-config.ts';
import { createMonitoringService, type MonitoringService } from './services/monitoring.ts';
import { createStoreState, monitoringRowWriter } from './services/monitoring-state.ts';
import { openEnrichment } from './monitoring/enrichment.ts';
import { createEventStore } from './storage/event-store.ts';
import { createRescreener, type Rescreener } from './services/rescreen.ts';

export interface App {
  config: Config;
  logger: Logger;
  store: Store;
  lists: ListStore;
  tags: TagStore;
  /** On-chain exposure over the chain store (issue 6). */
  exposure: ExposureService;
  loader: ListLoader;
  screening: ScreeningService;
  /** The Japanese reading dictionary, loaded on its first kanji name; shared by every command. */
  reader: KuromojiReader;
  audit: AuditLog;
  keys: KeyService;
  customers: CustomerStore;
  alerts: AlertService;
  /** Group commit of the event path (services/write-batcher.ts). */
  batcher: WriteBatcher;
  events: EventService;
  /** Versions of the monitoring configuration (proposed, approved by a supervisor, in force). */
  monitoringConfigs: MonitoringConfigService;
  /** The monitoring rules over every event (issue 7). */
  monitoring: MonitoringService;
  /** Continuous rescreening of stored customers and counterparties after list changes. */
  rescreen: Rescreener;
  /** Resolves when background work (rescreens after an activation) has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions {
  logger?: Logger;
  /**
   * Rescreen stored customers after every list activation (default true). Off only for code
   * that drives its own rescreener over the same store (its tests and benchmark).
   */
  rescreenOnActivation?: boolean;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  // Logs go to stderr so that stdout carries only the command's answer (--json output).
  const logger = options.logger ?? pino({ level: config.logLevel, base: undefined }, pino.destination(2));
  const store = await openStore(config.database);
  const lists = createListStore(store.db, store.sqlite);
  const tags = createTagStore(store.db);
  const reader = createKuromojiReader();
  const screening = createScreeningService({ lists, logger, tags, reader, cacheSize: config.screenCacheSize });
  const exposure = createExposureService({ store, screening, tags, logger, clusters: createClusterAttribution(store) });
  const audit = createAuditLog({ store });
  const keys = createKeyService({ store, audit, cacheMs: config.keyCacheMs });
  const customers = createCustomerStore(store);
  const alerts = createAlertService({ db: store.db, audit, ...(store.sqlite ? { sqlite: store.sqlite } : {}) });
  const eventStore = createEventStore(store);
  const batcher = createWriteBatcher({ audit, windowMs: config.commitWindowMs, flush: flushEventRows({ customers, eventStore, monitoringRows: monitoringRowWriter(store) }) });
  const policy = { confirmScore: config.confirmScore };
  const monitoringConfigs = createMonitoringConfigService({ store, audit });
  const monitoring = createMonitoringService({
    state: createStoreState(store),
    config: () => monitoringConfigs.current(),
    // Opened at the first event that needs an IP located (0.5–1 s, about 180 MB).
    geo: () => openEnrichment(config),
    graph: new TransferGraph(),
  });
  const events = createEventService({
    db: store.db, screening, customers, eventStore, alerts, batcher, logger, threshold: config.threshold, policy,
    exposure, exposureHops: config.exposureHops, exposurePolicy: config.exposurePolicy, ...(config.monitoring ? { monitoring } : {}),
  });
  const rescreen = createRescreener({
    store, lists, customers, screening, reader, logger, threshold: config.threshold, policy,
    // Rescreen hits become alerts and move the customer's status, audited, like an event's.
    onFindings: (batch) =>
      audit.transaction(async (trx, append) => {
        const at = new Date().toISOString();
        for (const { customerId, findings } of batch) {
          await alerts.raise(trx, append, { origin: 'rescreen', customerId, eventId: null, findings, at });
          await alerts.refreshStatus(trx, customerId, at);
        }
      }),
  });
  // Work started in the background (the rescreen after an activation); close() waits for it.
  const background = new Set<Promise<unknown>>();
  const inBackground = (work: Promise<unknown>) => {
    const tracked = work.finally(() => background.delete(tracked));
    background.add(tracked);
  };
  const loader = createListLoader({
    store: lists, shrinkThreshold: config.shrinkThreshold, logger, audit,
    onActivated: (source) => {
      screening.listsChanged();
      if (options.rescreenOnActivation === false) return;
      inBackground(
        rescreen.afterActivation(source).catch((error) => logger.error({ err: error, source }, 'rescreen after activation failed; `sekisho rescreen --pending` (or the next server start) redoes it')),
      );
    },
  });
  const settled = async () => {
    while (background.size) await Promise.allSettled([...background]);
  };
  return {
    config, logger, store, lists, tags, exposure, loader, screening, reader, audit, keys, customers, alerts, batcher, events, rescreen, settled, monitoringConfigs, monitoring,
    close: async () => {
      await settled();
      await batcher.drain();
      await screening.close();
      await store.close();
    },
  };
}
