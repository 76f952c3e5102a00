import { isStale } from '../../../common/freshness.js';
import { ringsBounds } from '../../../common/geo-bounds.js';
import type { LonLat } from '../../../common/geo.js';
import { DEFAULT_CROWN_DIAMETER_M, planFromUrl, planToUrl, type Measure, type MeasureType } from '../../../common/measures.js';
import { evaluatePlan, planFrame, type DistrictShape, type PlanFrame, type PlanResult, type StationClimate } from '../../../common/models/heat-plan.js';
import { dayOfYearUtc, sunPosition } from '../../../common/models/solar.js';
import { windAt10mMs } from '../../../common/models/wind.js';
import type { Place } from '../../../common/places.js';
import { VersionedStore } from '../live/versioned-store.js';
import type { CityModel } from '../map/city-model.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { isSavedPlanId, type PlanSummary } from '../../../common/plans.js';
import { fetchPlan } from './plans-api.js';
import { plantingMeasures, type Planting } from './plantings.js';

/** `plan=` of the address: a saved plan's id (loaded from the server) or the measures themselves. */
export function planParam(raw: string | null): Measure[] | string | null {
  return isSavedPlanId(raw) ? raw : planFromUrl(raw);
}

/** How the heat surface shows the plan: as today, with the plan, the difference, or split (today left of the divider, the plan right). */
export type WhatIfView = 'before' | 'after' | 'difference' | 'swipe';

/** The saved plan on screen, as long as its measures are not edited: the address then names it (`plan=<id>`). */
export interface OpenedPlan {
  summary: PlanSummary;
  measures: Measure[];
}

export interface Draft {
  type: MeasureType;
  points: Array<[number, number]>;
}

/**
 * The planner's heat what-if, outside React like the other stores: the drawn plan, the drawing in
 * progress, the planting register as measures, and the plan applied to the displayed heat surface
 * (common/models/heat-plan.ts), recomputed when the displayed climate readings or the plan change.
 */
export class WhatIfStore extends VersionedStore {
  plan: Measure[] = [];
  draft: Draft | null = null;
  treeCount = 12;
  crownDiameterM = DEFAULT_CROWN_DIAMETER_M;
  waterRadiusM = 8;
  view: WhatIfView = 'difference';
  registerOn = false;
  plantings: Planting[] = [];
  error: string | null = null;
  /** the saved plan opened or just saved; dropped from the address once its measures are edited */
  opened: OpenedPlan | null = null;
  /** the compare view (plan against today with the table of what changed) is open */
  comparing = false;
  /** where the split view divides the map, 0 … 1 of its width */
  swipeAt = 0.5;
  private frame: PlanFrame | null = null;
  private planVersion = 0;
  private nextId = 1;
  private cache: { key: string; result: PlanResult | null } | null = null;
  readonly refLat: number;

  constructor(
    private readonly shown: DisplayedCity,
    private readonly city: CityModel,
    private readonly places: () => ReadonlyArray<Place>,
    initial: Measure[] | string | null,
  ) {
    super();
    this.openOnStart = initial !== null && initial.length > 0;
    if (typeof initial === 'string') this.savedToOpen = initial;
    const initialPlan = typeof initial === 'string' ? null : initial;
    const [, s, , n] = ringsBounds(city.boundaryRings);
    this.refLat = (s + n) / 2;
    if (initialPlan) {
      this.plan = initialPlan;
      this.nextId = initialPlan.length + 1;
      // the parameters shown are those of the last tree line, which they edit
      const last = initialPlan.findLast((m) => m.type === 'trees');
      if (last?.type === 'trees') {
        this.treeCount = last.count;
        this.crownDiameterM = last.crownDiameterM;
      }
    }
  }

  /** Loads the districts and the planting register; returns the unsubscribe. */
  start(): () => void {
    let stopped = false;
    const get = async (url: string) => {
      const r = await fetch(url);
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r.json();
    };
    void Promise.all([get('/city/districts.geojson'), get('/city/plantings.geojson')])
      .then(([districts, plantings]) => {
        if (stopped) return;
        const shapes: DistrictShape[] = (districts as { features: Array<{ properties: { name: string }; geometry: { type: string; coordinates: unknown } }> }).features.map((f) => ({
          name: f.properties.name,
          rings: f.geometry.type === 'Polygon' ? (f.geometry.coordinates as LonLat[][]) : (f.geometry.coordinates as LonLat[][][]).flat(),
        }));
        this.districtShapes = shapes;
        this.plantings = (plantings as { features: Array<{ properties: Planting['properties']; geometry: { coordinates: [number, number] } }> }).features.map((f) => ({ at: f.geometry.coordinates, properties: f.properties }));
        this.changed();
      })
      .catch((err: Error) => {
        this.error = err.message;
        this.notify();
      });
    if (this.savedToOpen) {
      const id = this.savedToOpen;
      fetchPlan(id)
        .then(({ plan, measures }) => {
          if (!stopped) this.openSaved(plan, measures);
        })
        .catch((err: Error) => {
          this.error = `${id}: ${err.message}`;
          this.notify();
        });
    }
    const off = this.shown.subscribe(() => this.notifyFollowing());
    return () => {
      stopped = true;
      off();
    };
  }

  private districtShapes: DistrictShape[] | null = null;
  /** a saved plan named by the address, fetched at start */
  private savedToOpen: string | null = null;
  /** the address held a plan: the panel opens with it */
  readonly openOnStart: boolean;

  private planFrameNow(): PlanFrame | null {
    const places = this.places();
    if (!this.districtShapes) return null;
    if (!this.frame || this.frame.places !== places) this.frame = planFrame(this.refLat, this.districtShapes, places);
    return this.frame;
  }

