import { io, type Socket } from 'socket.io-client';
import { EVENTS, type ClientToServerEvents, type ServerToClientEvents } from '../../../common/protocol.js';
import type { LiveStore } from './live-store.js';
import { RejoinBackoff } from './rejoin-backoff.js';

/** The floor of the wait after the server ended the session (a restart, say). */
const SERVER_DISCONNECT_RETRY_MS = 2000;

/**
 * Connects the store to the server's live stream. Socket.IO reconnects by itself with backoff;
 * after a reconnect the server sends a fresh snapshot. A sequence gap asks for one explicitly.
 * When the server drops this client (too many requests, or too slow to read: `dropped`), it waits
 * at least as long as the server asks and longer with each drop in a row.
 */
export function connectLive(store: LiveStore, url?: string): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url ?? window.location.origin, {
    transports: ['websocket', 'polling'],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
  });
  let awaitingSnapshot = true;
  const backoff = new RejoinBackoff();
  let rejoinTimer: number | undefined;
  const rejoinAfter = (minMs: number) => {
    window.clearTimeout(rejoinTimer);
    rejoinTimer = window.setTimeout(() => socket.connect(), backoff.next(minMs, Date.now()));
  };

  socket.on('connect', () => store.setConnected(true));
  socket.on(EVENTS.dropped, (notice) => {
    // Disconnecting from this side stops Socket.IO's own quick reconnects; the backoff decides when.
    console.warn(`live stream: dropped by the server (${notice.reason}: ${notice.detail})`);
    socket.disconnect();
    rejoinAfter(notice.retryAfterMs);
  });
  socket.on('disconnect', (reason) => {
    awaitingSnapshot = true;
    store.setConnected(false);
    // Socket.IO does not retry after a disconnect the server asked for (e.g. during a restart);
    // a wall display must come back on its own, so retry anyway.
    if (reason === 'io server disconnect') rejoinAfter(SERVER_DISCONNECT_RETRY_MS);
  });
  socket.on(EVENTS.snapshot, (snapshot) => {
    awaitingSnapshot = false;
    store.applySnapshot(snapshot);
  });
  socket.on(EVENTS.delta, (delta) => {
    if (awaitingSnapshot) return;
    if (!store.applyDelta(delta)) {
      awaitingSnapshot = true;
      socket.emit(EVENTS.snapshotRequest);
    }
  });

  const watchdog = window.setInterval(() => store.refreshStatus(), 1000);
  return () => {
    window.clearInterval(watchdog);
    window.clearTimeout(rejoinTimer);
    socket.close();
  };
}
