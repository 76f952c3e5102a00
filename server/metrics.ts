import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { HistoryWriterStats } from './store/history-writer.js';
import type { AlertStats } from './alerts/alert-engine.js';
import { REJECT_REASONS, type SourceCounters, type SourceStats } from './ingest/source-stats.js';

/**
 * Prometheus metrics for GET /metrics. The feed counters are not counted a second time here: each
 * metric reads SourceStats when scraped, so /metrics and /api/health can never disagree.
 * One registry per server instance, so several servers in one process (tests) keep apart.
 */
export function createMetrics(stats: SourceStats, history: () => HistoryWriterStats | null = () => null, alerts: () => AlertStats | null = () => null): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const perSource = (fill: (source: string, c: SourceCounters) => void) => {
    for (const [source, c] of Object.entries(stats.snapshot())) fill(source, c);
  };

  const counter = (name: string, help: string, value: (c: SourceCounters) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['source'],
      registers,
      collect() {
        this.reset();
        perSource((source, c) => this.inc({ source }, value(c)));
      },
    });

  counter('stadtpuls_readings_accepted_total', 'Readings accepted into the live state, per feed.', (c) => c.accepted);
  counter('stadtpuls_readings_duplicate_total', 'Readings dropped as duplicates (same sensor and timestamp), per feed.', (c) => c.duplicates);
  counter('stadtpuls_readings_corrected_total', 'Readings that replaced the latest one with the same timestamp and other values, per feed.', (c) => c.corrected);
  counter('stadtpuls_readings_outdated_total', "Readings older than the sensor's current one, kept out of the live state, per feed.", (c) => c.outdated);
  counter('stadtpuls_feed_errors_total', 'Failed connection attempts or fetches of a feed (nothing reached the ingest path).', (c) => c.feedErrors);

  new Counter({
    name: 'stadtpuls_readings_rejected_total',
    help: 'Messages and readings rejected, per feed and reason.',
    labelNames: ['source', 'reason'],
    registers,
    collect() {
      this.reset();
      perSource((source, c) => {
        for (const reason of REJECT_REASONS) this.inc({ source, reason }, c.rejected[reason]);
      });
    },
  });

  new Gauge({
    name: 'stadtpuls_source_last_seen_timestamp_seconds',
    help: 'Server time of the last accepted reading of a feed, Unix seconds.',
    labelNames: ['source'],
    registers,
    collect() {
      this.reset();
      perSource((source, c) => {
        if (c.lastSeen !== null) this.set({ source }, c.lastSeen / 1000);
      });
    },
  });

  new Gauge({
    name: 'stadtpuls_feed_up',
    help: 'Whether a feed reaches its upstream (1) or not (0): MQTT connected, last poll succeeded.',
    labelNames: ['source'],
    registers,
    collect() {
      this.reset();
      perSource((source, c) => {
        if (c.link) this.set({ source }, c.link.state === 'up' ? 1 : 0);
      });
    },
  });

  // The history writer's queue: a growing `queued` or any `dropped` means the store falls behind.
  const historyGauge = (name: string, help: string, value: (s: HistoryWriterStats) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const s = history();
        if (s) this.set(value(s));
      },
    });
  historyGauge('stadtpuls_history_queued', 'Items waiting in the history writer queue.', (s) => s.queued);
  // Generated sensors (SCALE) have a queue share of their own: they may fill it without the real registry falling behind.
  historyGauge('stadtpuls_history_queued_generated', 'Items of generated (SCALE) sensors among those waiting in the history writer queue.', (s) => s.queuedGenerated);
  historyGauge('stadtpuls_history_written_total', 'Readings, samples and events written to the history store since start.', (s) => s.written);
  historyGauge('stadtpuls_history_dropped_total', 'Items dropped because the history queue was full (the store fell behind).', (s) => s.dropped);
  historyGauge('stadtpuls_history_thinned_total', 'Readings of generated (SCALE) sensors left out of the history by its thinning (one per sensor and interval).', (s) => s.thinned ?? 0);
  historyGauge('stadtpuls_history_thinned_backlog_total', 'Of those, left out because the history writer was behind with generated sensors.', (s) => s.thinnedForBacklog ?? 0);
  historyGauge('stadtpuls_history_failed_total', 'Items given up after their batch failed to write repeatedly.', (s) => s.failed);
  historyGauge('stadtpuls_history_behind', 'Whether the history store falls behind (1) or keeps up (0).', (s) => (s.behind ? 1 : 0));
  historyGauge('stadtpuls_history_last_flush_seconds', 'Duration of the last history batch write.', (s) => (s.lastFlushMs ?? 0) / 1000);

  // The alert rate (EEMUA 191: no more than about one new alert per 10 minutes in normal operation).
  new Counter({
    name: 'stadtpuls_alerts_raised_total',
    help: 'Alerts raised since start, per kind.',
    labelNames: ['kind'],
    registers,
    collect() {
      const s = alerts();
      this.reset();
      if (s) for (const [kind, n] of Object.entries(s.raised)) this.inc({ kind }, n);
    },
  });
  new Counter({
    name: 'stadtpuls_alert_groups_raised_total',
    help: 'Alert groups opened since start (the first alert of a district, street, site … while none of it was in the list).',
    registers,
    collect() {
      const s = alerts();
      this.reset();
      if (s) this.inc(s.groupsRaised);
    },
  });
  new Gauge({
    name: 'stadtpuls_alerts_raised_last_hour',
    help: 'Alerts raised in the last hour of city time.',
    registers,
    collect() {
      const s = alerts();
      if (s) this.set(s.raisedLastHour);
    },
  });
  new Gauge({
    name: 'stadtpuls_alerts',
    help: 'Alerts in the list, per state.',
    labelNames: ['state'],
    registers,
    collect() {
      const s = alerts();
      this.reset();
      if (s) for (const [state, n] of Object.entries(s.byState)) this.set({ state }, n);
    },
  });

  return registry;
}
