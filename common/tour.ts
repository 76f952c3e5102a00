import { z } from 'zod';
import { planSchema } from './measures.js';
import { SENSOR_KINDS, sensorKindSchema } from './readings.js';

/**
 * A demo tour (scenarios/tours/*.json): recorded scenario windows and chapters of steps that play
 * them on the displayed city. Shared by the server (which records and serves it) and the client
 * (which plays it). Times are ISO 8601 with offset, Bochum local time.
 */

const isoTime = z.iso.datetime({ offset: true });
const text = z.strictObject({ de: z.string().min(1).max(200), en: z.string().min(1).max(200) });
const body = z.strictObject({ de: z.string().max(400), en: z.string().max(400) });
const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** A scenario window recorded headless into the history store as its own run. */
export const tourRecordingSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, 'recording id: lower-case letters, digits and -'),
    scenario: z.string().regex(/^[a-z0-9-]+$/, 'scenario id: lower-case letters, digits and -'),
    from: isoTime,
    to: isoTime,
  })
  .refine((r) => Date.parse(r.to) > Date.parse(r.from), { message: '"to" must be after "from"' })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 36 * 3_600_000, { message: 'a recording spans at most 36 hours' });

export const tourCameraSchema = z.strictObject({
  center: lonLat,
  zoom: z.number().min(5).max(20),
  pitch: z.number().min(0).max(70).default(0),
  bearing: z.number().min(-180).max(180).default(0),
  /** the camera flight to this view, ms */
  flightMs: z.number().int().min(0).max(20_000).default(3_000),
});

/** What a pulsing ring is drawn around: a sensor, a road-graph link, or a named place. */
export const tourHighlightSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('sensor'), id: z.string().min(1) }),
  z.strictObject({ type: z.literal('link'), id: z.string().min(1) }),
  z.strictObject({ type: z.literal('place'), name: z.string().min(1), at: lonLat }),
]);

/** Figures the player can show beside a caption; their data is served with the tour. */
export const TOUR_FIGURES = ['ev-growth'] as const;

export const tourStepSchema = z
  .strictObject({
    /** city time shown when the step starts and when it ends; the player steps through it */
    window: z.strictObject({ from: isoTime, to: isoTime }),
    camera: tourCameraSchema,
    layers: z.array(sensorKindSchema).max(SENSOR_KINDS.length),
    /** the Kitas, schools and playgrounds layer (who is exposed); off unless a step asks for it */
    places: z.boolean().default(false),
    highlight: z.array(tourHighlightSchema).max(8).default([]),
    caption: text,
    body,
    figure: z.enum(TOUR_FIGURES).optional(),
    /** a heat what-if shown on the map during the step: its measures and how the surface shows them */
    whatif: z.strictObject({ plan: planSchema.max(50), view: z.enum(['after', 'difference']).default('difference') }).optional(),
    /** how long the step is shown at speed 1, ms */
    durationMs: z.number().int().min(2_000).max(120_000),
  })
  .refine((s) => Date.parse(s.window.to) >= Date.parse(s.window.from), { message: 'window "to" must not be before "from"' });

export const tourChapterSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: text,
  /** the recording (tour `recordings[].id`) the steps play */
  recording: z.string().min(1),
  steps: z.array(tourStepSchema).min(1).max(20),
});

/** The closing card: title and a QR code to the project's page. */
export const tourTitleCardSchema = z.strictObject({
  title: text,
  body,
  url: z.url(),
  durationMs: z.number().int().min(2_000).max(120_000),
});

export const tourSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: text,
    recordings: z.array(tourRecordingSchema).min(1).max(12),
    chapters: z.array(tourChapterSchema).min(1).max(20),
    titleCard: tourTitleCardSchema,
  })
  .superRefine((tour, ctx) => {
    const recordings = new Map(tour.recordings.map((r) => [r.id, r]));
    if (recordings.size !== tour.recordings.length) ctx.addIssue({ code: 'custom', path: ['recordings'], message: 'recording ids must be unique' });
    tour.chapters.forEach((chapter, c) => {
      const rec = recordings.get(chapter.recording);
      if (!rec) {
        ctx.addIssue({ code: 'custom', path: ['chapters', c, 'recording'], message: `chapter "${chapter.id}" names recording "${chapter.recording}", which the tour does not define` });
        return;
      }
      chapter.steps.forEach((step, s) => {
        const [from, to] = [Date.parse(step.window.from), Date.parse(step.window.to)];
        if (from < Date.parse(rec.from) || to > Date.parse(rec.to)) {
          ctx.addIssue({
            code: 'custom',
            path: ['chapters', c, 'steps', s, 'window'],
            message: `chapter "${chapter.id}" step ${s + 1}: window ${step.window.from} – ${step.window.to} lies outside recording "${rec.id}" (${rec.from} – ${rec.to})`,
          });
        }
      });
    });
  });

export type Tour = z.infer<typeof tourSchema>;
export type TourStep = z.infer<typeof tourStepSchema>;
export type TourChapter = z.infer<typeof tourChapterSchema>;
export type TourHighlight = z.infer<typeof tourHighlightSchema>;
export type TourCamera = z.infer<typeof tourCameraSchema>;

/** Growth of electric vehicles registered in Bochum (data/mobility/ev-growth.json). */
export const evGrowthSchema = z.strictObject({
  source: z.string(),
  points: z.array(z.strictObject({ date: z.string(), electric: z.number().int().nonnegative(), cars: z.number().int().nonnegative() })).min(2),
});
export type EvGrowth = z.infer<typeof evGrowthSchema>;

/** The key of a highlighted object in DemoResponse.places. */
export const highlightKey = (h: TourHighlight) => (h.type === 'place' ? `place:${h.name}` : `${h.type}:${h.id}`);

/** GET /api/demo/:tour: the tour, the run recorded for each of its recordings, whether it is ready and how far it got. */
export const demoResponseSchema = z.object({
  tour: tourSchema,
  /** the tour and scenario files' hash the recordings belong to */
  version: z.string(),
  recordings: z.record(
    z.string(),
    z.object({
      run: z.string().nullable(),
      ready: z.boolean(),
      error: z.string().nullable(),
      /** city time (ms) up to which the recording is written: a chapter whose windows end before it can play while the rest is recorded */
      recordedTo: z.number().nullable(),
    }),
  ),
  figures: z.object({ 'ev-growth': evGrowthSchema.nullable() }),
  /** where each highlighted sensor or link is (`sensor:<id>`, `link:<id>`), for the pulsing ring */
  places: z.record(z.string(), z.tuple([z.number(), z.number()])),
});
export type DemoResponse = z.infer<typeof demoResponseSchema>;
