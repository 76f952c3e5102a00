import { describe, expect, it } from 'vitest';
import { deriveFigures } from '../../common/derive.js';
import { groupAlerts } from '../../common/models/alert-groups.js';
import { alertSchema, type Alert, type LiveEntry, type TrafficClosure } from '../../common/protocol.js';
import type { ClimateReading } from '../../common/readings.js';
import { loadDistrictGrid } from '../heat/district-grid.js';
import { HeatMonitor } from '../heat/heat-monitor.js';
import { HeatStage } from '../heat/heat-stage.js';
import type { HistorySink } from '../pipeline/history-sink.js';
import { loadSensorIndex } from '../registry.js';
import { LiveState } from '../state/live-state.js';
import type { StoredEvent } from '../store/history-store.js';
import { loadRoadNetwork } from '../traffic/road-network.js';
import { ConditionWatch } from './alert-conditions.js';
import { DEFAULT_ALERT_THRESHOLDS } from './alert-config.js';
import { AlertEngine } from './alert-engine.js';
import { alertPlaces } from './alert-places.js';
import { AlertStage } from './alert-stage.js';

const sensors = loadSensorIndex();
const grid = loadDistrictGrid();
const roads = loadRoadNetwork();
const T0 = Date.parse('2024-08-13T15:00:00+02:00');
const MIN = 60_000;

/** Every climate station at the same weather; sunny, still air. */
function cityAt(state: LiveState, t: number, airTempC: number): LiveEntry[] {
  return sensors.ofKind('climate').map((sensor) => {
    const reading: ClimateReading = { sensorId: sensor.id, kind: 'climate', ts: t, values: { airTempC, relHumidityPct: 35, windKmh: 2, solarWm2: 800 } };
    const entry: LiveEntry = { reading, derived: deriveFigures(reading, sensor), receivedAt: t };
    state.set(entry);
    return entry;
  });
}

function setup(closures: TrafficClosure[] = []) {
  const state = new LiveState();
  const events: StoredEvent[] = [];
  const history: HistorySink = { entry() {}, sample() {}, event: (e) => events.push(e) };
  const heat = new HeatMonitor(sensors, grid);
  const heatStage = new HeatStage(heat, state, history);
  const engine = new AlertEngine(history);
  const watch = new ConditionWatch(DEFAULT_ALERT_THRESHOLDS, alertPlaces(sensors, grid.districts, roads));
  const stage = new AlertStage(engine, watch, state, () => ({ districts: heat.districts(), closures, feeds: [], steadyNow: 0 }));
  const tick = (t: number, airTempC: number | null) => {
    const entries = airTempC === null ? [] : cityAt(state, t, airTempC);
    heatStage.tick({ cityTime: t, entries });
    stage.tick({ cityTime: t, entries });
  };
  return { state, events, engine, stage, tick, watch };
}

const heatAlerts = (alerts: readonly Alert[]) => alerts.filter((a) => a.kind === 'heat');

