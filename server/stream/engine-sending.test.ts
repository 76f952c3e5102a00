import { describe, expect, it } from 'vitest';
import { heldBytes, patchTransport } from './engine-sending.js';
import { SHARED_DEFLATE_WINDOW_BITS, SharedDeflate } from './shared-deflate.js';

const TAIL = Buffer.from([0, 0, 0xff, 0xff]);

/** A deflate the test finishes when it likes, and how often it ran. */
function heldDeflate(out = Buffer.from('DEFLATED')) {
  let finish!: () => void;
  let calls = 0;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const deflate = async () => {
    calls += 1;
    await done;
    return Buffer.concat([out, TAIL]);
  };
  return { deflate, finish, calls: () => calls };
}

/** engine.io's WebSocket transport over a `ws` that logs what it writes, in order; negotiated as the server offers unless told. */
function transport(deflate: { server_no_context_takeover?: boolean; server_max_window_bits?: number } | null = { server_no_context_takeover: true, server_max_window_bits: SHARED_DEFLATE_WINDOW_BITS }, senderState = 0) {
  const out: string[] = [];
  const payloads: Buffer[] = [];
  class FakeSender {
    _state = senderState;
    static frame(data: Buffer, o: { rsv1: boolean; opcode: number; fin: boolean }) {
      return [Buffer.from([(o.fin ? 0x80 : 0) | (o.rsv1 ? 0x40 : 0) | o.opcode]), data];
    }
    sendFrame(list: Buffer[], cb: () => void) {
      out.push(`frame ${list[0][0].toString(16)} ${list[1].toString()}`);
      payloads.push(list[1]);
      cb();
    }
  }
  const ws = {
    readyState: 1,
    send(data: Buffer | string, o: { compress: boolean }, cb: () => void) {
      out.push(`ws.send compress=${o.compress} ${data.toString()}`);
      cb();
    },
    _sender: new FakeSender(),
    _extensions: deflate ? { 'permessage-deflate': { params: deflate, _threshold: 4 } } : {},
  };
  const t = {
    name: 'websocket',
    writable: true,
    supportsBinary: true,
    socket: ws,
    parser: { encodePacket: (p: { data: string }, _b: boolean, cb: (d: string) => void) => cb(`4${p.data}`) },
    _onSent: () => {},
    _onSentLast: () => (t.writable = true),
    _canSendPreEncodedFrame: () => false,
    send: (_packets: unknown[]) => {},
  };
  expect(patchTransport(t)).toBe(true);
  return { t, ws, out, payloads };
}

const jsonMessage = (text: string, shared: SharedDeflate) => ({ type: 'message', options: { compress: true, utf8Message: shared.message, sharedDeflate: shared }, data: text });
const tick = () => new Promise((r) => setImmediate(r));

describe("a JSON message's deflate shared by the connections", () => {
  it('sends every connection the one deflated payload as a compressed text frame, deflated once', async () => {
    const held = heldDeflate();
    const shared = new SharedDeflate(Buffer.from('4message'), held.deflate);
    const [a, b] = [transport(), transport()];
    a.t.send([jsonMessage('message', shared)]);
    b.t.send([jsonMessage('message', shared)]);
    held.finish();
    await tick();
    expect(a.out).toEqual(['frame c1 DEFLATED']);
    expect(b.out).toEqual(['frame c1 DEFLATED']);
    expect(a.payloads[0]).toBe(b.payloads[0]);
    expect(held.calls()).toBe(1);
    expect([a.t.writable, b.t.writable]).toEqual([true, true]);
  });

  it('holds the packets after a message being deflated until it has gone, in order', async () => {
    const held = heldDeflate();
    const shared = new SharedDeflate(Buffer.from('4snapshot'), held.deflate);
    const { t, out } = transport();
    t.send([{ type: 'message', data: 'before' }, jsonMessage('snapshot', shared), { type: 'message', data: 'after' }]);
    await tick();
    expect(out).toEqual(['ws.send compress=true 4before']);
    // engine.io queues what comes meanwhile: its transport is not writable; the message counts as waiting
    expect(t.writable).toBe(false);
    expect(heldBytes(t)).toBe('4snapshot'.length);
    held.finish();
    await tick();
    expect(heldBytes(t)).toBe(0);
    expect(out).toEqual(['ws.send compress=true 4before', 'frame c1 DEFLATED', 'ws.send compress=true 4after']);
    expect(t.writable).toBe(true);
  });

  it.each([
    ['without permessage-deflate', null, 0],
    ['with context takeover', { server_max_window_bits: SHARED_DEFLATE_WINDOW_BITS }, 0],
    ['with a smaller window than the payload was deflated with', { server_no_context_takeover: true, server_max_window_bits: SHARED_DEFLATE_WINDOW_BITS - 1 }, 0],
    ["while ws deflates a message of its own (it would be overtaken)", { server_no_context_takeover: true }, 1],
  ] as const)('leaves the message to ws %s', async (_, deflate, senderState) => {
    const held = heldDeflate();
    const shared = new SharedDeflate(Buffer.from('4message'), held.deflate);
    const { t, out } = transport(deflate, senderState);
    t.send([jsonMessage('message', shared)]);
    held.finish();
    await tick();
    expect(out).toEqual(['ws.send compress=true 4message']);
    expect(held.calls()).toBe(0);
  });

  it('leaves a message below the threshold to ws, which sends it as it is', async () => {
    const held = heldDeflate();
    const { t, out } = transport();
    t.send([jsonMessage('m', new SharedDeflate(Buffer.from('4m'), held.deflate))]);
    expect(out).toEqual(['ws.send compress=true 4m']);
    expect(held.calls()).toBe(0);
  });

  it('sends the message through ws when zlib failed, and nothing to a connection closed meanwhile', async () => {
    const shared = new SharedDeflate(Buffer.from('4message'), () => Promise.reject(new Error('zlib')));
    const open = transport();
    const closed = transport();
    open.t.send([jsonMessage('message', shared)]);
    closed.t.send([jsonMessage('message', shared)]);
    closed.ws.readyState = 3;
    await tick();
    expect(open.out).toEqual(['ws.send compress=true 4message']);
    expect(closed.out).toEqual([]);
  });
});
