import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

describe('SIMULATOR_KINDS', () => {
  let server: Stadtpuls;

  beforeAll(async () => {
    ({ server } = await startTestServer({ SIMULATOR_KINDS: 'parking', STREAM_TICK_MS: '200' }));
  });

  afterAll(async () => {
    await server.stop();
  });

  it('simulates only the kinds it names and leaves the others quiet for real feeds', async () => {
    const parking = server.sensors.ofKind('parking').length;
    await waitFor(() => server.state.ofKind('parking').length === parking, 'every car park simulated');
    // The simulator reports every sensor of its kinds at the first step; give the others a few ticks to (not) appear.
    await new Promise((r) => setTimeout(r, 600));
    expect(server.state.size).toBe(parking);
    expect(Object.keys(server.ingest.stats.snapshot())).toEqual(['simulator']);
  });
});
