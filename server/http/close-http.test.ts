import { createServer, type Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeHttpWithin } from './close-http.js';

let http: Server;
const sockets: net.Socket[] = [];

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  http = createServer(handler);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return (http.address() as AddressInfo).port;
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

const closed = (socket: net.Socket) => new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));

afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  http?.closeAllConnections();
});

describe('closeHttpWithin', () => {
  it('ends a connection that never sent a request and one that sent half of one (they held the close for good)', async () => {
    const port = await listen((_req, res) => res.end('ok'));
    const silent = await connect(port);
    const partial = await connect(port);
    partial.write('GET / HTTP/1.1\r\nHost: x\r\n');
    await new Promise((r) => setTimeout(r, 50));
    await closeHttpWithin(http, (done) => http.close(() => done()), 200);
    await Promise.all([closed(silent), closed(partial)]);
    expect(http.listening).toBe(false);
  }, 10_000);

  it('lets a request under way finish within the grace time', async () => {
    const port = await listen((_req, res) => setTimeout(() => res.end('finished'), 300));
    const socket = await connect(port);
    let received = '';
    socket.on('data', (b) => (received += b.toString()));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((r) => setTimeout(r, 50));
    await closeHttpWithin(http, (done) => http.close(() => done()), 5_000);
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toContain('finished');
  }, 10_000);

  it('cuts a request that outlasts the grace time', async () => {
    const port = await listen(() => {
      /* never answers */
    });
    const socket = await connect(port);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((r) => setTimeout(r, 50));
    await closeHttpWithin(http, (done) => http.close(() => done()), 200);
    await closed(socket);
  }, 10_000);
});