  /** Moves whenever the measures change (not with the displayed time): what the map layers key on. */
  get planKey(): number {
    return this.planVersion;
  }

  private measuresCache: { key: number; measures: Measure[] } | null = null;

  /** The measures in effect: the drawn plan and, when switched on, the register's plantings (the same array until they change). */
  measures(): Measure[] {
    if (this.measuresCache?.key !== this.planVersion) {
      const measures = this.registerOn ? [...this.plan, ...plantingMeasures(this.plantings, this.crownDiameterM)] : this.plan;
      this.measuresCache = { key: this.planVersion, measures };
    }
    return this.measuresCache.measures;
  }

  /** The plan at the displayed instant; null until the districts are loaded, without stations or without measures. */
  result(): PlanResult | null {
    // Nothing to show for an empty plan; evaluating it anyway cost the page ~1.5 ms of every delta (issue 13).
    if (this.measures().length === 0) return null;
    const view = this.shown.view();
    const now = view.cityNow();
    const frame = this.planFrameNow();
    if (now === null || !frame) return null;
    const key = `${view.versions.climate}/${Math.floor(now / 60_000)}/${this.planVersion}/${frame.places.length}`;
    if (this.cache?.key === key) return this.cache.result;
    const stations: StationClimate[] = this.city.climate.flatMap((s) => {
      const e = view.entries.get(s.id);
      if (!e || isStale(e.reading, now) || e.reading.kind !== 'climate' || e.derived.kind !== 'climate' || e.derived.utciC === null) return [];
      const v = e.reading.values;
      return [{ lon: s.geometry.coordinates[0], lat: s.geometry.coordinates[1], airTempC: v.airTempC, relHumidityPct: v.relHumidityPct, wind10mMs: windAt10mMs(v.windKmh), solarWm2: v.solarWm2, utciC: e.derived.utciC }];
    });
    const [w, s, e, n] = ringsBounds(this.city.boundaryRings);
    const sun = sunPosition(now, (s + n) / 2, (w + e) / 2);
    const result = stations.length === 0 ? null : evaluatePlan(frame, stations, this.measures(), sun, dayOfYearUtc(now));
    this.cache = { key, result };
    return result;
  }

  /** `plan=` for the address bar: the saved plan's id while it is unedited, else the drawn measures (the register is a switch). */
  urlValue(): string | null {
    if (this.opened && this.opened.measures === this.plan) return this.opened.summary.id;
    return this.plan.length ? planToUrl(this.plan) : null;
  }

  /** A saved plan opened (from the list or the address) or just saved: its measures become the plan. */
  openSaved(summary: PlanSummary, measures: Measure[]): void {
    this.opened = { summary, measures };
    this.draft = null;
    this.setPlan(measures);
  }

  /** The frame the plan is evaluated in (null until the districts are loaded): the day evaluation shares it. */
  planFrame(): PlanFrame | null {
    return this.planFrameNow();
  }

  setComparing(on: boolean): void {
    this.comparing = on;
    // the compare view opens on the plan; closing it leaves a split view for the difference
    if (on && this.view !== 'before' && this.view !== 'swipe') this.view = 'after';
    if (!on && this.view === 'swipe') this.view = 'difference';
    this.notify();
  }

  setSwipeAt(at: number): void {
    this.swipeAt = Math.min(0.95, Math.max(0.05, at));
    this.notify();
  }

  private changed(): void {
    this.planVersion += 1;
    this.notify();
  }

  startDraft(type: MeasureType): void {
    this.draft = { type, points: [] };
    this.notify();
  }

  cancelDraft(): void {
    if (!this.draft) return;
    this.draft = null;
    this.notify();
  }

  /** A click on the map while drawing; a water feature is one point and finishes at once. */
  addPoint(at: [number, number]): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, points: [...this.draft.points, at] };
    if (this.draft.type === 'water') this.finishDraft();
    else this.notify();
  }

  /** Enter: the drawing becomes a measure when it has enough points (trees 1, areas 3). */
  finishDraft(): boolean {
    const d = this.draft;
    if (!d) return false;
    const id = `m${this.nextId++}`;
    let m: Measure | null = null;
    if (d.type === 'trees' && d.points.length >= 1) m = { type: 'trees', id, line: d.points, count: this.treeCount, crownDiameterM: this.crownDiameterM };
    else if ((d.type === 'shade' || d.type === 'green') && d.points.length >= 3) m = { type: d.type, id, polygon: d.points };
    else if (d.type === 'water' && d.points.length >= 1) m = { type: 'water', id, at: d.points[0], radiusM: this.waterRadiusM };
    if (!m) return false;
    this.draft = null;
    this.plan = [...this.plan, m];
    this.changed();
    return true;
  }

  remove(id: string): void {
    this.plan = this.plan.filter((m) => m.id !== id);
    this.changed();
  }

  clear(): void {
    this.plan = [];
    this.draft = null;
    this.changed();
  }

  setPlan(plan: Measure[]): void {
    this.plan = plan;
    this.nextId = plan.length + 1;
    this.changed();
  }

  setTreeParams(count: number, crownDiameterM: number): void {
    this.treeCount = count;
    this.crownDiameterM = crownDiameterM;
    // the parameters apply to the tree line being drawn and the last one drawn, so the effect can be tried out
    const last = this.plan.at(-1);
    if (last?.type === 'trees') this.plan = [...this.plan.slice(0, -1), { ...last, count, crownDiameterM }];
    this.changed();
  }

  setView(view: WhatIfView): void {
    this.view = view;
    this.notify();
  }

  setRegister(on: boolean): void {
    this.registerOn = on;
    this.changed();
  }
}
