import type { Ingest, IngestOutcome } from '../ingest/ingest.js';
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

const clip = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * One MQTT message → at most one reading on the ingest path. Every refusal on the way (size,
 * JSON, topic, TTN envelope, device map) is counted and logged once under the feed's source.
 */
export function handleMqttMessage(topic: string, payload: Buffer, ctx: MqttMessageContext): IngestOutcome {
  const { ingest, source } = ctx;
  const where = { topic: clip(topic) };
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
    return ingest.refuse(source, 'malformed', `payload is not JSON: ${clip((err as Error).message)}`, where);
  }

  if (route.type === 'generic') {
    // Only a payload that names another sensor or kind is a mismatch; one that names none is just invalid.
    const r = (typeof json === 'object' && json !== null && !Array.isArray(json) ? json : {}) as { kind?: unknown; sensorId?: unknown };
    if (('kind' in r && r.kind !== route.kind) || ('sensorId' in r && r.sensorId !== route.sensorId)) {
      return ingest.refuse(source, 'topic_mismatch', `topic says ${route.kind}/${route.sensorId}, payload says ${clip(String(r.kind))}/${clip(String(r.sensorId))}`, where);
    }
    return ingest.submit(json, source);
  }

  const uplink = ttnUplinkSchema.safeParse(json);
  if (!uplink.success) {
    const detail = uplink.error.issues.map((i) => `${i.path.join('.') || '(uplink)'}: ${i.message}`).join('; ');
    return ingest.refuse(source, 'invalid', `not a TTN uplink: ${detail}`, where);
  }
  if (uplink.data.end_device_ids.device_id !== route.deviceId) {
    return ingest.refuse(source, 'topic_mismatch', `topic device ${route.deviceId}, payload device ${uplink.data.end_device_ids.device_id}`, where);
  }
  const mapped = uplinkToReading(uplink.data, ctx.devices);
  if (!mapped.ok) return ingest.refuse(source, mapped.reason, mapped.detail, { ...where, deviceId: route.deviceId });
  return ingest.submit(mapped.reading, source);
}
