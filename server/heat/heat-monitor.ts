import { DistrictHeatSum } from '../../common/models/district-heat.js';
import { lonLatToLocalKm } from '../../common/geo.js';
import { UTCI_CATEGORIES } from '../../common/models/heat.js';
import { sensorAnchor } from '../../common/derive.js';
import type { Sample } from '../../common/models/idw.js';
import type { DistrictHeatFigures, LiveEntry, NightCount, NightFigure } from '../../common/protocol.js';
import type { SensorIndex } from '../registry.js';
import type { DistrictGrid } from './district-grid.js';
import { HoursToday } from './heat-hours.js';
import { NightMinimum } from './night-minimum.js';

/** "Heat stress" for the hours-today figure: from moderate heat stress up (UTCI ≥ 26 °C). */
const HEAT_STRESS_FROM_C = UTCI_CATEGORIES.find((c) => c.id === 'moderate-heat-stress')!.minC;

/**
 * District heat figures (mean/max UTCI, share at strong heat stress, hours today) and night minima,
 * recomputed from the climate entries of the live state. Heat alerts are the alert engine's
 * (server/alerts/), which reads these figures.
 */
export class HeatMonitor {
  private figures: DistrictHeatFigures[] = [];
  private hours = new HoursToday();
  private nightMinimum = new NightMinimum();
  /**
   * Each station seen so far as the sample a surface reads: its planar position (stations never move) and its
   * latest UTCI, set again by each samplesOf. At SCALE a new object per station and surface, 15,000 kept alive
   * while the surface was summed over several turns, was one of the larger sources of what the server's garbage
   * collector copied (a heap sampling of what outlived a scavenge).
   */
  private readonly stationSamples = new Map<string, Sample>();

  constructor(
    private readonly sensors: SensorIndex,
    private readonly grid: DistrictGrid,
  ) {}

  /** A station's planar position (km), from its registry anchor; null for an unknown id. */
  private sampleOf(sensorId: string): Sample | null {
    let at = this.stationSamples.get(sensorId);
    if (at === undefined) {
      const sensor = this.sensors.get(sensorId);
      if (!sensor) return null;
      const [lon, lat] = sensorAnchor(sensor);
      const { x, y } = lonLatToLocalKm(lon, lat);
      this.stationSamples.set(sensorId, (at = { x, y, value: NaN }));
    }
    return at;
  }

  districts(): DistrictHeatFigures[] {
    return this.figures;
  }

  nights(): NightFigure[] {
    return this.nightMinimum.figures();
  }

  nightCount(): NightCount {
    return this.nightMinimum.count();
  }

  /** The night figures that changed since the last call (NightMinimum.takeChanged). */
  changedNights(): NightFigure[] {
    return this.nightMinimum.takeChanged();
  }

  /**
   * Takes up where a previous process of the same run stopped (figures read back from the history):
   * hours under heat stress so far today, and air temperatures of the nights.
   */
  resume(from: { cityTime: number; hoursToday: ReadonlyMap<string, number>; airTemps: ReadonlyArray<{ sensorId: string; t: number; airTempC: number }> }): void {
    if (from.hoursToday.size > 0) this.hours.resume(from.cityTime, from.hoursToday);
    for (const r of [...from.airTemps].sort((a, b) => a.t - b.t)) this.nightMinimum.add(r.sensorId, r.t, r.airTempC);
  }

  /** Forgets every figure (a scenario switch: they belong to the old run's city and clock). */
  reset(): void {
    this.figures = [];
    this.hours = new HoursToday();
    this.nightMinimum = new NightMinimum();
  }

  /** Takes new climate readings (entries `from` to before `to`) into the night minima (every tick, so none is missed between two surfaces). */
  noteReadings(entries: ReadonlyArray<LiveEntry>, from = 0, to = entries.length): void {
    const end = Math.min(to, entries.length);
    for (let i = from; i < end; i++) {
      const e = entries[i];
      if (e.reading.kind === 'climate') this.nightMinimum.add(e.reading.sensorId, e.reading.ts, e.reading.values.airTempC);
    }
  }

  /** One station's air temperature at `ts` towards its night minimum, as noteReadings takes a climate entry's. */
  noteAirTemp(sensorId: string, ts: number, airTempC: number): void {
    this.nightMinimum.add(sensorId, ts, airTempC);
  }

  /** Recomputes the district figures from the latest entry of every climate station. */
  update(climate: ReadonlyArray<LiveEntry>, cityTime: number): void {
    this.updateFrom((visit) => {
      for (const e of climate) if (e.derived.kind === 'climate') visit(e.reading.sensorId, e.derived.utciC);
    }, cityTime);
  }

  /**
   * Recomputes the district figures from every climate station's UTCI as `stations` visits them
   * (LiveState.forEachNumber reads them from the columns: at SCALE, 15,000 stations' entries were
   * built every surface only for this one figure).
   */
  updateFrom(stations: ClimateStations, cityTime: number): void {
    const sum = this.surface(stations);
    sum.add(this.grid.cells.length);
    this.applySurface(sum, cityTime);
  }

  /**
   * updateFrom in parts: the surface over the stations as `stations` visits them now, to be summed
   * (DistrictHeatSum.add) and then applied (applySurface) by a caller that yields in between.
   */
  surface(stations: ClimateStations): DistrictHeatSum {
    return this.surfaceOf(this.samplesOf(stations));
  }

  /**
   * The stations with a UTCI at their planar positions, as `stations` visits them now. The samples are the
   * monitor's own and change with the next call: one surface is summed at a time (ticks never overlap).
   */
  samplesOf(stations: ClimateStations): Sample[] {
    // A plain loop over positions computed once per station: at 15,000 stations the per-entry lookups,
    // projections and spreads of a flatMap were most of the surface's time and garbage.
    const samples: Sample[] = [];
    stations((sensorId, utciC) => {
      if (utciC === null) return;
      const sample = this.sampleOf(sensorId);
      if (!sample) return;
      sample.value = utciC;
      samples.push(sample);
    });
    return samples;
  }

  /** The surface over `samples` (its station grid built), to be summed. */
  surfaceOf(samples: readonly Sample[]): DistrictHeatSum {
    return new DistrictHeatSum(this.grid.cells, samples);
  }

  /** The district figures from a surface summed over every cell (`sum.done`), at `cityTime`. */
  applySurface(sum: DistrictHeatSum, cityTime: number): void {
    if (!sum.done) throw new Error('the heat surface is not summed over every cell yet');
    const byDistrict = new Map(sum.result().map((d) => [d.districtId, d]));
    this.hours.update(cityTime, new Map([...byDistrict].map(([id, d]) => [id, d.meanUtciC >= HEAT_STRESS_FROM_C])));
    this.figures = this.grid.districts.flatMap((district) => {
      const d = byDistrict.get(district.id);
      return d ? [{ ...d, name: district.name, hoursHeatStressToday: this.hours.get(district.id) }] : [];
    });
  }
}

/** Visits every climate station with its UTCI (null: none). */
export type ClimateStations = (visit: (sensorId: string, utciC: number | null) => void) => void;
