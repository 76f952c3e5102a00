import path from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../json-file.js';
import { SCENARIO_DIR } from '../paths.js';
import { DAY_TYPES } from '../../common/bochum-time.js';
import { trafficClosureRequestSchema } from '../../common/protocol.js';
import { trafficEventSchema } from '../../common/models/traffic-events.js';

/** A closure or incident the scenario sets and lifts at given times (e.g. roadworks, an accident). */
export const scheduledClosureSchema = trafficClosureRequestSchema.extend({
  from: z.iso.datetime({ offset: true }),
  until: z.iso.datetime({ offset: true }),
});
export type ScheduledClosure = z.infer<typeof scheduledClosureSchema>;

/** A scenario file in scenarios/: where and how fast the simulated clock runs and what the weather does. */
export const scenarioSchema = z
  .strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.object({ de: z.string().min(1), en: z.string().min(1) }),
  description: z.object({ de: z.string(), en: z.string() }),
  /** simulated start, ISO 8601 with offset (Bochum local time) */
  start: z.iso.datetime({ offset: true }),
  /** forces the behaviour of every simulated day; omitted = follow the calendar */
  dayType: z.enum(DAY_TYPES).optional(),
  /** simulated seconds per real second */
  speed: z.number().positive().max(10_000),
  /** the simulated weather; scenarios that replay recorded climate data leave it out */
  weather: z.strictObject({
    minTempC: z.number().min(-30).max(35),
    maxTempC: z.number().min(-25).max(45),
    dewPointC: z.number().min(-40).max(30),
    /** mean cloud cover 0 (clear) … 1 (overcast) */
    cloudCover: z.number().min(0).max(1),
    /** mean wind at bench height, km/h */
    windKmh: z.number().min(0).max(80),
  }).optional(),
  /** replay a recorded climate series (a file in data/) instead of simulating the climate stations */
  climateReplay: z.strictObject({ file: z.string().min(1) }).optional(),
  /** replay the street trees' recorded soil moisture (a TreeSense series in data/, server/replay/tree-replay.ts) */
  treeReplay: z.strictObject({ file: z.string().min(1) }).optional(),
  /** big events that add traffic (common/models/traffic-events.ts) */
  events: z.array(trafficEventSchema).max(20).optional(),
  /** closures and incidents at set times */
  closures: z.array(scheduledClosureSchema).max(50).optional(),
}).refine((s) => s.weather !== undefined || s.climateReplay !== undefined, {
  message: 'a scenario needs either "weather" (simulated climate) or "climateReplay" (recorded climate)',
});

export type Scenario = z.infer<typeof scenarioSchema>;

export function loadScenario(id: string, dir = SCENARIO_DIR): Scenario {
  const file = path.join(dir, `${id}.json`);
  const scenario = readJsonFile(file, scenarioSchema, 'scenario');
  if (scenario.id !== id) throw new Error(`scenario ${file} has id "${scenario.id}", expected "${id}"`);
  return scenario;
}
