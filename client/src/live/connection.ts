import { io, type Socket } from 'socket.io-client';
import { EVENTS, type ClientToServerEvents, type ServerToClientEvents, type Snapshot } from '../../../common/protocol.js';
import type { SensorKind } from '../../../common/readings.js';
import { columnsToEntries, decodeColumns, type KindColumns } from '../../../common/wire/columns.js';
import type { ColumnsDelta, ColumnsSnapshot, StreamFormat } from '../../../common/wire/live-messages.js';
import { bytesOf, inflateRaw } from './inflate.js';
import { LiveColumns } from './live-columns.js';
import type { LiveStore } from './live-store.js';
import { RejoinBackoff } from './rejoin-backoff.js';
import type { ViewSubscriptions } from './view-subscription.js';

/** The floor of the wait after the server ended the session (a restart, say). */
const SERVER_DISCONNECT_RETRY_MS = 2000;
/** Deltas kept while a snapshot is being inflated; more means something is badly wrong: ask again. */
const MAX_QUEUED_DELTAS = 64;

export interface LiveRegistry {
  ids: readonly string[];
  kindOf: (index: number) => SensorKind | undefined;
  /**
   * The sensors kept in `store.columns` alone, without an entry object (SCALE's generated ones: building
   * 100,000 objects per delta cost the page hundreds of ms). Absent: every sensor gets an entry.
   */
  columnsOnly?: (index: number) => boolean;
}

export interface LiveOptions {
  url?: string;
  /**
   * The registry in GET /api/sensors order: with it the stream comes in the columnar form
   * (docs/protocol.md). A promise lets the socket connect while the registry still loads.
   */
  registry?: LiveRegistry | Promise<LiveRegistry>;
  /** what the map shows; without it the server sends everything */
  view?: ViewSubscriptions;
}

/**
 * Connects the store to the server's live stream. Socket.IO reconnects by itself with backoff;
 * after a reconnect the server sends a fresh snapshot. A sequence gap asks for one explicitly.
 * When the server drops this client (too many requests, or too slow to read: `dropped`), it waits
 * at least as long as the server asks and longer with each drop in a row.
 * With the registry it asks for the columnar form and writes the values into `store.columns`, and
 * entries for the sensors not kept in the columns alone (`LiveRegistry.columnsOnly`); a registry that
 * differs from the server's (its fingerprint) falls back to JSON.
 */
