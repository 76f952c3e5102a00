import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tourSchema, type Tour } from '../../common/tour.js';
import { readJsonFile } from '../json-file.js';
import { SCENARIO_DIR } from '../paths.js';
import { loadScenario, type Scenario } from '../simulator/scenario.js';

/** Bumped when recordWindow changes what it writes: older recordings are then made again. */
export const RECORDER_VERSION = 2;

export interface LoadedTour {
  tour: Tour;
  scenarios: Map<string, Scenario>;
  /** a hash of the tour file, the scenario files it plays and the recorder version: recordings are reused only for the same one */
  version: string;
}

/** What the server knows to check a tour's references against. */
export interface TourRefs {
  sensorIds: ReadonlySet<string>;
  linkIds: ReadonlySet<string>;
  /** sensors the registry says never report in recorded scenarios (`noDataReason`): a ring on one rings an empty marker */
  withoutData?: ReadonlySet<string>;
}

/** The references of a registry (`byId` as in server/registry.ts) and road network's link ids. */
export function tourRefs(byId: ReadonlyMap<string, { properties: object }>, linkIds: Iterable<string>): TourRefs {
  return {
    sensorIds: new Set(byId.keys()),
    linkIds: new Set(linkIds),
    withoutData: new Set([...byId].filter(([, f]) => 'noDataReason' in f.properties && f.properties.noDataReason !== undefined).map(([id]) => id)),
  };
}

export const DEFAULT_TOURS_DIR = path.join(SCENARIO_DIR, 'tours');
export const tourFile = (id: string, toursDir = DEFAULT_TOURS_DIR) => path.join(toursDir, `${id}.json`);

/**
 * Reads and validates scenarios/tours/<id>.json: the schema (common/tour.ts), then that every
 * scenario, sensor and link it names exists. A broken tour is refused with a message naming the step.
 */
export function loadTour(id: string, refs: TourRefs, dir = SCENARIO_DIR, toursDir = path.join(dir, 'tours')): LoadedTour {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`tour id "${id}": lower-case letters, digits and - only`);
  const file = tourFile(id, toursDir);
  const tour = readJsonFile(file, tourSchema, 'tour');
  if (tour.id !== id) throw new Error(`tour ${file} has id "${tour.id}", expected "${id}"`);
  const hash = createHash('sha256').update(`recorder ${RECORDER_VERSION}\n`).update(readFileSync(file));
  const scenarios = new Map<string, Scenario>();
  for (const r of tour.recordings) {
    if (scenarios.has(r.scenario)) continue;
    try {
      scenarios.set(r.scenario, loadScenario(r.scenario, dir));
    } catch (err) {
      throw new Error(`tour ${file}: recording "${r.id}" names scenario "${r.scenario}": ${(err as Error).message}`);
    }
    hash.update(readFileSync(path.join(dir, `${r.scenario}.json`)));
  }
  tour.chapters.forEach((chapter, c) =>
    chapter.steps.forEach((step, s) => {
      for (const h of step.highlight) {
        const known = h.type === 'sensor' ? refs.sensorIds.has(h.id) : h.type === 'link' ? refs.linkIds.has(h.id) : true;
        const where = `tour ${file}: chapter ${c + 1} "${chapter.id}" step ${s + 1} highlights ${h.type} "${h.type === 'place' ? h.name : h.id}"`;
        if (!known) throw new Error(`${where}, which the city does not have`);
        if (h.type === 'sensor' && refs.withoutData?.has(h.id)) throw new Error(`${where}, which has no published data (noDataReason in the registry): the ring would point at an empty marker`);
      }
    }),
  );
  return { tour, scenarios, version: hash.digest('hex').slice(0, 12) };
}
