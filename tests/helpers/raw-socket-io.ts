import type { Socket as NetSocket } from 'node:net';
// `ws` comes with socket.io (engine.io's WebSocket server); no extra dependency.
import WebSocket from 'ws';

/**
 * A Socket.IO client made by hand from a raw WebSocket, to behave as no real client would: it does
 * the Engine.IO and Socket.IO handshakes, then can stop reading (pause the TCP socket) while it
 * keeps writing.
 */
export interface RawSocketIo {
  ws: WebSocket;
  /** the TCP socket under the WebSocket */
  tcp: NetSocket;
  /** stop reading: what the server sends piles up in its buffers */
  stopReading(): void;
  /** sends one Socket.IO event packet, e.g. `42["snapshot:request"]` */
  send(packet: string): void;
  /** resolves when the TCP connection is closed (reading resumes, so a FIN is seen) */
  closed(): Promise<void>;
}

export async function connectRawSocketIo(baseUrl: string, opts: { perMessageDeflate?: boolean } = {}): Promise<RawSocketIo> {
  // Without permessage-deflate what the server sends fills the buffers as fast as it is written.
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: opts.perMessageDeflate ?? true });
  const tcpClosed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.on('message', function onMessage(data) {
      const text = String(data);
      if (text.startsWith('0')) ws.send('40'); // Engine.IO open → join the main namespace
      else if (text.startsWith('40')) {
        ws.off('message', onMessage);
        resolve();
      }
    });
    ws.once('close', () => reject(new Error('closed during the handshake')));
  });
  const tcp = (ws as unknown as { _socket: NetSocket })._socket;
  return {
    ws,
    tcp,
    stopReading: () => tcp.pause(),
    send: (packet) => {
      if (!tcp.destroyed && ws.readyState === WebSocket.OPEN) ws.send(packet);
    },
    closed: () => {
      tcp.resume();
      return tcpClosed;
    },
  };
}
