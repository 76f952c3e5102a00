import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * `ws`'s PerMessageDeflate, the class that deflates every permessage-deflate message (its `compress`) and frees a
 * connection's zlib contexts (its `cleanup`): what the tests and benches of the live stream's compression watch.
 * `ws` does not export the module; this is the copy socket.io's engine loads.
 */
export const PerMessageDeflate = createRequire(import.meta.url)(path.resolve('node_modules/ws/lib/permessage-deflate.js')) as {
  prototype: { compress(...args: unknown[]): void; cleanup(): void };
};

/** `ws`'s Sender, whose `sendFrame` writes every frame (a header and its payload) to the TCP socket. */
export const Sender = createRequire(import.meta.url)(path.resolve('node_modules/ws/lib/sender.js')) as {
  prototype: { sendFrame(...args: unknown[]): void };
};
