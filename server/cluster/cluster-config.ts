import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** The cluster's part of the environment (README.md, docs/deploy.md). Without REDIS_URL the server is one process as always. */
export const clusterEnvSchema = z.object({
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL: redis://host:port (or rediss:// for TLS)')
    .optional(),
  /** every key, stream and channel the cluster uses starts with this: two clusters (or test runs) on one Redis do not meet */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'REDIS_KEY_PREFIX: letters, digits, : _ - (at most 64)').default('stadtpuls'),
  /** this node's name in logs, /api/health and the leader key; default host-pid-random */
  NODE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'NODE_ID: letters, digits, . _ - (at most 64)').optional(),
  LEADER_TTL_MS: z.coerce.number().int().min(500).max(60_000).default(3000),
  LEADER_RENEW_MS: z.coerce.number().int().min(100).max(20_000).default(1000),
  /** approximate cap of the readings stream, in stream entries (each a batch of readings) */
  CLUSTER_STREAM_MAXLEN: z.coerce.number().int().min(100).max(10_000_000).default(2000),
});

export interface ClusterConfig {
  redisUrl: string;
  keyPrefix: string;
  nodeId: string;
  leaderTtlMs: number;
  leaderRenewMs: number;
  streamMaxLen: number;
}

export function toClusterConfig(e: z.infer<typeof clusterEnvSchema>): ClusterConfig | null {
  if (!e.REDIS_URL) return null;
  if (e.LEADER_RENEW_MS * 2 > e.LEADER_TTL_MS) {
    throw new Error('invalid configuration: LEADER_RENEW_MS must be at most half of LEADER_TTL_MS (a leader renews at least twice per lease)');
  }
  return {
    redisUrl: e.REDIS_URL,
    keyPrefix: e.REDIS_KEY_PREFIX,
    nodeId: e.NODE_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    leaderTtlMs: e.LEADER_TTL_MS,
    leaderRenewMs: e.LEADER_RENEW_MS,
    streamMaxLen: e.CLUSTER_STREAM_MAXLEN,
  };
}
