import path from 'node:path';
import { placesCollectionSchema, placesOf, type Place } from '../common/places.js';
import { readJsonFile } from './json-file.js';
import { DATA_DIR } from './paths.js';

/** The vulnerable places of data/places.geojson (built by npm run data), validated at start-up. */
export function loadPlaces(file = path.join(DATA_DIR, 'places.geojson')): Place[] {
  return placesOf(readJsonFile(file, placesCollectionSchema, 'vulnerable places'));
}
