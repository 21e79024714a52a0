/**
 * @module api/metrics
 * Prometheus metrics of one server: requests by route and status with their latency, events by
 * type and decision, alerts raised, the screening cache's hits and misses, the index size, and
 * the process's own figures. One registry per server instance (no global default registry: two
 * servers in one test process must not share counters).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(sources: { cache?: () => { hits: number; misses: number } } = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sekisho_process_' });
  return {
    registry,
    requests: new Counter({ name: 'sekisho_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'] as const, registers: [registry] }),
    latency: new Histogram({ name: 'sekisho_http_request_duration_seconds', help: 'HTTP request latency by route', labelNames: ['route'] as const, buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers: [registry] }),
    events: new Counter({ name: 'sekisho_events_total', help: 'Events decided, by type and decision (repeats not counted)', labelNames: ['type', 'decision'] as const, registers: [registry] }),
    alerts: new Counter({ name: 'sekisho_alerts_created_total', help: 'Alerts created by the event path', registers: [registry] }),
    indexEntities: new Gauge({ name: 'sekisho_screening_index_entities', help: 'Entities in the screening index', registers: [registry] }),
    cache: new Gauge({
      name: 'sekisho_screening_cache_lookups',
      help: 'Screening result cache lookups since the current index was built, by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
      collect() {
        const stats = sources.cache?.();
        if (stats) {
          this.set({ outcome: 'hit' }, stats.hits);
          this.set({ outcome: 'miss' }, stats.misses);
        }
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
