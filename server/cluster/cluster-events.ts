import { z } from 'zod';
import { trafficClosureSchema } from '../../common/protocol.js';

/**
 * What an operator changes at one node and every node must show: closures and the alert list's
 * acknowledgements and shelves. Alerts are named by key (place and condition), which every node derives
 * alike from the same readings; an alert's id carries the time its node first saw it, so it differs.
 */
export const clusterEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('closure_set'), closure: trafficClosureSchema }),
  z.object({ type: z.literal('closure_edited'), closure: trafficClosureSchema }),
  z.object({ type: z.literal('closure_lifted'), id: z.string().min(1).max(200) }),
  z.object({ type: z.literal('alert_acknowledged'), keys: z.array(z.string().max(500)).max(10_000), by: z.string().max(200), comment: z.string().max(2000).optional(), t: z.number() }),
  z.object({ type: z.literal('alert_shelved'), keys: z.array(z.string().max(500)).max(10_000), by: z.string().max(200), until: z.number(), reason: z.string().max(2000), t: z.number() }),
]);

export type ClusterEvent = z.infer<typeof clusterEventSchema>;

/** Where a route hands an operator's change for the other nodes; nothing in a single process. */
export type SharedChange = (event: ClusterEvent) => void;
