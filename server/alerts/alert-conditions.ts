import { sensorAnchor } from '../../common/derive.js';
import { nextHeatAlertLevel, type HeatAlertLevel } from '../../common/models/heat-alerts.js';
import { chargingFaults } from '../../common/models/charging-alerts.js';
import { nextParkingAlertLevel, type ParkingAlertLevel } from '../../common/models/parking-alerts.js';
import { isFeedDown, isSilent } from '../../common/models/sensor-health-alerts.js';
import { NOT_CONGESTED, nextCongestion, type CongestionState } from '../../common/models/traffic-alerts.js';
import type { Alert, AlertKind, AlertLevel, AlertSeverity, DistrictHeatFigures, LiveEntry, TrafficClosure } from '../../common/protocol.js';
import type { SensorFeature } from '../../common/sensors.js';
import type { SensorKind } from '../../common/readings.js';
import { alertRules, type AlertThresholds } from './alert-config.js';

/** A condition present now at one place: what the engine turns into (or keeps as) an alert. */
export interface Condition {
  key: string;
  kind: AlertKind;
  level: AlertLevel;
  severity: AlertSeverity;
  place: Alert['place'];
  group: string;
  groupName: string;
  value: number | null;
  unit: string | null;
}

/** ISA-18.2 priority per level: how soon an operator has to act. */
export const SEVERITY: Record<AlertLevel, AlertSeverity> = {
  strong: 'low',
  very_strong: 'medium',
  extreme: 'high',
  congested: 'medium',
  closure: 'low',
  incident: 'medium',
  nearly_full: 'low',
  full: 'medium',
  site_down: 'medium',
  point_faulted: 'low',
  sensor_silent: 'low',
  feed_down: 'high',
};

/** Everything the rules look at in one evaluation. */
export interface ConditionInput {
  cityTime: number;
  /** the latest entry of every sensor */
  entries: readonly LiveEntry[];
  districts: readonly DistrictHeatFigures[];
  closures: readonly TrafficClosure[];
  /** feeds with an upstream link, on the steady clock (server/steady-clock.ts) */
  feeds: ReadonlyArray<{ name: string; link?: { state: 'connecting' | 'up' | 'down'; since: number; target: string } }>;
  steadyNow: number;
}

export interface Places {
  sensor(id: string): SensorFeature | undefined;
  /** a Stadtbezirk's id by its label (sensors carry the label) */
  districtId(name: string): string | undefined;
  /** a representative point of a district, for the map to fly to */
  districtCentre(id: string): [number, number] | undefined;
  link(linkId: string): { street: string; lonLat: [number, number] } | undefined;
}

const KIND_NAMES: Record<SensorKind, string> = { traffic: 'Verkehrsdetektoren', climate: 'Klimastationen', parking: 'Parkhäuser', charging: 'Ladestationen' };

/**
 * Applies the pure rules of common/models/ to the live state and keeps what they need between
 * evaluations: the current level per place (for hysteresis) and each link's run at LOS F.
 */
export class ConditionWatch {
  private readonly levels = new Map<string, AlertLevel>();
  private readonly congestion = new Map<string, CongestionState>();
  private rules: ReturnType<typeof alertRules>;

  constructor(
    private readonly thresholds: AlertThresholds,
    private readonly places: Places,
  ) {
    this.rules = alertRules(thresholds);
  }

  /** After a restart: the levels of the alerts taken up again, so hysteresis holds them as before. */
  prime(alerts: readonly Alert[], cityTime: number): void {
    for (const a of alerts) {
      if (!a.active) continue;
      this.levels.set(a.key, a.level);
      // A restored congestion alert stays raised until the link flows again.
      if (a.level === 'congested') this.congestion.set(a.key, { fSince: cityTime, raised: true });
    }
  }

  /** Forgets levels and congestion runs (a scenario switch: a new city on a new clock). */
  reset(): void {
    this.levels.clear();
    this.congestion.clear();
  }

