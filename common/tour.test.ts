import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatZodError } from './zod-error.js';
import { tourSchema } from './tour.js';

const file = path.resolve(import.meta.dirname, '../scenarios/tours/smart-citycon.json');
const raw = () => JSON.parse(readFileSync(file, 'utf8'));

function refusal(tour: unknown): string {
  const parsed = tourSchema.safeParse(tour);
  if (parsed.success) throw new Error('the broken tour was accepted');
  return formatZodError(parsed.error, { whole: '(tour)' });
}

describe('tour schema', () => {
  it('accepts the Smart CityCON tour: six chapters of about five minutes, then the title card', () => {
    const tour = tourSchema.parse(raw());
    expect(tour.chapters.map((c) => c.id)).toEqual(['hitze', 'nacht', 'vfl', 'a40', 'emobilitaet', 'was-waere-wenn']);
    const ms = tour.chapters.flatMap((c) => c.steps).reduce((s, st) => s + st.durationMs, 0) + tour.titleCard.durationMs;
    expect(ms).toBeGreaterThan(4 * 60_000);
    expect(ms).toBeLessThan(6 * 60_000);
    for (const step of tour.chapters.flatMap((c) => c.steps)) expect(step.caption.de).not.toBe(step.caption.en);
  });

  it('shows the Kitas, schools and playgrounds only where a step speaks of who is exposed', () => {
    const steps = tourSchema.parse(raw()).chapters.flatMap((c) => c.steps);
    expect(steps.filter((s) => s.places).map((s) => s.caption.en)).toEqual(['Who is exposed to the heat']);
  });

  it('refuses a what-if step whose measure is broken, saying where', () => {
    const tour = raw();
    const step = tour.chapters.at(-1).steps[0];
    expect(step.whatif.plan[0].type).toBe('trees');
    step.whatif.plan[0].crownDiameterM = 80;
    expect(refusal(tour)).toMatch(/chapters\.5\.steps\.0\.whatif\.plan\.0\.crownDiameterM/);
  });

  it('refuses a step whose window lies outside its recording, naming chapter and step', () => {
    const tour = raw();
    tour.chapters[2].steps[1].window.to = '2026-08-22T23:00:00+02:00';
    expect(refusal(tour)).toMatch(/chapter "vfl" step 2: window .* outside recording "vfl"/);
  });

  it('refuses a chapter that names a recording the tour does not define', () => {
    const tour = raw();
    tour.chapters[0].recording = 'nowhere';
    expect(refusal(tour)).toMatch(/chapter "hitze" names recording "nowhere"/);
  });

  it('refuses a step without a caption in both languages, saying where', () => {
    const tour = raw();
    delete tour.chapters[1].steps[0].caption.en;
    expect(refusal(tour)).toMatch(/chapters\.1\.steps\.0\.caption\.en/);
  });

  it('refuses a camera zoomed out past the region and a title card without a valid URL', () => {
    const tour = raw();
    tour.chapters[0].steps[0].camera.zoom = 2;
    tour.titleCard.url = 'not a url';
    const message = refusal(tour);
    expect(message).toMatch(/camera\.zoom/);
    expect(message).toMatch(/titleCard\.url/);
  });
});
