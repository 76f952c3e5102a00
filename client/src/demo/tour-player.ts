import type { Tour, TourStep } from '../../../common/tour.js';

/** One screen of the tour: a step of a chapter, or the closing title card. */
export type Slide =
  | { kind: 'step'; index: number; chapter: number; step: TourStep; recording: string; durationMs: number }
  | { kind: 'title'; index: number; chapter: number; durationMs: number };

/** City time moves in whole frames of this much display time (at speed 1), so every loop fetches the same instants. */
export const FRAME_MS = 1_000;

/** The tour laid out as slides; `speed` > 1 shortens every slide (for tests and the soak benchmark). */
export function slidesOf(tour: Tour, speed = 1): Slide[] {
  const slides: Slide[] = [];
  tour.chapters.forEach((chapter, c) => {
    for (const step of chapter.steps) slides.push({ kind: 'step', index: slides.length, chapter: c, step, recording: chapter.recording, durationMs: step.durationMs / speed });
  });
  slides.push({ kind: 'title', index: slides.length, chapter: tour.chapters.length, durationMs: tour.titleCard.durationMs / speed });
  return slides;
}

/**
 * The city instant a step shows at `elapsed` ms into it: the window is cut into frames (one per
 * FRAME_MS of the step's unscaled duration) and each frame's instant is rounded to the minute.
 */
export function cityTimeAt(step: TourStep, elapsedFraction: number): number {
  const from = Date.parse(step.window.from);
  const to = Date.parse(step.window.to);
  const frames = Math.max(1, Math.round(step.durationMs / FRAME_MS));
  const frame = Math.min(frames, Math.floor(Math.max(0, elapsedFraction) * frames));
  return Math.round((from + ((to - from) * frame) / frames) / 60_000) * 60_000;
}

export type PlayerState = { playing: true; slide: Slide; startedAt: number } | { playing: false; slide: Slide; lastInput: number };

/**
 * Whether a slide can be shown now: `play`; `wait` while its recording is still being made up to the
 * step's window (the tour holds the last frame before it); `skip` when its recording failed.
 */
export type Playability = 'play' | 'wait' | 'skip';
export type PlayableFn = (slide: Slide) => Playability;
const always: PlayableFn = () => 'play';

/**
 * The tour's clock, without timers or DOM: the page calls `at(now)` on its own timer and `input(now)`
 * on a touch, click or key. Playing, slides follow each other and loop; an input pauses; after
 * `idleMs` without input the tour resumes with the next chapter.
 */
export class TourPlayer {
  state: PlayerState;
  /** the current slide has run its time and the next one is still being recorded */
  waiting = false;

  constructor(
    readonly slides: readonly Slide[],
    private readonly idleMs: number,
    now: number,
    /** the slide to begin with (`slide=` in the URL, to rehearse or photograph one) */
    first = 0,
  ) {
    this.state = { playing: true, slide: slides[Math.min(Math.max(0, first), slides.length - 1)], startedAt: now };
  }

  /**
   * Advances to the next slide when the current one has run its time, and returns the state.
   * `playable` says which slides have their recording (the first start records while it plays).
   */
  at(now: number, playable: PlayableFn = always): PlayerState {
    const s = this.state;
    if (!s.playing) {
      if (now - s.lastInput >= this.idleMs) this.state = { playing: true, slide: this.nextChapter(s.slide, playable), startedAt: now };
      return this.state;
    }
    if (now - s.startedAt < s.slide.durationMs) return s;
    // One slide per call: a page that was slow or asleep shows the next slide late rather than skip it.
    let slide = this.slides[(s.slide.index + 1) % this.slides.length];
    while (slide.kind === 'step' && playable(slide) === 'skip') slide = this.slides[slide.index + 1];
    if (playable(slide) === 'wait') {
      this.waiting = true;
      return s;
    }
    const due = s.startedAt + s.slide.durationMs;
    // After a wait the slide starts in full; else on its schedule, so a slow tick does not shorten it.
    this.state = { playing: true, slide, startedAt: !this.waiting && now - due < slide.durationMs ? due : now };
    this.waiting = false;
    return this.state;
  }

  /** How far into its slide the tour is, 0…1 (0 while paused). */
  fraction(now: number): number {
    const s = this.state;
    return s.playing ? Math.min(1, (now - s.startedAt) / s.slide.durationMs) : 0;
  }

  /** A visitor's touch, click or key: pauses the tour, or keeps it paused a while longer. */
  input(now: number): void {
    this.state = { playing: false, slide: this.state.slide, lastInput: now };
    this.waiting = false;
  }

  /** The first slide of the next chapter that can play (the title card always can), or the tour's start. */
  private nextChapter(slide: Slide, playable: PlayableFn): Slide {
    return this.slides.find((s) => s.chapter > slide.chapter && (s.index === 0 || this.slides[s.index - 1].chapter !== s.chapter) && playable(s) === 'play') ?? this.slides[0];
  }
}

/** The caption language of a slide: fixed by `lang=`, else German on even slides and English on odd ones. */
export function slideLanguage(slide: Slide, fixed: 'de' | 'en' | null): 'de' | 'en' {
  return fixed ?? (slide.index % 2 === 0 ? 'de' : 'en');
}