export function connectLive(store: LiveStore, options: LiveOptions | string = {}): () => void {
  const opts: LiveOptions = typeof options === 'string' ? { url: options } : options;
  let format: StreamFormat = opts.registry ? 'columns' : 'json';
  let ids: readonly string[] = [];
  const registryReady = Promise.resolve(opts.registry).then((registry) => {
    if (!registry || format !== 'columns') return;
    ids = registry.ids;
    store.columns = new LiveColumns(ids, registry.kindOf, registry.columnsOnly);
  });
  store.columns = null;
  const view = opts.view;

  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(opts.url ?? window.location.origin, {
    transports: ['websocket', 'polling'],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
    // Called on every (re)connect: the server starts with the current view, not with everything.
    auth: (cb) => cb({ format, ...(view?.current() && { subscription: view.current() }) }),
  });
  let awaitingSnapshot = true;
  let decodingSnapshot = 0;
  let queued: ColumnsDelta[] = [];
  const backoff = new RejoinBackoff();
  let rejoinTimer: number | undefined;
  const rejoinAfter = (minMs: number) => {
    window.clearTimeout(rejoinTimer);
    rejoinTimer = window.setTimeout(() => socket.connect(), backoff.next(minMs, Date.now()));
  };
  const askForSnapshot = () => {
    awaitingSnapshot = true;
    socket.emit(EVENTS.snapshotRequest);
  };

  socket.on('connect', () => {
    store.setConnected(true);
    view?.attach((sub) => socket.emit(EVENTS.subscribe, sub));
  });
  socket.on(EVENTS.dropped, (notice) => {
    // Disconnecting from this side stops Socket.IO's own quick reconnects; the backoff decides when.
    console.warn(`live stream: dropped by the server (${notice.reason}: ${notice.detail})`);
    socket.disconnect();
    rejoinAfter(notice.retryAfterMs);
  });
  socket.on('disconnect', (reason) => {
    awaitingSnapshot = true;
    view?.attach(null);
    store.setConnected(false);
    // Socket.IO does not retry after a disconnect the server asked for (e.g. during a restart);
    // a wall display must come back on its own, so retry anyway.
    if (reason === 'io server disconnect') rejoinAfter(SERVER_DISCONNECT_RETRY_MS);
  });

  // JSON form
  socket.on(EVENTS.snapshot, (snapshot) => {
    awaitingSnapshot = false;
    store.applySnapshot(snapshot);
  });
  socket.on(EVENTS.delta, (delta) => {
    if (awaitingSnapshot) return;
    if (!store.applyDelta(delta)) askForSnapshot();
  });

  // Columnar form
  // Entry objects only for the sensors the rest of the page reads as entries; the columns hold all.
  const entriesOf = (decoded: readonly KindColumns[]) => decoded.flatMap((c) => columnsToEntries(c, ids, store.columns?.keepsEntry));
  /** A delta whose columns are plain bytes (inflated already when they came compressed). */
  const applyColumns = (d: ColumnsDelta, raw: Uint8Array | null) => {
    try {
      const decoded = raw ? decodeColumns(raw) : [];
      const { columns: _bytes, compression: _c, ...rest } = d;
      if (!store.applyDelta({ ...rest, entries: entriesOf(decoded) }, Date.now(), decoded)) askForSnapshot();
    } catch (err) {
      console.error('live stream: unreadable columnar delta', err);
      askForSnapshot();
    }
  };
  // A compressed delta (a very large one) inflates asynchronously: it and every delta after it until the chain
  // is empty are applied in order, one after the other. A new snapshot starts a new epoch: what still inflates
  // from before it is dropped.
  let inflating: Promise<void> | null = null;
  let epoch = 0;
  const applyColumnsDelta = (d: ColumnsDelta) => {
    if (decodingSnapshot > 0) {
      if (queued.push(d) > MAX_QUEUED_DELTAS) queued = [];
      return;
    }
    if (awaitingSnapshot) return;
    if (!d.compression && !inflating) {
      applyColumns(d, d.columns ? bytesOf(d.columns) : null);
      return;
    }
    const at = epoch;
    const raw = !d.columns ? Promise.resolve(null) : d.compression ? inflateRaw(bytesOf(d.columns)) : Promise.resolve(bytesOf(d.columns));
    const step: Promise<void> = (inflating ?? Promise.resolve())
      .then(() => raw)
      .then(
        (bytes) => {
          if (at === epoch && !awaitingSnapshot) applyColumns(d, bytes);
        },
        (err: unknown) => {
          if (at !== epoch) return;
          console.error('live stream: unreadable compressed delta', err);
          askForSnapshot();
        },
      )
      .finally(() => {
        if (inflating === step) inflating = null;
      });
    inflating = step;
  };
  socket.on(EVENTS.columnsSnapshot, (s: ColumnsSnapshot) => {
    awaitingSnapshot = true;
    epoch += 1;
    inflating = null;
    const token = ++decodingSnapshot;
    queued = [];
    Promise.all([inflateRaw(bytesOf(s.columns)), registryReady])
      .then(([raw]) => {
        if (token !== decodingSnapshot) return; // a newer snapshot is on its way
        const fingerprint = store.columns?.fingerprint ?? null;
        if (s.registry !== fingerprint) {
          // Indices into another registry would put values on the wrong sensors: take the JSON form instead.
          console.warn(`live stream: the server's registry (${s.registry}) is not this page's (${fingerprint}); using the JSON form`);
          format = 'json';
          store.columns = null;
          decodingSnapshot = 0;
          socket.disconnect().connect();
          return;
        }
        const decoded = decodeColumns(raw);
        const { columns: _bytes, compression: _c, registry: _r, subscription: _s, ...rest } = s;
        store.applySnapshot({ ...rest, entries: entriesOf(decoded) } as Snapshot, Date.now(), decoded);
        awaitingSnapshot = false;
        decodingSnapshot = 0;
        // Deltas that came while it inflated, in order; the first must follow the snapshot.
        for (const d of queued.splice(0)) if (d.seq > s.seq) applyColumnsDelta(d);
      })
      .catch((err: unknown) => {
        console.error('live stream: unreadable columnar snapshot', err);
        if (token === decodingSnapshot) decodingSnapshot = 0;
        askForSnapshot();
      });
  });
  socket.on(EVENTS.columnsDelta, applyColumnsDelta);

  const watchdog = window.setInterval(() => store.refreshStatus(), 1000);
  return () => {
    window.clearInterval(watchdog);
    window.clearTimeout(rejoinTimer);
    view?.attach(null);
    socket.close();
  };
}

