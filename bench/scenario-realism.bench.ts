/**
 * Would a traffic engineer (and a climate planner) believe the scenarios? Runs every scenario in
 * scenarios/ headless over one day and prints JSON per hour: the worst link, congested lane-km
 * (LOS E/F) and its share, the mean travel-time index, the occupancy of the car parks near the
 * Ruhrstadion, free charge points, and for replays how many climate stations have current data.
 * Run with `npx tsx bench/scenario-realism.bench.ts` (about a minute on the 2-core machine).
 */
import fs from 'node:fs';
import path from 'node:path';
import { VENUES } from '../common/models/traffic-events.js';
import { zonesOf } from '../common/models/traffic-demand.js';
import { distanceM } from '../common/geo.js';
import { sensorAnchor } from '../common/derive.js';
import { STALE_AFTER_MS } from '../common/freshness.js';
import type { Reading } from '../common/readings.js';
import { SCENARIO_DIR } from '../server/paths.js';
import { loadSensorIndex } from '../server/registry.js';
import { ClimateReplay } from '../server/replay/climate-replay.js';
import { loadScenario, type Scenario } from '../server/simulator/scenario.js';
import { Simulator } from '../server/simulator/simulator.js';
import { loadRoadNetwork } from '../server/traffic/road-network.js';
import { hourlyInstants, trafficAt } from '../server/traffic/traffic-day.js';

/** The day of each scenario to look at: its start day, except the replay's hottest day. */
const DAY_OF: Record<string, string> = { 'hitzewelle-august-2024': '2024-08-13' };
/** Car parks this close to the stadium are "near the stadium" (as server/simulator/event-parking.ts). */
const STADIUM_CAR_PARKS_M = 1200;
/** Event traffic ends at access nodes within this distance (common/models/traffic-events.ts). */
const STADIUM_STREETS_M = 1600;

const net = loadRoadNetwork();
const zones = zonesOf(net);
const sensors = loadSensorIndex();
const stadiumParks = sensors
  .ofKind('parking')
  .filter((f) => distanceM(sensorAnchor(f), VENUES.ruhrstadion.at) <= STADIUM_CAR_PARKS_M)
  .map((f) => f.id);
const climateIds = sensors.ofKind('climate').map((f) => f.id);
const pct = (x: number) => Math.round(x * 1000) / 10;

function localMidnight(scenario: Scenario): number {
  const day = DAY_OF[scenario.id] ?? scenario.start.slice(0, 10);
  const offset = scenario.start.slice(-6);
  return Date.parse(`${day}T00:00:00${offset}`);
}

