/**
 * The part of a node-redis client the cluster uses: raw commands, whose replies it parses itself
 * (./stream-reply.ts), so the code does not depend on the client's RESP2/RESP3 reply mapping.
 * Commands sent in the same tick go out pipelined in one write.
 */
export interface RedisCommands {
  sendCommand(args: string[]): Promise<unknown>;
  readonly isReady: boolean;
}
