import { readdirSync } from 'node:fs';
import type { ScenarioInfo } from '../../common/protocol.js';
import type { ScenarioSummary } from '../../common/scenarios.js';
import type { Logger } from '../logger.js';
import { SCENARIO_DIR } from '../paths.js';
import { loadScenario, type Scenario } from '../simulator/scenario.js';
import { SimClock } from '../simulator/sim-clock.js';
import { steadyNow } from '../steady-clock.js';

/**
 * The scenario the city runs now and its clock (or none: real time on the steady clock). One object
 * that every stage reads the city time from, so a runtime switch (./scenario-switch.ts) replaces the
 * clock under all of them at once.
 */
export class CityScenario {
  private current: { scenario: Scenario; clock: SimClock } | null = null;
  /** the nodes of a cluster share one city clock (server/cluster/shared-clock.ts): set when this node joins */
  private shiftMs = 0;

  constructor(initial: { scenario: Scenario; start?: number; speed?: number } | null) {
    if (initial) this.replace(initial.scenario, initial.start, initial.speed);
  }

  get scenario(): Scenario | null {
    return this.current?.scenario ?? null;
  }

  get clock(): SimClock | null {
    return this.current?.clock ?? null;
  }

  /** The city time, epoch ms. Real time is the steady clock: a step of the wall clock neither refuses every reading nor stales them. */
  readonly now = (): number => (this.current ? this.current.clock.now() + this.shiftMs : steadyNow());

  /** What the header shows and the snapshot carries; null in real time. */
  info(): ScenarioInfo | null {
    return this.current ? { id: this.current.scenario.id, name: this.current.scenario.name, speed: this.current.clock.speed } : null;
  }

  shift(ms: number): void {
    this.shiftMs = ms;
  }

  /** The clock set back to `cityTime`, same scenario and speed: the city starts after work done before it (a replay's lead). */
  restartAt(cityTime: number): void {
    if (this.current) this.current = { scenario: this.current.scenario, clock: new SimClock(cityTime - this.shiftMs, this.current.clock.speed) };
  }

  /** A new clock for `scenario`, from its own start and speed unless given. */
  replace(scenario: Scenario, start?: number, speed?: number): void {
    this.current = { scenario, clock: new SimClock(start ?? Date.parse(scenario.start), speed ?? scenario.speed) };
    this.shiftMs = 0;
  }
}

/** Every valid scenario file in `dir`, by id; a broken file is logged and left out of the list. */
export function listScenarios(log: Logger, dir = SCENARIO_DIR): ScenarioSummary[] {
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
  const out: ScenarioSummary[] = [];
  for (const id of ids) {
    try {
      const s = loadScenario(id, dir);
      out.push({ id: s.id, name: s.name, description: s.description, start: s.start, speed: s.speed });
    } catch (err) {
      log.warn({ err, scenario: id }, 'scenario file left out of the list');
    }
  }
  return out;
}