function runScenario(scenario: Scenario) {
  const dayStart = localMidnight(scenario);
  const football = scenario.events?.find((e) => e.type === 'football');
  // every hour, 06:34 (the early-morning check), and every quarter hour around a match
  const matchHours: number[] = [];
  if (football) {
    const kickoffH = (Date.parse(football.kickoff) - dayStart) / 3_600_000;
    for (let h = kickoffH - 2.5; h <= kickoffH + 3.5; h += 0.25) matchHours.push(h);
  }
  const hours = [...new Set([...Array.from({ length: 24 }, (_, h) => h), 6 + 34 / 60, ...matchHours])].sort((a, b) => a - b);
  const instants = hourlyInstants(dayStart, hours);

  // parking and charging: the simulator over the whole day in 1-minute steps, latest reading per sensor
  const sim = new Simulator(scenario, sensors, dayStart, new Set(['parking', 'charging']), 1);
  const replay = scenario.climateReplay ? new ClimateReplay(scenario.climateReplay.file) : null;
  const latest = new Map<string, Reading>();
  const climateTs = new Map<string, number>();
  replay?.step(dayStart - 6 * 3_600_000);
  const byInstant = new Map<number, { stadiumParkingPct: number | null; chargingFreePct: number; climateWithData: number | null }>();
  let next = 0;
  for (let t = dayStart; t <= instants[instants.length - 1]; t += 60_000) {
    for (const r of sim.step(t)) latest.set(r.sensorId, r);
    if (replay) for (const r of replay.step(t)) climateTs.set(r.sensorId, r.ts);
    while (next < instants.length && instants[next] <= t) {
      let occupied = 0;
      let capacity = 0;
      for (const id of stadiumParks) {
        const r = latest.get(id);
        if (r?.kind !== 'parking' || r.values.capacity === undefined) continue;
        occupied += r.values.capacity - r.values.freeSpaces;
        capacity += r.values.capacity;
      }
      let free = 0;
      let points = 0;
      for (const r of latest.values()) {
        if (r.kind !== 'charging') continue;
        points += r.values.points.length;
        free += r.values.points.filter((p) => p.status === 'available').length;
      }
      byInstant.set(instants[next], {
        stadiumParkingPct: capacity > 0 ? pct(occupied / capacity) : null,
        chargingFreePct: points > 0 ? pct(free / points) : 0,
        climateWithData: replay ? climateIds.filter((id) => t - (climateTs.get(id) ?? -Infinity) <= STALE_AFTER_MS.climate).length : null,
      });
      next++;
    }
  }

  const perHour = instants.map((t) => {
    const traffic = trafficAt(
      net,
      t,
      { dayType: scenario.dayType, events: scenario.events, closures: scenario.closures, ...(football ? { focus: { at: VENUES.ruhrstadion.at, radiusM: STADIUM_STREETS_M } } : {}) },
      zones,
    );
    const local = new Date(t).toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
    return {
      at: traffic.at,
      time: local,
      worstLink: `${traffic.worstLink.street} (${traffic.worstLink.id})`,
      worstTravelTimeIndex: traffic.worstLink.travelTimeIndex,
      maxVolumeCapacity: traffic.maxVolumeCapacity,
      congestedLaneKm: traffic.congestedLaneKm,
      congestedSharePct: pct(traffic.congestedShare),
      meanTravelTimeIndex: traffic.meanTravelTimeIndex,
      ...(traffic.focus ? { stadiumStreetsCongestedLaneKm: traffic.focus.congestedLaneKm, stadiumStreetsVolumeVehH: traffic.focus.volumeVehH } : {}),
      ...byInstant.get(t),
      worstFive: traffic.worstFive,
    };
  });
  const everyHour = perHour[0].worstFive.filter((id) => perHour.every((h) => h.worstFive.includes(id)));
  return {
    scenario: scenario.id,
    day: DAY_OF[scenario.id] ?? scenario.start.slice(0, 10),
    summary: {
      distinctWorstStreets: [...new Set(perHour.map((h) => h.worstLink.replace(/ \(.*$/, '')))],
      maxCongestedSharePct: Math.max(...perHour.map((h) => h.congestedSharePct)),
      congestedSharePctAt03: perHour.find((h) => h.time === '03:00')?.congestedSharePct,
      congestedSharePctAt0634: perHour.find((h) => h.time === '06:34')?.congestedSharePct,
      worstTravelTimeIndexAt0634: perHour.find((h) => h.time === '06:34')?.worstTravelTimeIndex,
      congestedSharePctAt17: perHour.find((h) => h.time === '17:00')?.congestedSharePct,
      linksAmongWorstFiveEveryHour: everyHour,
      ...(football
        ? {
            maxStadiumStreetsCongestedLaneKm: Math.max(...perHour.map((h) => h.stadiumStreetsCongestedLaneKm ?? 0)),
            maxCongestedLaneKmDuringMatchDay: Math.max(...perHour.map((h) => h.congestedLaneKm)),
            stadiumParkingPctAtKickoffMinus30: perHour.find((h) => Date.parse(h.at) === Date.parse(football.kickoff) - 1_800_000)?.stadiumParkingPct,
          }
        : {}),
      ...(stadiumParks.length > 0 ? { stadiumCarParks: stadiumParks } : {}),
      ...(replay ? { climateStations: climateIds.length, minClimateWithData: Math.min(...perHour.map((h) => h.climateWithData ?? 0)) } : {}),
    },
    perHour: perHour.map(({ worstFive: _w, at: _at, ...h }) => h),
  };
}

const ids = fs
  .readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.basename(f, '.json'))
  .sort();
const results = ids.map((id) => {
  try {
    return runScenario(loadScenario(id));
  } catch (err) {
    return { scenario: id, error: (err as Error).message };
  }
});
console.log(JSON.stringify({ benchmark: 'scenario-realism', node: process.version, network: { nodes: net.nodes.length, links: net.links.length }, scenarios: results }, null, 2));
