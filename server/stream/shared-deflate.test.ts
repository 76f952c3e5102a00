import { constants, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SHARED_DEFLATE_WINDOW_BITS, SharedDeflate } from './shared-deflate.js';

/** As a permessage-deflate receiver inflates a message (RFC 7692 7.2.2): the four bytes put back, a window of the negotiated size. */
const inflate = (payload: Buffer) =>
  inflateRawSync(Buffer.concat([payload, Buffer.from([0, 0, 0xff, 0xff])]), { windowBits: SHARED_DEFLATE_WINDOW_BITS, finishFlush: constants.Z_SYNC_FLUSH });

describe('SharedDeflate', () => {
  it('deflates a message once however many connections ask, without the sync flush tail', async () => {
    const message = Buffer.from(`42["delta",${JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ sensorId: `s-${i}`, value: i % 17 })))}]`);
    let calls = 0;
    const shared = new SharedDeflate(message, async (m) => {
      calls += 1;
      const { deflateRawSync } = await import('node:zlib');
      return deflateRawSync(m, { windowBits: SHARED_DEFLATE_WINDOW_BITS, finishFlush: constants.Z_SYNC_FLUSH });
    });
    await Promise.all([shared.ready(), shared.ready(), shared.ready()]);
    await shared.ready();
    expect(calls).toBe(1);
    expect(shared.failed).toBe(false);
    expect(shared.bytes!.length).toBeLessThan(message.length / 4);
    expect(shared.bytes!.subarray(-4).equals(Buffer.from([0, 0, 0xff, 0xff]))).toBe(false);
    expect(inflate(shared.bytes!).equals(message)).toBe(true);
  });

  it("inflates with the window the server offers, in zlib's pool by default", async () => {
    const message = Buffer.from('x'.repeat(3000) + JSON.stringify({ utf8: 'Bochum-Wattenscheid, Straße, 25 °C' }));
    const shared = new SharedDeflate(message);
    await shared.ready();
    expect(inflate(shared.bytes!).toString()).toBe(message.toString());
  });

  it('counts as failed when zlib fails or the output does not end with a sync flush, and never rejects', async () => {
    const failing = new SharedDeflate(Buffer.from('abc'), () => Promise.reject(new Error('zlib')));
    await expect(failing.ready()).resolves.toBeUndefined();
    expect(failing).toMatchObject({ failed: true, bytes: null });
    const finished = new SharedDeflate(Buffer.from('abc'), async () => Buffer.from([0x4b, 0x4c, 0x4a, 0x06, 0x00]));
    await finished.ready();
    expect(finished).toMatchObject({ failed: true, bytes: null });
  });
});
