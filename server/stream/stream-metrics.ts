import { Counter, Gauge, type Registry } from 'prom-client';
import type { StreamStats } from './live-stream.js';

/** /metrics for the live stream: backpressure outcomes per client, clients per form, refused subscriptions. */
export function registerStreamMetrics(registry: Registry, stats: () => StreamStats): void {
  const registers = [registry];
  new Counter({
    name: 'stadtpuls_stream_backpressure_total',
    help: 'Clients over their outgoing byte budget (coalesced), and how it ended: caught up with one delta, resynced with a snapshot, disconnected as stalled.',
    labelNames: ['outcome'],
    registers,
    collect() {
      const s = stats();
      this.reset();
      this.inc({ outcome: 'coalesced' }, s.coalesced);
      this.inc({ outcome: 'caught_up' }, s.caughtUp);
      this.inc({ outcome: 'resynced' }, s.resynced);
      this.inc({ outcome: 'disconnected' }, s.disconnected);
    },
  });
  new Gauge({
    name: 'stadtpuls_stream_clients_behind',
    help: 'Clients behind their outgoing byte budget now (getting no deltas until they have read).',
    registers,
    collect() {
      this.set(stats().behind);
    },
  });
  new Gauge({
    name: 'stadtpuls_stream_clients',
    help: 'Live stream clients per form (json, columns).',
    labelNames: ['format'],
    registers,
    collect() {
      this.reset();
      for (const [format, n] of Object.entries(stats().clientsByFormat)) this.set({ format }, n);
    },
  });
  new Gauge({
    name: 'stadtpuls_stream_clients_by_view',
    help: 'Live stream clients that get the whole city, and those subscribed to part of it (kinds, area).',
    labelNames: ['view'],
    registers,
    collect() {
      this.reset();
      for (const [view, n] of Object.entries(stats().clientsByView)) this.set({ view }, n);
    },
  });
  new Gauge({
    name: 'stadtpuls_stream_views',
    help: 'Distinct groups of live stream clients (form and view), each encoded once per tick.',
    registers,
    collect() {
      this.set(stats().views);
    },
  });
  new Counter({
    name: 'stadtpuls_stream_subscriptions_refused_total',
    help: 'Subscriptions a client sent that failed the schema (ignored; the client keeps its view).',
    registers,
    collect() {
      this.reset();
      this.inc(stats().badSubscriptions);
    },
  });
}
