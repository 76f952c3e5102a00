import { aggregateDistrictHeat } from '../../common/models/district-heat.js';
import { nextHeatAlertLevel, type HeatAlertLevel } from '../../common/models/heat-alerts.js';
import { lonLatToLocalKm } from '../../common/geo.js';
import { UTCI_CATEGORIES } from '../../common/models/heat.js';
import { sensorAnchor } from '../../common/derive.js';
import type { DistrictHeatFigures, HeatAlert, LiveEntry, NightFigure } from '../../common/protocol.js';
import type { SensorIndex } from '../registry.js';
import type { DistrictGrid } from './district-grid.js';
import { HoursToday } from './heat-hours.js';
import { NightMinimum } from './night-minimum.js';

/** "Heat stress" for the hours-today figure: from moderate heat stress up (UTCI ≥ 26 °C). */
const HEAT_STRESS_FROM_C = UTCI_CATEGORIES.find((c) => c.id === 'moderate-heat-stress')!.minC;

interface Place {
  type: 'station' | 'district';
  id: string;
  name: string;
}

/**
 * District heat figures and heat alerts, recomputed from the climate entries of the live state.
 * Alerts follow the hysteresis rule of common/models/heat-alerts.ts, per station and per district
 * (district mean UTCI).
 */
export class HeatMonitor {
  private figures: DistrictHeatFigures[] = [];
  private readonly active = new Map<string, HeatAlert>();
  private readonly hours = new HoursToday();
  private readonly nightMinimum = new NightMinimum();

  constructor(
    private readonly sensors: SensorIndex,
    private readonly grid: DistrictGrid,
  ) {}

  districts(): DistrictHeatFigures[] {
    return this.figures;
  }

  alerts(): HeatAlert[] {
    return [...this.active.values()];
  }

  nights(): NightFigure[] {
    return this.nightMinimum.figures();
  }

  /**
   * Takes up where a previous process of the same run stopped (figures read back from the history):
   * alerts still open, hours under heat stress so far today, and air temperatures of the nights.
   */
  resume(from: { cityTime: number; alerts: readonly HeatAlert[]; hoursToday: ReadonlyMap<string, number>; airTemps: ReadonlyArray<{ sensorId: string; t: number; airTempC: number }> }): void {
    for (const alert of from.alerts) this.active.set(alert.id, alert);
    if (from.hoursToday.size > 0) this.hours.resume(from.cityTime, from.hoursToday);
    for (const r of [...from.airTemps].sort((a, b) => a.t - b.t)) this.nightMinimum.add(r.sensorId, r.t, r.airTempC);
  }

  /** Recomputes everything; returns whether the set of alerts or a level changed. */
  update(climate: ReadonlyArray<LiveEntry>, cityTime: number): { alertsChanged: boolean } {
    for (const e of climate) if (e.reading.kind === 'climate') this.nightMinimum.add(e.reading.sensorId, e.reading.ts, e.reading.values.airTempC);
    const stations = climate.flatMap((e) => {
      if (e.derived.kind !== 'climate' || e.derived.utciC === null) return [];
      const sensor = this.sensors.get(e.reading.sensorId);
      if (!sensor) return [];
      const [lon, lat] = sensorAnchor(sensor);
      return [{ ...lonLatToLocalKm(lon, lat), value: e.derived.utciC, id: sensor.id, name: sensor.properties.name }];
    });
    const byDistrict = new Map(aggregateDistrictHeat(this.grid.cells, stations).map((d) => [d.districtId, d]));
    this.hours.update(cityTime, new Map([...byDistrict].map(([id, d]) => [id, d.meanUtciC >= HEAT_STRESS_FROM_C])));
    this.figures = this.grid.districts.flatMap((district) => {
      const d = byDistrict.get(district.id);
      return d ? [{ ...d, name: district.name, hoursHeatStressToday: this.hours.get(district.id) }] : [];
    });

    let changed = false;
    for (const s of stations) changed = this.judge({ type: 'station', id: s.id, name: s.name }, s.value, cityTime) || changed;
    for (const d of this.figures) changed = this.judge({ type: 'district', id: d.districtId, name: d.name }, d.meanUtciC, cityTime) || changed;
    return { alertsChanged: changed };
  }

  private judge(place: Place, utciC: number, cityTime: number): boolean {
    const id = `heat:${place.type}:${place.id}`;
    const current = this.active.get(id);
    const level: HeatAlertLevel | null = nextHeatAlertLevel(current?.level ?? null, utciC);
    if (level === null) return this.active.delete(id);
    if (!current) {
      this.active.set(id, { id, level, place, raisedAt: cityTime, levelSince: cityTime, utciC });
      return true;
    }
    const levelChanged = current.level !== level;
    this.active.set(id, { ...current, level, utciC, levelSince: levelChanged ? cityTime : current.levelSince });
    return levelChanged;
  }
}
