import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tourSchema } from '../../../common/tour.js';
import { cityTimeAt, slideLanguage, slidesOf, TourPlayer, type Playability, type Slide } from './tour-player.js';

const tour = tourSchema.parse(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../scenarios/tours/smart-citycon.json'), 'utf8')));

describe('tour player on a fake clock', () => {
  it('visits every step in order, then the title card, and loops', () => {
    const slides = slidesOf(tour, 10);
    const player = new TourPlayer(slides, 60_000, 0);
    const seen: number[] = [];
    let now = 0;
    for (let i = 0; i < slides.length + 2; i++) {
      seen.push(player.at(now).slide.index);
      now += player.state.slide.durationMs;
    }
    expect(seen).toEqual([...slides.map((s) => s.index), 0, 1]);
    expect(slides.at(-1)!.kind).toBe('title');
  });

  it('pauses on input and, after the idle time, resumes with the next chapter; more input keeps it paused', () => {
    const slides = slidesOf(tour);
    const player = new TourPlayer(slides, 60_000, 0);
    player.at(30_000); // second step of the heat chapter
    expect(player.state.slide.index).toBe(1);
    player.input(30_000);
    expect(player.at(80_000).playing).toBe(false);
    player.input(80_000);
    expect(player.at(139_999).playing).toBe(false);
    const resumed = player.at(140_000);
    expect(resumed.playing).toBe(true);
    expect(resumed.slide).toMatchObject({ kind: 'step', chapter: 1 });
    expect(resumed.slide.index).toBe(2);
  });

  it('never skips a slide when the page was slow: the next one comes late', () => {
    const slides = slidesOf(tour);
    const player = new TourPlayer(slides, 60_000, 0);
    expect(player.at(slides[0].durationMs * 5).slide.index).toBe(1);
    expect(player.at(slides[0].durationMs * 5 + 1).slide.index).toBe(1);
  });

  it('holds the last frame while the next chapter is still being recorded, plays it in full once it is, skips a failed one', () => {
    const slides = slidesOf(tour);
    const player = new TourPlayer(slides, 60_000, 0);
    const state = new Map<string, Playability>([['hitze', 'play'], ['vfl', 'wait'], ['a40', 'skip'], ['werktag', 'play']]);
    const playable = (s: Slide): Playability => (s.kind === 'title' ? 'play' : state.get(s.recording)!);
    const lastOfNight = slides.findLast((s) => s.chapter === 1)!;
    let now = 0;
    for (; now < 1_000_000; now += 1_000) player.at(now, playable);
    expect(player.state.slide).toBe(lastOfNight);
    expect(player.waiting).toBe(true);
    expect(player.fraction(now)).toBe(1);

    state.set('vfl', 'play');
    const vfl = player.at(now, playable);
    expect(vfl).toMatchObject({ playing: true, startedAt: now, slide: { kind: 'step', chapter: 2 } });
    expect(player.waiting).toBe(false);
    // after the VfL chapter the failed A40 recording is passed over: e-mobility (chapter 4) follows
    while (player.state.slide.chapter === 2) player.at((now += 1_000), playable);
    expect(player.state.slide.chapter).toBe(4);
  });

  it('resumes after idle with the next chapter that can play', () => {
    const slides = slidesOf(tour);
    const player = new TourPlayer(slides, 1_000, 0);
    const playable = (s: Slide): Playability => (s.kind === 'step' && s.recording === 'vfl' ? 'wait' : 'play');
    player.at(slides[0].durationMs, playable);
    player.at(slides[0].durationMs + slides[1].durationMs, playable);
    expect(player.state.slide.chapter).toBe(1);
    player.input(0);
    expect(player.at(2_000, playable).slide.chapter).toBe(3);
  });

  it('resumes from the title card with the first chapter', () => {
    const slides = slidesOf(tour);
    const player = new TourPlayer(slides, 1_000, 0);
    let t = 0;
    while (player.at(t).slide.kind !== 'title') t += 1_000;
    player.input(t);
    expect(player.at(t + 1_000).slide.index).toBe(0);
  });

  it('shows the same city instants on every loop, whole minutes within the step window', () => {
    const step = tour.chapters[0].steps[0];
    const frames = [0, 0.1, 0.5, 0.999, 1].map((f) => cityTimeAt(step, f));
    expect(frames[0]).toBe(Date.parse(step.window.from));
    expect(frames[4]).toBe(Date.parse(step.window.to));
    for (const t of frames) expect(t % 60_000).toBe(0);
    expect(frames).toEqual([0, 0.1, 0.5, 0.999, 1].map((f) => cityTimeAt(step, f)));
    expect(new Set(frames).size).toBe(5);
  });

  it('alternates the caption language per slide unless lang= fixes it', () => {
    const slides = slidesOf(tour);
    expect(slides.slice(0, 3).map((s) => slideLanguage(s, null))).toEqual(['de', 'en', 'de']);
    expect(slideLanguage(slides[1], 'de')).toBe('de');
    expect(slides.length % 2).toBe(0);
  });
});