  evaluate(input: ConditionInput): Condition[] {
    const out: Condition[] = [];
    const seen = new Set<string>();
    const leveled = (key: string, level: AlertLevel | null, make: (level: AlertLevel) => Omit<Condition, 'key' | 'level' | 'severity'>) => {
      seen.add(key);
      if (level === null) {
        this.levels.delete(key);
        return;
      }
      this.levels.set(key, level);
      out.push({ key, level, severity: SEVERITY[level], ...make(level) });
    };

    for (const e of input.entries) {
      const sensor = this.places.sensor(e.reading.sensorId);
      if (!sensor) continue;
      const p = sensor.properties;
      const lonLat = sensorAnchor(sensor);
      const districtId = this.places.districtId(p.district) ?? p.district;
      if (isSilent(e.reading.kind, e.reading.ts, input.cityTime, this.rules.sensor)) {
        const minutes = Math.round((input.cityTime - e.reading.ts) / 60_000);
        leveled(`sensor:silent:${sensor.id}`, 'sensor_silent', () => ({ kind: 'sensor', place: { type: 'sensor', id: sensor.id, name: p.name, lonLat }, group: `sensor:${e.reading.kind}`, groupName: KIND_NAMES[e.reading.kind], value: minutes, unit: 'min' }));
      }
      if (e.derived.kind === 'climate' && this.thresholds.heat.stations) {
        const key = `heat:station:${sensor.id}`;
        const level = nextHeatAlertLevel((this.levels.get(key) as HeatAlertLevel | undefined) ?? null, e.derived.utciC, this.rules.heat);
        leveled(key, level, () => ({ kind: 'heat', place: { type: 'station', id: sensor.id, name: p.name, lonLat }, group: `heat:${districtId}`, groupName: p.district, value: e.derived.kind === 'climate' ? e.derived.utciC : null, unit: '°C' }));
      } else if (e.derived.kind === 'traffic') {
        const key = `traffic:congested:${sensor.id}`;
        const next = nextCongestion(this.congestion.get(key) ?? NOT_CONGESTED, e.derived.los, input.cityTime, this.rules.congestion);
        this.congestion.set(key, next);
        const street = p.kind === 'traffic' ? p.street : p.name;
        const minutes = next.fSince === null ? null : Math.round((input.cityTime - next.fSince) / 60_000);
        leveled(key, next.raised ? 'congested' : null, () => ({ kind: 'traffic', place: { type: 'link', id: p.kind === 'traffic' ? (p.linkId ?? sensor.id) : sensor.id, name: p.name, lonLat }, group: `traffic:${street}`, groupName: street, value: minutes, unit: 'min' }));
      } else if (e.derived.kind === 'parking') {
        const key = `parking:${sensor.id}`;
        const level = nextParkingAlertLevel((this.levels.get(key) as ParkingAlertLevel | undefined) ?? null, e.derived.occupancyPct, this.rules.parking);
        leveled(key, level, () => ({ kind: 'parking', place: { type: 'car_park', id: sensor.id, name: p.name, lonLat }, group: `parking:${districtId}`, groupName: p.district, value: e.derived.kind === 'parking' ? Math.round(e.derived.occupancyPct * 10) / 10 : null, unit: '%' }));
      } else if (e.reading.kind === 'charging') {
        const faults = chargingFaults(e.reading.values.points);
        const group = `charging:${sensor.id}`;
        const site = { type: 'charging_site' as const, id: sensor.id, name: p.name, lonLat };
        if (faults.siteDown) leveled(`charging:site:${sensor.id}`, 'site_down', () => ({ kind: 'charging', place: site, group, groupName: p.name, value: e.reading.kind === 'charging' ? e.reading.values.points.length : null, unit: null }));
        for (const point of faults.faultedPoints) {
          leveled(`charging:point:${sensor.id}/${point}`, 'point_faulted', () => ({ kind: 'charging', place: { type: 'charge_point', id: `${sensor.id}/${point}`, name: `${p.name} · ${point}`, lonLat }, group, groupName: p.name, value: null, unit: null }));
        }
      }
    }

    for (const d of input.districts) {
      const key = `heat:district:${d.districtId}`;
      const level = nextHeatAlertLevel((this.levels.get(key) as HeatAlertLevel | undefined) ?? null, d.meanUtciC, this.rules.heat);
      leveled(key, level, () => ({ kind: 'heat', place: { type: 'district', id: d.districtId, name: d.name, lonLat: this.places.districtCentre(d.districtId) }, group: `heat:${d.districtId}`, groupName: d.name, value: d.meanUtciC, unit: '°C' }));
    }

    if (this.thresholds.traffic.closures) {
      for (const c of input.closures) {
        const link = this.places.link(c.linkId);
        leveled(`traffic:${c.kind}:${c.id}`, c.kind, () => ({ kind: 'traffic', place: { type: 'link', id: c.linkId, name: c.street, lonLat: link?.lonLat }, group: `traffic:${c.street}`, groupName: c.street, value: null, unit: null }));
      }
    }

    for (const feed of input.feeds) {
      if (!isFeedDown(feed.link, input.steadyNow, this.rules.sensor)) continue;
      const minutes = feed.link ? Math.round((input.steadyNow - feed.link.since) / 60_000) : null;
      leveled(`sensor:feed:${feed.name}`, 'feed_down', () => ({ kind: 'sensor', place: { type: 'feed', id: feed.name, name: feed.name }, group: 'sensor:feeds', groupName: 'Datenquellen', value: minutes, unit: 'min' }));
    }

    // Places no longer evaluated (a sensor gone from the state) lose their hysteresis level.
    for (const key of this.levels.keys()) if (!seen.has(key)) this.levels.delete(key);
    return out;
  }
}
