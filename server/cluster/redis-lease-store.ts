import type { LeaseStore } from './leader-lease.js';
import type { RedisCommands } from './redis-commands.js';

// Compare-and-act scripts: the check and the change are one step in Redis, so a node whose lease
// expired (and was taken by another) can neither extend nor delete the new holder's key.
const RENEW_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const DELETE_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** The leader lease on one Redis key (SET NX PX to take, Lua compare-and-expire to renew, compare-and-delete to release). */
export function redisLeaseStore(redis: RedisCommands): LeaseStore {
  return {
    async acquire(key, owner, ttlMs) {
      return (await redis.sendCommand(['SET', key, owner, 'NX', 'PX', String(ttlMs)])) === 'OK';
    },
    async renew(key, owner, ttlMs) {
      return Number(await redis.sendCommand(['EVAL', RENEW_IF_OWNER, '1', key, owner, String(ttlMs)])) === 1;
    },
    async release(key, owner) {
      return Number(await redis.sendCommand(['EVAL', DELETE_IF_OWNER, '1', key, owner])) === 1;
    },
  };
}
