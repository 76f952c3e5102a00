import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyFor, drainingResponse } from '../../tests/helpers/draining-response.js';
import { ITEMS_PER_SLICE, sendJsonInSlices } from './json-in-slices.js';

describe('JSON sent in slices', () => {
  const big = { seq: 7, note: 'a "quoted" \u0000 text', entries: Array.from({ length: 5003 }, (_, i) => ({ id: `s-${i}`, v: i % 3 === 0 ? null : i / 7, u: undefined })), after: [1, 2] };
  const values: Record<string, object> = { big, empty: { seq: 1, entries: [] }, last: { entries: [{ a: 1 }] }, notList: { entries: 'x' } };
  const writes: number[] = [];
  let server: ReturnType<express.Express['listen']>;
  let url = '';
  beforeAll(async () => {
    const app = express();
    app.get('/:name', (req, res, next) => {
      let n = 0;
      const write = res.write.bind(res) as (chunk: string) => boolean;
      res.write = ((chunk: string) => (n += 1, write(chunk))) as typeof res.write;
      res.on('finish', () => writes.push(n));
      // `?made`: each entry made as its slice is written, as the GeoJSON export makes its features
      const itemOf = req.query.made === undefined ? undefined : (e: { id: unknown }) => ({ made: e.id });
      sendJsonInSlices(res, values[req.params.name] as { entries: Array<{ id: unknown }> }, 'entries', 'application/json', itemOf).catch(next);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('writes a long array in parts, not as one string', async () => {
    values.long = { entries: Array.from({ length: 30_000 }, (_, i) => ({ id: i, name: `sensor ${i}` })) };
    const body = await (await fetch(`${url}/long`)).text();
    expect(JSON.parse(body).entries).toHaveLength(30_000);
    // 900 KB in writes of a few slices each
    expect(writes.at(-1)).toBeGreaterThan(5);
    delete values.long;
  });

  it('makes each item as its slice is written: the same text as JSON.stringify of the items made beforehand', async () => {
    const made = { ...big, entries: big.entries.map((e) => ({ made: e.id })) };
    expect(await (await fetch(`${url}/big?made`)).text()).toBe(JSON.stringify(made));
  });

  it.each(Object.keys(values))('%s: the same text as JSON.stringify, as JSON', async (name) => {
    const res = await fetch(`${url}/${name}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe(JSON.stringify(values[name]));
  });

  // items of about 100 bytes: a slice of them is more than one write's worth
  const pad = 'x'.repeat(100);

  it('lets the event loop turn between slices also when each write waited for a drain', async () => {
    const { res, response } = drainingResponse();
    // each slice takes longer than the slice budget
    const slowItem = (i: number) => (i % ITEMS_PER_SLICE === 0 && busyFor(12), { i, pad });
    let writesWhenTurned = -1;
    // looked for from the first write on: a loaded machine may give a turn before it (after the head), which is not
    // what this test is about
    const write = res.write;
    res.write = (chunk: string) => {
      if (res.written.length === 0) setImmediate(() => (writesWhenTurned = res.written.length));
      return write(chunk);
    };
    await sendJsonInSlices(response, { items: Array.from({ length: 5 * ITEMS_PER_SLICE }, (_, i) => i) }, 'items', 'application/json', slowItem);
    expect(JSON.parse(res.written.join('')).items).toHaveLength(5 * ITEMS_PER_SLICE);
    // the head with the first slice; without the turn the immediate waited until all five slices were written
    expect(writesWhenTurned).toBe(1);
  });

  it('writes an iterable as the array of its items, taking them a slice at a time', async () => {
    const { res, response } = drainingResponse();
    let taken = 0;
    const takenAtWrite: number[] = [];
    const write = res.write;
    res.write = (chunk: string) => (takenAtWrite.push(taken), write(chunk));
    function* entries() {
      for (let i = 0; i < 2.5 * ITEMS_PER_SLICE; i++) {
        taken += 1;
        yield { id: i, pad };
      }
    }
    await sendJsonInSlices(response, { seq: 3, entries: entries(), after: true }, 'entries');
    const all = Array.from({ length: 2.5 * ITEMS_PER_SLICE }, (_, i) => ({ id: i, pad }));
    expect(res.written.join('')).toBe(JSON.stringify({ seq: 3, entries: all, after: true }));
    // a slice's worth taken at each write (the head went with the first, the last half slice with the end)
    expect(takenAtWrite).toEqual([ITEMS_PER_SLICE, 2 * ITEMS_PER_SLICE]);
  });

  it('closes an async list when the client has gone, so what makes it (a store read page by page) stops', async () => {
    const { res, response } = drainingResponse();
    let pagesRead = 0;
    let closed = false;
    async function* features() {
      try {
        for (;;) {
          pagesRead += 1;
          for (let i = 0; i < 100; i++) yield { i, pad };
        }
      } finally {
        closed = true;
      }
    }
    const write = res.write;
    // the client goes away after the first write
    res.write = (chunk: string) => ((res.destroyed = true), write(chunk));
    await sendJsonInSlices(response, { features: features() }, 'features');
    expect(closed).toBe(true);
    // one write's worth of slices read, not an endless list
    expect(pagesRead).toBeLessThan(10 * (ITEMS_PER_SLICE / 100));
  });
});
