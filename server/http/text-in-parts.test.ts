import { describe, expect, it } from 'vitest';
import { busyFor, drainingResponse } from '../../tests/helpers/draining-response.js';
import { sendTextInParts } from './text-in-parts.js';

describe('text sent in parts', () => {
  it('sends the parts joined, in larger writes than one per part', async () => {
    const { res, response } = drainingResponse();
    const parts = Array.from({ length: 5000 }, (_, i) => `sensor-${i},${i / 7}\r\n`);
    await sendTextInParts(response, 'text/csv', parts);
    expect(res.ended).toBe(true);
    expect(res.written.join('')).toBe(parts.join(''));
    expect(res.written.length).toBeLessThan(10);
  });

  it('lets the event loop turn between parts also when each write waited for a drain', async () => {
    const { res, response } = drainingResponse();
    let made = 0;
    function* parts() {
      for (let i = 0; i < 5; i++) {
        // each part takes longer than the slice budget and fills a write
        busyFor(12);
        made += 1;
        yield 'x'.repeat(70_000);
      }
    }
    let madeWhenTurned = -1;
    setImmediate(() => (madeWhenTurned = made));
    await sendTextInParts(response, 'text/plain', parts());
    expect(res.written.join('')).toHaveLength(5 * 70_000);
    // without the turn after a drain the immediate waited until all five parts were made
    expect(madeWhenTurned).toBe(1);
  });

  it('stops making parts when the client has gone', async () => {
    const { res, response } = drainingResponse();
    let made = 0;
    function* parts() {
      for (;;) {
        made += 1;
        if (made === 3) res.destroyed = true;
        yield 'row\r\n';
      }
    }
    await sendTextInParts(response, 'text/plain', parts());
    expect(made).toBe(3);
    expect(res.ended).toBe(false);
  });
});
