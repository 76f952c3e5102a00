import { useEffect, useState } from 'react';
import type { ScenarioSummary } from '../../../common/scenarios.js';
import { fetchScenarios } from './scenario-api.js';

/** The scenarios' names by id (GET /api/scenarios, asked once when `wanted`), for a screen that shows another scenario than the live one. */
export function useScenarioNames(wanted: boolean): ReadonlyMap<string, ScenarioSummary['name']> {
  const [names, setNames] = useState<ReadonlyMap<string, ScenarioSummary['name']>>(new Map());
  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    const ask = () =>
      fetchScenarios(controller.signal)
        .then((list) => setNames(new Map(list.scenarios.map((s) => [s.id, s.name]))))
        // the server not up yet (a kiosk started first): ask again, the header shows the id meanwhile
        .catch(() => controller.signal.aborted || window.setTimeout(ask, 5000));
    void ask();
    return () => controller.abort();
  }, [wanted]);
  return names;
}
