import type { DemoResponse } from '../../../common/tour.js';
import type { Playability, Slide } from './tour-player.js';

/**
 * Whether a slide's recording holds what it shows: the whole recording is made, or it is written
 * past the end of the step's window (the first start records the chapters while the tour plays).
 */
export function slidePlayability(demo: DemoResponse, slide: Slide): Playability {
  if (slide.kind === 'title') return 'play';
  const rec = demo.recordings[slide.recording];
  if (!rec) return 'skip';
  if (rec.run !== null && (rec.ready || (rec.recordedTo !== null && rec.recordedTo >= Date.parse(slide.step.window.to)))) return 'play';
  return rec.error ? 'skip' : 'wait';
}

/** How far the recording a slide waits for has come, 0…1 of what the slide needs (from the recording's start). */
export function slideProgress(demo: DemoResponse, slide: Slide): number {
  if (slide.kind === 'title') return 1;
  const rec = demo.recordings[slide.recording];
  const def = demo.tour.recordings.find((r) => r.id === slide.recording);
  if (!rec || !def) return 0;
  if (rec.ready) return 1;
  const from = Date.parse(def.from);
  const need = Date.parse(slide.step.window.to) - from;
  return rec.recordedTo === null || need <= 0 ? 0 : Math.max(0, Math.min(1, (rec.recordedTo - from) / need));
}
