import type { RedisCommands } from './redis-commands.js';

/** A simulated city clock as the first node of a cluster started it. */
interface ClockEpoch {
  scenario: string;
  speed: number;
  /** city time at `wallAt` */
  cityAt: number;
  /** wall clock, epoch ms */
  wallAt: number;
}

const START_RUN = "if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then for i = 2, #KEYS do redis.call('del', KEYS[i]) end return 1 end return 0";

/** Kept while any node runs (each refreshes it); a cluster stopped for longer starts a new city day. */
export const CLOCK_TTL_MS = 60_000;

/**
 * One city clock for every node of a simulated run: the first node writes its clock's epoch to Redis
 * (SET NX), every later one adopts it. Returns how far this node's clock must be shifted, ms.
 * The first node's real-time clock counts as a scenario of its own ('real-time').
 * Nodes of one cluster must run the same scenario at the same speed; a node that differs is refused.
 */
export async function agreeOnClock(redis: RedisCommands, key: string, streams: readonly string[], local: { scenario: string; speed: number; cityNow: () => number }): Promise<{ shiftMs: number; epoch: string }> {
  const mine: ClockEpoch = { scenario: local.scenario, speed: local.speed, cityAt: local.cityNow(), wallAt: Date.now() };
  // The first node of a cluster run also clears the streams a previous run left: its readings and
  // closures belong to another city day. One script, so no node can read between the two steps.
  await redis.sendCommand(['EVAL', START_RUN, String(1 + streams.length), key, ...streams, JSON.stringify(mine), String(CLOCK_TTL_MS)]);
  const raw = await redis.sendCommand(['GET', key]);
  const epoch = JSON.parse(String(raw)) as ClockEpoch;
  const shiftMs = Math.round(epoch.cityAt + (Date.now() - epoch.wallAt) * epoch.speed - local.cityNow());
  if (epoch.scenario !== local.scenario || epoch.speed !== local.speed) {
    throw new Error(
      `this node runs scenario ${local.scenario} at ×${local.speed}, the cluster (${key}) runs ${epoch.scenario} at ×${epoch.speed}: every node needs the same SCENARIO and SIM_SPEED`,
    );
  }
  return { shiftMs, epoch: String(raw) };
}

/**
 * Keeps the epoch alive while this node runs, and writes it back when Redis lost it (restarted empty):
 * otherwise the next node to join would take itself for the first of a new run and clear the streams.
 */
export async function refreshClock(redis: RedisCommands, key: string, epoch: string): Promise<void> {
  await Promise.all([redis.sendCommand(['SET', key, epoch, 'NX', 'PX', String(CLOCK_TTL_MS)]), redis.sendCommand(['PEXPIRE', key, String(CLOCK_TTL_MS)])]);
}
