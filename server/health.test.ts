import { describe, expect, it } from 'vitest';
import { FEED_STARTUP_GRACE_MS, HealthChecks, Readiness, feedLinkCheck } from './health.js';
import { SourceStats } from './ingest/source-stats.js';
import { TokenBucket } from './stream/connection-guard.js';

describe('feedLinkCheck', () => {
  const at = 1_000_000;
  const check = (link: Parameters<SourceStats['link']>[1], now: number) => {
    const stats = new SourceStats(() => at);
    stats.link('mqtt', link);
    return feedLinkCheck(stats, 'mqtt', () => now)();
  };

  it.each([
    ['up', { state: 'up', since: at, target: 'mqtt://b' }, at + 3_600_000, { ok: true }],
    ['connecting at start-up, within the grace period', { state: 'connecting', since: at, target: 'mqtt://b' }, at + FEED_STARTUP_GRACE_MS - 1, { ok: true }],
    ['connecting at start-up for too long', { state: 'connecting', since: at, target: 'mqtt://b' }, at + 45_000, { ok: false, reason: 'connecting for 45 s' }],
    ['reconnecting after a failure', { state: 'connecting', since: at, target: 'mqtt://b', detail: 'Keepalive timeout' }, at + 1000, { ok: false, reason: 'link connecting (Keepalive timeout) since 1 s' }],
    ['down', { state: 'down', since: at, target: 'mqtt://b', detail: 'ECONNREFUSED' }, at + 12_000, { ok: false, reason: 'link down (ECONNREFUSED) since 12 s' }],
  ] as const)('%s', (_name, link, now, expected) => {
    expect(check({ ...link }, now)).toEqual(expected);
  });

  it('a feed that never reported a link is not counted as down', () => {
    expect(feedLinkCheck(new SourceStats(), 'ocpi')()).toEqual({ ok: true });
  });
});

describe('HealthChecks', () => {
  it('is ok with no checks, degraded with each failing check named, and redacts what a reason quotes', () => {
    const h = new HealthChecks();
    expect(h.run()).toEqual({ status: 'ok', reasons: [] });
    h.register('a', () => ({ ok: true }));
    h.register('b', () => ({ ok: false, reason: 'cannot reach postgres://app:pw@db/x' }));
    h.register('c', () => ({ ok: false }));
    expect(h.run()).toEqual({ status: 'degraded', reasons: ['b: cannot reach postgres://db/x', 'c: failing'] });
    expect(() => h.register('a', () => ({ ok: true }))).toThrow(/already registered/);
  });
});

describe('Readiness', () => {
  it('lists the conditions not met, a throwing one included', () => {
    const r = new Readiness();
    let listening = false;
    r.require('listening', () => listening);
    r.require('store', () => {
      throw new Error('not opened');
    });
    expect(r.pending()).toEqual(['listening', 'store']);
    listening = true;
    expect(r.pending()).toEqual(['store']);
  });
});

describe('TokenBucket', () => {
  it('allows `capacity` at once, then refills evenly over the window', () => {
    let t = 0;
    const b = new TokenBucket(10, 10_000, () => t);
    expect(Array.from({ length: 11 }, () => b.take())).toEqual([...Array(10).fill(true), false]);
    t = 999;
    expect(b.take()).toBe(false);
    t = 1100;
    expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
    t = 1_000_000;
    expect(Array.from({ length: 11 }, () => b.take()).filter(Boolean)).toHaveLength(10);
  });
});
