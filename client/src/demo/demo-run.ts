import type { FetchPastState } from '../time/displayed-city.js';
import { fetchPastState } from '../time/history-api.js';

/**
 * The recorded run the demo tour shows now (null: the server's current run) and the scenario it recorded
 * (the header names it instead of the live one); set by the player.
 */
export const demoRun: { current: string | null; scenario: string | null } = { current: null, scenario: null };

/** The displayed city's fetcher in demo mode: past states come from the current step's recording. */
export const fetchDemoState: FetchPastState = (at, signal) => fetchPastState(at, signal, demoRun.current ?? undefined);
