import { afterEach, describe, expect, it } from 'vitest';
import { UnknownLinkError } from '../../common/models/traffic-sandbox.js';
import { ClosureStore } from '../traffic/closures.js';
import { linkStreets, loadRoadNetwork } from '../traffic/road-network.js';
import { RoadworksEvaluator, RoadworksUnavailableError } from './roadworks-evaluator.js';
import { RoadworksSandbox } from './roadworks-sandbox.js';
import { measureStall } from '../../tests/helpers/event-loop-stall.js';

const net = loadRoadNetwork();
const NOW = Date.parse('2026-06-16T16:50:00+02:00');
const MORNING = Date.parse('2026-06-23T07:30:00+02:00');
const EVENING = Date.parse('2026-06-23T17:00:00+02:00');
const WORKS = { from: Date.parse('2026-06-22T00:00:00+02:00'), until: Date.parse('2026-07-03T00:00:00+02:00') };
const A40_BOTH = { closures: [{ linkId: 'a40-8-east', ...WORKS }, { linkId: 'a40-8-west', ...WORKS }], at: [MORNING, EVENING] };

let evaluator: RoadworksEvaluator | null = null;
afterEach(async () => {
  await evaluator?.close();
  evaluator = null;
});

function cityWithIncident() {
  const closures = new ClosureStore(linkStreets(net), () => NOW);
  const incident = closures.add({ linkId: 'nordring-1-cw', kind: 'incident', capacityFactor: 0.5 });
  if (!incident.ok) throw new Error('closure refused');
  return closures;
}

describe('roadworks evaluated in a worker thread', () => {
  it('answers as the sandbox does in this thread, the closures on record counted', async () => {
    const closures = cityWithIncident();
    evaluator = new RoadworksEvaluator(net, closures);
    const threaded = await evaluator.evaluate(A40_BOTH);
    const here = new RoadworksSandbox(net, closures).evaluate(A40_BOTH);
    expect(threaded.instants).toEqual(here.instants);
    expect(threaded.liveClosures).toEqual(here.liveClosures);
    expect(threaded.liveClosures).toHaveLength(1);
  });

  it('keeps the event loop turning while it evaluates (in this thread the same work holds it several times as long)', async () => {
    const closures = cityWithIncident();
    evaluator = new RoadworksEvaluator(net, closures);
    await evaluator.evaluate({ closures: [{ linkId: 'westring-1-cw', ...WORKS }], at: [NOW] }); // thread started and warm
    const inThread = (await measureStall(async () => new RoadworksSandbox(net, closures).evaluate(A40_BOTH))).longestMs;
    const offThread = (await measureStall(() => evaluator!.evaluate(A40_BOTH))).longestMs;
    // A ratio, not fixed bounds: on a quiet machine the work held this thread 132 ms (a bound of 150 failed in CI),
    // on a loaded one 1,849 ms against a noise floor of ~78 ms; off the thread only that noise remains (8.7-10.4 ms
    // against 123-130 ms in this thread on the quiet machine).
    expect(offThread, JSON.stringify({ inThread, offThread })).toBeLessThan(inThread / 3);
  });

  it('answers queued requests in order, each with its own result', async () => {
    evaluator = new RoadworksEvaluator(net, cityWithIncident());
    const plans = ['castroper-strasse-2-in', 'a40-8-east', 'westring-1-cw'].map((linkId) => ({ closures: [{ linkId, ...WORKS }], at: [MORNING] }));
    const answers = await Promise.all(plans.map((p) => evaluator!.evaluate(p)));
    expect(answers.map((a) => a.instants[0].inForce)).toEqual([['castroper-strasse-2-in'], ['a40-8-east'], ['westring-1-cw']]);
  });

  it('refuses an unknown link before sending anything to the thread', async () => {
    evaluator = new RoadworksEvaluator(net, cityWithIncident());
    await expect(evaluator.evaluate({ closures: [{ linkId: 'a40-99-east', ...WORKS }], at: [MORNING] })).rejects.toThrow(UnknownLinkError);
    expect(evaluator.inFlight).toBe(0);
  });

  it('fails the requests of a thread that dies with a clear error, and starts a new thread for the next one', async () => {
    evaluator = new RoadworksEvaluator(net, cityWithIncident());
    const first = evaluator.evaluate(A40_BOTH);
    // the thread is killed from outside mid-evaluation (as by an out-of-memory abort)
    await (evaluator as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(first).rejects.toThrow(RoadworksUnavailableError);
    const next = await evaluator.evaluate({ closures: [{ linkId: 'a40-8-east', ...WORKS }], at: [MORNING] });
    expect(next.instants[0].inForce).toEqual(['a40-8-east']);
  });

  it('refuses with RoadworksUnavailableError once closed', async () => {
    evaluator = new RoadworksEvaluator(net, cityWithIncident());
    await evaluator.close();
    await expect(evaluator.evaluate(A40_BOTH)).rejects.toThrow(/shut down/);
  });
});
