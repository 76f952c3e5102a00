import { io, type Socket } from 'socket.io-client';
import { EVENTS, type ClientToServerEvents, type ServerToClientEvents } from '../../../common/protocol.js';
import type { LiveStore } from './live-store.js';

/**
 * Connects the store to the server's live stream. Socket.IO reconnects by itself with backoff;
 * after a reconnect the server sends a fresh snapshot. A sequence gap asks for one explicitly.
 */
export function connectLive(store: LiveStore, url?: string): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url ?? window.location.origin, {
    transports: ['websocket', 'polling'],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
  });
  let awaitingSnapshot = true;

  socket.on('connect', () => store.setConnected(true));
  socket.on('disconnect', (reason) => {
    awaitingSnapshot = true;
    store.setConnected(false);
    // Socket.IO does not retry after a disconnect the server asked for (e.g. during a restart);
    // a wall display must come back on its own, so retry anyway.
    if (reason === 'io server disconnect') window.setTimeout(() => socket.connect(), 2000);
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
    socket.close();
  };
}