describe('alert stage: heat', () => {
  it('raises station and district alerts, grouped per district, changes their level and keeps cleared ones until acknowledged', () => {
    const { events, engine, stage, tick } = setup();
    tick(T0, 22);
    expect(heatAlerts(engine.list())).toEqual([]);

    tick(T0 + MIN, 36);
    const raised = heatAlerts(engine.list());
    const opened = events.filter((e) => e.action === 'open');
    expect(opened).toHaveLength(raised.length);
    expect(stage.channel.changed()?.length).toBe(engine.list().length);
    expect(raised.filter((a) => a.place.type === 'station')).toHaveLength(sensors.ofKind('climate').length);
    expect(raised.filter((a) => a.place.type === 'district')).toHaveLength(grid.districts.length);
    expect(raised.every((a) => a.state === 'unack_active' && a.active && a.severity === 'low' || a.level !== 'strong')).toBe(true);
    // Flood control: one group per district, not one row per station.
    const groups = groupAlerts(raised);
    expect(groups.map((g) => g.id).sort()).toEqual(grid.districts.map((d) => `heat:${d.id}`).sort());
    expect(raised.every((a) => a.place.lonLat !== undefined)).toBe(true);

    // hotter: levels rise (an escalation while unacknowledged stays unacknowledged)
    events.length = 0;
    tick(T0 + 2 * MIN, 44);
    const hotter = heatAlerts(engine.list());
    expect(new Set(hotter.map((a) => a.id))).toEqual(new Set(raised.map((a) => a.id)));
    expect(hotter.some((a) => a.level === 'very_strong' || a.level === 'extreme')).toBe(true);
    expect(events.every((e) => e.action === 'update')).toBe(true);
    expect(events.length).toBeGreaterThan(0);

    // cool: every condition clears, but nobody acknowledged: they stay, unack-cleared
    events.length = 0;
    tick(T0 + 3 * MIN, 18);
    const cleared = heatAlerts(engine.list());
    expect(cleared).toHaveLength(raised.length);
    expect(cleared.every((a) => a.state === 'unack_cleared' && !a.active && a.clearedAt === T0 + 3 * MIN)).toBe(true);
    expect(events.every((e) => e.action === 'update' && alertSchema.parse(e.body).state === 'unack_cleared')).toBe(true);

    // acknowledging a group takes its members off the list, recorded as closed
    events.length = 0;
    const group = groupAlerts(cleared)[0];
    const result = engine.acknowledge(group.id, 'anna', 'Hitzeschutz läuft', T0 + 4 * MIN);
    expect(result.ok && result.alerts.length).toBe(group.alerts.length);
    expect(engine.list().filter((a) => a.group === group.id)).toEqual([]);
    expect(events.map((e) => e.action)).toEqual(group.alerts.map(() => 'close'));
    expect(alertSchema.parse(events[0].body)).toMatchObject({ state: 'cleared', acknowledgedBy: 'anna', acknowledgedComment: 'Hitzeschutz läuft' });
  });

  it('says extreme at UTCI ≥ 46 °C, as the KPI does', () => {
    const { engine, tick } = setup();
    tick(T0, 48);
    const levels = new Set(heatAlerts(engine.list()).map((a) => a.level));
    expect(levels.has('extreme')).toBe(true);
    expect(heatAlerts(engine.list()).find((a) => a.level === 'extreme')!.severity).toBe('high');
  });

  it('re-annunciates an acknowledged alert that escalates, and re-raises an unack-cleared one in place', () => {
    const { engine, tick } = setup();
    tick(T0, 33);
    const district = heatAlerts(engine.list()).find((a) => a.place.type === 'district')!;
    expect(engine.acknowledge(district.id, 'anna', undefined, T0 + MIN).ok).toBe(true);
    tick(T0 + 2 * MIN, 33);
    expect(engine.get(district.id)!.state).toBe('ack_active');
    tick(T0 + 3 * MIN, 44);
    expect(engine.get(district.id)!.state).toBe('unack_active');
    expect(engine.get(district.id)!.acknowledgedBy).toBeUndefined();

    const station = heatAlerts(engine.list()).find((a) => a.place.type === 'station')!;
    tick(T0 + 4 * MIN, 18);
    expect(engine.get(station.id)!.state).toBe('unack_cleared');
    tick(T0 + 5 * MIN, 36);
    expect(engine.get(station.id)).toMatchObject({ state: 'unack_active', active: true });
  });

  it('raises a new alert (a new id, unacknowledged) when a condition returns after it was acknowledged and cleared', () => {
    const { engine, events, tick } = setup();
    tick(T0, 36);
    const district = heatAlerts(engine.list()).find((a) => a.place.type === 'district')!;
    engine.acknowledge(district.id, 'anna', undefined, T0 + MIN);
    tick(T0 + 2 * MIN, 18);
    expect(engine.get(district.id)).toBeUndefined();
    expect(events.filter((e) => e.id === district.id).map((e) => e.action)).toEqual(['open', 'update', 'close']);
    tick(T0 + 3 * MIN, 36);
    const again = engine.list().find((a) => a.key === district.key)!;
    expect(again.id).not.toBe(district.id);
    expect(again).toMatchObject({ state: 'unack_active', raisedAt: T0 + 3 * MIN });
  });

  it('hides a shelved alert until the shelf expires, then annunciates it again', () => {
    const { engine, tick } = setup();
    tick(T0, 36);
    const a = heatAlerts(engine.list())[0];
    expect(engine.shelve(a.id, 'anna', T0 + 30 * MIN, 'Messfühler in der Sonne', T0).ok).toBe(true);
    tick(T0 + 10 * MIN, 36);
    expect(engine.get(a.id)).toMatchObject({ state: 'shelved', shelvedBy: 'anna', shelveReason: 'Messfühler in der Sonne' });
    tick(T0 + 30 * MIN, 36);
    expect(engine.get(a.id)!.state).toBe('unack_active');
    expect(engine.get(a.id)!.shelvedUntil).toBeUndefined();
  });

  it('resumes the list from the latest event bodies: states and hysteresis as before the restart', () => {
    const { events, engine, tick } = setup();
    tick(T0, 36);
    const district = heatAlerts(engine.list()).find((a) => a.place.type === 'district')!;
    engine.acknowledge(district.id, 'anna', 'gesehen', T0 + MIN);
    // what activeAt returns: the latest body per alert that is not closed
    const latest = new Map<string, unknown>();
    for (const e of events) (e.action === 'close' ? latest.delete(e.id) : latest.set(e.id, e.body));
    const restored = [...latest.values()].map((b) => alertSchema.parse(b));

    const next = setup();
    next.engine.resume(restored);
    next.watch.prime(restored, T0 + 2 * MIN);
    expect(next.engine.get(district.id)).toMatchObject({ state: 'ack_active', acknowledgedBy: 'anna', acknowledgedComment: 'gesehen' });
    // the same weather after the restart raises nothing new
    next.tick(T0 + 2 * MIN, 36);
    expect(next.events.filter((e) => e.action === 'open')).toEqual([]);
    expect(new Set(next.engine.list().map((a) => a.id))).toEqual(new Set(engine.list().map((a) => a.id)));
  });
});

describe('alert stage: closures', () => {
  it('raises a closure\'s alert at the first tick whose instant it is in force, never dated before the closure began', () => {
    const link = roads.links[0];
    const closures: TrafficClosure[] = [];
    const { engine, tick } = setup(closures);
    tick(T0, null);
    // Set while that tick's stages ran: it began after the tick's instant.
    closures.push({ id: 'closure-1', linkId: link.id, street: 'Nordring', kind: 'closure', capacityFactor: 0, since: T0 + 400, setAt: T0 + 400, source: 'operator', setBy: 'op' });
    tick(T0, null);
    expect(engine.list().filter((a) => a.kind === 'traffic')).toEqual([]);
    tick(T0 + 1_000, null);
    const raised = engine.list().filter((a) => a.kind === 'traffic');
    expect(raised.map((a) => [a.key, a.raisedAt])).toEqual([['traffic:closure:closure-1', T0 + 1_000]]);
  });
});
