import { describe, expect, it } from 'vitest';
import type { Bounds } from '../../../common/geo-bounds.js';
import { HeatSurfaceJob, type SurfacePort } from './heat-surface-job.js';
import type { SurfaceAnswer, SurfaceRequest } from './heat-surface-protocol.js';

const BOUNDS: Bounds = [7, 51, 8, 52];
const RINGS = [[[7, 51], [8, 51], [8, 52]] as Array<[number, number]>];
const input = (v: number) => ({ lonLat: [7.5, 51.5], values: Float64Array.of(v), bounds: BOUNDS, mode: 'absolute' as const });

function fakeWorker() {
  const sent: SurfaceRequest[] = [];
  const transferred: Transferable[][] = [];
  const port: SurfacePort = { postMessage: (m, t) => (sent.push(m), transferred.push(t ?? [])), onmessage: null };
  const answer = (seq: number, mean: number) => port.onmessage!({ data: { seq, image: null, mean } as SurfaceAnswer } as MessageEvent<SurfaceAnswer>);
  return { port, sent, transferred, answer };
}

describe('HeatSurfaceJob', () => {
  it('draws one surface at a time and then only the newest asked for', () => {
    const w = fakeWorker();
    let opened = 0;
    const job = new HeatSurfaceJob(() => (opened++, w.port));
    let told = 0;
    job.subscribe(() => told++);
    job.request('a', input(1), RINGS);
    job.request('b', input(2), RINGS);
    job.request('c', input(3), RINGS);
    expect(w.sent.map((m) => m.seq)).toEqual([1]);
    expect(job.drawn).toBeNull();
    w.answer(1, 1);
    expect(job.drawn).toMatchObject({ key: 'a', mean: 1, built: 1, bounds: BOUNDS });
    expect(told).toBe(1);
    // b was overtaken by c while a was drawn
    expect(w.sent.map((m) => m.input.values[0])).toEqual([1, 3]);
    w.answer(2, 3);
    expect(job.drawn).toMatchObject({ key: 'c', built: 2 });
    expect(opened).toBe(1);
  });

  it('sends the city outline with the first surface and again only when it changes', () => {
    const w = fakeWorker();
    const job = new HeatSurfaceJob(() => w.port);
    job.request('a', input(1), RINGS);
    w.answer(1, 1);
    job.request('b', input(2), RINGS);
    w.answer(2, 2);
    const other = [[[7, 51], [7.5, 51], [7.5, 52]] as Array<[number, number]>];
    job.request('c', input(3), other);
    expect(w.sent.map((m) => m.rings)).toEqual([RINGS, undefined, other]);
  });

  it('does not ask again for what is drawn, being drawn or waiting; ignores an answer it did not wait for', () => {
    const w = fakeWorker();
    const job = new HeatSurfaceJob(() => w.port);
    job.request('a', input(1), RINGS);
    job.request('a', input(1), RINGS);
    job.request('b', input(2), RINGS);
    job.request('b', input(2), RINGS);
    w.answer(7, 99);
    expect(job.drawn).toBeNull();
    w.answer(1, 1);
    job.request('a', input(1), RINGS);
    w.answer(2, 2);
    job.request('b', input(2), RINGS);
    expect(w.sent).toHaveLength(2);
    expect(job.has('b')).toBe(true);
  });

  it('hands the arrays of the stations to the worker to transfer, not to copy', () => {
    const w = fakeWorker();
    const job = new HeatSurfaceJob(() => w.port);
    const lonLat = Float64Array.of(7.5, 51.5);
    const values = Float64Array.of(30);
    job.request('a', { lonLat, values, bounds: BOUNDS, mode: 'absolute' }, RINGS);
    expect(w.transferred[0]).toEqual([lonLat.buffer, values.buffer]);
    // a plain list cannot be transferred: it is copied as before
    w.answer(1, 1);
    job.request('b', input(2), RINGS);
    expect(w.transferred[1]).toHaveLength(1);
  });
});
