import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { LeaderLease, type LeaseStore } from './leader-lease.js';
import { redisLeaseStore } from './redis-lease-store.js';
import type { RedisCommands } from './redis-commands.js';

/** A lease store with Redis's semantics on a clock the test moves; `broken` makes every call fail (Redis away). */
function fakeStore(clock: { t: number }) {
  const keys = new Map<string, { owner: string; expiresAt: number }>();
  let broken = false;
  const live = (key: string) => {
    const k = keys.get(key);
    if (k && k.expiresAt <= clock.t) keys.delete(key);
    return keys.get(key);
  };
  const check = () => {
    if (broken) throw new Error('connection refused');
  };
  const store: LeaseStore = {
    async acquire(key, owner, ttlMs) {
      check();
      if (live(key)) return false;
      keys.set(key, { owner, expiresAt: clock.t + ttlMs });
      return true;
    },
    async renew(key, owner, ttlMs) {
      check();
      const k = live(key);
      if (!k || k.owner !== owner) return false;
      k.expiresAt = clock.t + ttlMs;
      return true;
    },
    async release(key, owner) {
      check();
      const k = live(key);
      if (!k || k.owner !== owner) return false;
      keys.delete(key);
      return true;
    },
  };
  return { store, holder: (key: string) => live(key)?.owner, setBroken: (b: boolean) => (broken = b) };
}

const TTL = 3000;
const RENEW = 1000;

function node(store: LeaseStore, owner: string, clock: { t: number }) {
  const lease = new LeaderLease(store, { key: 'leader', owner, ttlMs: TTL, renewMs: RENEW, now: () => clock.t });
  const changes: boolean[] = [];
  lease.onChange((l) => changes.push(l));
  return { lease, changes };
}

describe('LeaderLease', () => {
  it('one node leads; the other keeps trying and does not lead while the leader renews', async () => {
    const clock = { t: 0 };
    const f = fakeStore(clock);
    const a = node(f.store, 'a', clock);
    const b = node(f.store, 'b', clock);
    await a.lease.round();
    await b.lease.round();
    expect([a.lease.isLeader, b.lease.isLeader]).toEqual([true, false]);
    for (let i = 0; i < 20; i++) {
      clock.t += RENEW;
      await a.lease.round();
      await b.lease.round();
    }
    expect([a.lease.isLeader, b.lease.isLeader, f.holder('leader')]).toEqual([true, false, 'a']);
    expect(a.changes).toEqual([true]);
    expect(b.changes).toEqual([]);
  });

  it('a dead leader (no more renewals) is replaced once its key expires, within ttl + one beat', async () => {
    const clock = { t: 0 };
    const f = fakeStore(clock);
    const a = node(f.store, 'a', clock);
    const b = node(f.store, 'b', clock);
    await a.lease.round();
    // a is SIGKILLed now: only b's beat goes on
    let tookOverAt: number | null = null;
    for (let i = 1; i <= 10 && tookOverAt === null; i++) {
      clock.t = i * RENEW;
      await b.lease.round();
      if (b.lease.isLeader) tookOverAt = clock.t;
    }
    expect(tookOverAt).toBe(TTL);
    expect(tookOverAt! - 0).toBeLessThanOrEqual(TTL + RENEW);
  });

  it('a leader that cannot reach the store steps down when its own view of the lease runs out, not later', async () => {
    const clock = { t: 0 };
    const f = fakeStore(clock);
    const a = node(f.store, 'a', clock);
    await a.lease.round();
    clock.t = 1000;
    await a.lease.round(); // renewed at 1000: held until 4000
    f.setBroken(true);
    const leadingAt: Array<[number, boolean]> = [];
    for (const t of [2000, 3000, 3999, 4000, 5000]) {
      clock.t = t;
      await a.lease.round();
      leadingAt.push([t, a.lease.isLeader]);
    }
    expect(leadingAt).toEqual([
      [2000, true],
      [3000, true],
      [3999, true],
      [4000, false],
      [5000, false],
    ]);
    expect(a.lease.counts.errors).toBe(5);
    expect(a.lease.lastError).toBe('connection refused');
  });

  it('counts the lease from when the command was sent: an answer later than the ttl takes no lead', async () => {
    const clock = { t: 0 };
    const slow: LeaseStore = {
      acquire: async () => {
        clock.t += TTL + 1; // the answer comes after the lease it granted has run out
        return true;
      },
      renew: async () => true,
      release: async () => true,
    };
    const a = node(slow, 'a', clock);
    await a.lease.round();
    expect(a.lease.isLeader).toBe(false);
    expect(a.changes).toEqual([]);
  });

  it('steps down at once when a renewal finds the key held by another', async () => {
    const clock = { t: 0 };
    const f = fakeStore(clock);
    const a = node(f.store, 'a', clock);
    await a.lease.round();
    // a stalls (GC pause, stopped VM) past its ttl; b takes the lease meanwhile
    clock.t = TTL + 500;
    const b = node(f.store, 'b', clock);
    await b.lease.round();
    expect(b.lease.isLeader).toBe(true);
    // a's own view has expired too: it steps down before even asking
    await a.lease.round();
    expect(a.lease.isLeader).toBe(false);
    expect(a.changes).toEqual([true, false]);
    expect(f.holder('leader')).toBe('b');
  });

  it('stop() releases the lease so another node leads at its next beat; a stale release frees nobody else', async () => {
    const clock = { t: 0 };
    const f = fakeStore(clock);
    const a = node(f.store, 'a', clock);
    const b = node(f.store, 'b', clock);
    await a.lease.round();
    await a.lease.stop();
    expect(a.changes).toEqual([true, false]);
    expect(f.holder('leader')).toBeUndefined();
    clock.t = 10;
    await b.lease.round();
    expect(b.lease.isLeader).toBe(true);
    expect(await f.store.release('leader', 'a')).toBe(false);
    expect(f.holder('leader')).toBe('b');
  });
});

// The Lua scripts themselves, against the Redis the cluster test uses (required under CI; .ci/run starts one).
const REDIS_URL = process.env.CLUSTER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = createClient({ url: REDIS_URL, socket: { connectTimeout: 1500, reconnectStrategy: false } });
redis.on('error', () => {});
const redisUp = await redis.connect().then(
  () => true,
  () => false,
);
if (!redisUp && process.env.CI) throw new Error(`CI runs the lease scripts against Redis, and nothing answers at ${REDIS_URL}`);
afterAll(async () => {
  if (redisUp) await redis.close();
});

describe.skipIf(!redisUp)('redisLeaseStore against Redis', () => {
  it('takes with NX, renews and releases only as the owner', async () => {
    const key = `stadtpuls-lease-test:${process.pid}:${Date.now()}`;
    const store = redisLeaseStore(redis as unknown as RedisCommands);
    expect(await store.acquire(key, 'a', 2000)).toBe(true);
    expect(await store.acquire(key, 'b', 2000)).toBe(false);
    expect(await store.renew(key, 'b', 5000)).toBe(false);
    expect(await store.renew(key, 'a', 5000)).toBe(true);
    const pttl = Number(await redis.sendCommand(['PTTL', key]));
    expect(pttl).toBeGreaterThan(4000);
    expect(await store.release(key, 'b')).toBe(false);
    expect(await redis.sendCommand(['GET', key])).toBe('a');
    expect(await store.release(key, 'a')).toBe(true);
    expect(await redis.sendCommand(['EXISTS', key])).toBe(0);
    expect(await store.acquire(key, 'b', 100)).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
    expect(await store.acquire(key, 'c', 2000)).toBe(true);
    await redis.sendCommand(['DEL', key]);
  });
});
