import path from 'node:path';
import { compileNetwork, type Network } from '../../common/models/traffic-network.js';
import { roadNetworkSchema } from '../../common/roads.js';
import { readJsonFile } from '../json-file.js';
import { DATA_DIR } from '../paths.js';
import type { SensorIndex } from '../registry.js';
import type { TwinDetector } from './traffic-twin.js';

/** The road graph from data/roads.geojson, validated once at start-up. */
export function loadRoadNetwork(file = path.join(DATA_DIR, 'roads.geojson')): Network {
  return compileNetwork(readJsonFile(file, roadNetworkSchema, 'road graph'));
}

/** The registry's traffic detectors that name the graph link they measure. */
export function twinDetectors(sensors: SensorIndex): TwinDetector[] {
  return sensors.ofKind('traffic').flatMap((f) => (f.properties.linkId ? [{ id: f.id, linkId: f.properties.linkId }] : []));
}

/** Street name per link id, for validating and labelling closures. */
export function linkStreets(net: Network): Map<string, string> {
  return new Map(net.links.map((l) => [l.id, l.street]));
}
