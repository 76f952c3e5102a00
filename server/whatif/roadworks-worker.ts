import { parentPort } from 'node:worker_threads';
import type { TrafficClosure } from '../../common/protocol.js';
import { loadRoadNetwork } from '../traffic/road-network.js';
import type { RoadworksReply, RoadworksRequest } from './roadworks-evaluator.js';
import { RoadworksSandbox } from './roadworks-sandbox.js';

/**
 * The roadworks thread: runs the sandbox's equilibrium assignments (≈ 50–300 ms each) so that they
 * block this thread and not the server's event loop. Messages are handled one at a time, in order;
 * the baselines the sandbox keeps stay here between requests.
 */
let onRecord: { list: TrafficClosure[]; planned: TrafficClosure[] } = { list: [], planned: [] };
let dayType: RoadworksRequest['dayType'];
const sandbox = new RoadworksSandbox(loadRoadNetwork(), { list: () => onRecord.list, planned: () => onRecord.planned }, () => dayType);

parentPort!.on('message', (msg: RoadworksRequest) => {
  let reply: RoadworksReply;
  try {
    onRecord = msg.onRecord;
    dayType = msg.dayType;
    reply = { id: msg.id, ok: true, result: sandbox.evaluate(msg.req) };
  } catch (err) {
    reply = { id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ id: 0, ok: true, result: null } satisfies RoadworksReply);
