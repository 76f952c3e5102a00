import { describe, expect, it } from 'vitest';
import { DeckFrames, type DeckWork } from './deck-frames.js';

/** A hand-run clock and frame queue in place of the browser's. */
function fakeSchedule() {
  const queue = new Map<number, FrameRequestCallback>();
  let id = 0;
  const s = {
    t: 0,
    queue,
    requestAnimationFrame: (cb: FrameRequestCallback) => (queue.set(++id, cb), id),
    cancelAnimationFrame: (i: number) => void queue.delete(i),
    now: () => s.t,
  };
  return s;
}

function fakeDeck(): DeckWork & { redraw: unknown; update: unknown; loaded: boolean } {
  const d = {
    redraw: false as unknown,
    update: false as unknown,
    loaded: true,
    needsRedraw: () => d.redraw,
    layerManager: { needsUpdate: () => d.update, getLayers: () => [{ isLoaded: d.loaded }] },
  };
  return d;
}

describe("deck.gl's loop sleeps between changes", () => {
  it('runs every frame at start, then holds the next frame back until woken', () => {
    const s = fakeSchedule();
    const frames = new DeckFrames(100, s);
    frames.deck = fakeDeck();
    const loop = () => frames.requestAnimationFrame(loop);
    frames.requestAnimationFrame(loop);
    expect(s.queue.size).toBe(1);
    s.t = 200;
    s.queue.clear();
    frames.requestAnimationFrame(loop);
    expect(s.queue.size).toBe(0);
    expect(frames.sleeping).toBe(true);
    frames.wake();
    expect(s.queue.size).toBe(1);
    expect(frames.sleeping).toBe(false);
  });

  it('keeps running while deck has a redraw, an update or a layer still loading', () => {
    const s = fakeSchedule();
    const frames = new DeckFrames(0, s);
    const deck = fakeDeck();
    frames.deck = deck;
    const cb = () => {};
    for (const set of [() => (deck.redraw = 'layers changed'), () => (deck.update = 'async prop'), () => (deck.loaded = false)]) {
      set();
      frames.requestAnimationFrame(cb);
      expect(frames.sleeping).toBe(false);
      Object.assign(deck, { redraw: false, update: false, loaded: true });
    }
    frames.requestAnimationFrame(cb);
    expect(frames.sleeping).toBe(true);
  });

  it('runs every frame while deck is not known, and for the time a wake asks', () => {
    const s = fakeSchedule();
    const frames = new DeckFrames(0, s);
    const cb = () => {};
    frames.requestAnimationFrame(cb);
    expect(frames.sleeping).toBe(false);
    frames.deck = fakeDeck();
    frames.wake(50);
    s.t = 40;
    frames.requestAnimationFrame(cb);
    expect(frames.sleeping).toBe(false);
    s.t = 60;
    const held = frames.requestAnimationFrame(cb);
    expect(frames.sleeping).toBe(true);
    frames.cancelAnimationFrame(held);
    expect(frames.sleeping).toBe(false);
  });
});
