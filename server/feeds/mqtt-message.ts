import { formatZodError } from '../../common/zod-error.js';
import type { Ingest, IngestOutcome } from '../ingest/ingest.js';
import { clip, describeValue } from '../ingest/safe-text.js';
import type { DeviceMap } from './ttn-device-map.js';
import { routeTopic } from './mqtt-topics.js';
import { ttnUplinkSchema, uplinkToReading } from './ttn-uplink.js';

export interface MqttMessageContext {
  ingest: Ingest;
  devices: DeviceMap;
  topicPrefix: string;
  maxPayloadBytes: number;
  source: string;
}

/**
 * One MQTT message → exactly one outcome on the ingest path: a reading applied, or a refusal (size,
 * JSON, topic, TTN envelope, device map, the reading rules) counted under the feed's source. Never
 * throws: a failure of its own is counted as `internal_error`, so no message goes uncounted.
 */
export function handleMqttMessage(topic: string, payload: Buffer, ctx: MqttMessageContext): IngestOutcome {
  try {
    return handle(topic, payload, ctx);
  } catch (err) {
    const cause = err instanceof Error ? (err.stack ?? err.message) : typeof err;
    return ctx.ingest.refuse(ctx.source, 'internal_error', 'the server failed on this message; the error is in its log', { topic: clip(topic, 200), cause: clip(cause, 2000) });
  }
}

function handle(topic: string, payload: Buffer, ctx: MqttMessageContext): IngestOutcome {
  const { ingest, source } = ctx;
  const where = { topic: clip(topic, 200) };
  const route = routeTopic(topic, ctx.topicPrefix);
  if (!route) return ingest.refuse(source, 'topic_mismatch', 'topic is neither a TTN uplink nor stadtpuls/{kind}/{sensorId}', where);
  // Checked before parsing, so an oversized message costs no JSON work.
  if (payload.length > ctx.maxPayloadBytes) {
    return ingest.refuse(source, 'too_large', `payload of ${payload.length} bytes exceeds ${ctx.maxPayloadBytes}`, where);
  }
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return ingest.refuse(source, 'malformed', `payload is not JSON: ${clip((err as Error).message, 200)}`, where);
  }

  if (route.type === 'generic') {
    // Only a payload that names another sensor or kind is a mismatch; one that names none is just invalid.
    const r = (typeof json === 'object' && json !== null && !Array.isArray(json) ? json : {}) as { kind?: unknown; sensorId?: unknown };
    if (('kind' in r && r.kind !== route.kind) || ('sensorId' in r && r.sensorId !== route.sensorId)) {
      return ingest.refuse(source, 'topic_mismatch', `topic says ${clip(route.kind, 100)}/${clip(route.sensorId, 100)}, payload says ${describeValue(r.kind)}/${describeValue(r.sensorId)}`, where);
    }
    return ingest.submit(json, source);
  }

  const uplink = ttnUplinkSchema.safeParse(json);
  if (!uplink.success) {
    return ingest.refuse(source, 'invalid', clip(`not a TTN uplink: ${formatZodError(uplink.error, { whole: '(uplink)', limit: 5 })}`), where);
  }
  if (uplink.data.end_device_ids.device_id !== route.deviceId) {
    return ingest.refuse(source, 'topic_mismatch', `topic device ${clip(route.deviceId, 100)}, payload device ${clip(uplink.data.end_device_ids.device_id, 100)}`, where);
  }
  const mapped = uplinkToReading(uplink.data, ctx.devices);
  if (!mapped.ok) return ingest.refuse(source, mapped.reason, clip(mapped.detail), { ...where, deviceId: clip(route.deviceId, 100) });
  return ingest.submit(mapped.reading, source);
}
