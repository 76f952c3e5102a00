import { z } from 'zod';
import type { RejectReason } from '../ingest/source-stats.js';
import type { DeviceMap, FieldSpec } from './ttn-device-map.js';

/**
 * The Things Network v3 uplink message (as published on `v3/{app}@{tenant}/devices/{device}/up`),
 * only the parts Stadtpuls reads; everything else TTN sends is let through untouched.
 */
export const ttnUplinkSchema = z.looseObject({
  end_device_ids: z.looseObject({ device_id: z.string().min(1).max(64) }),
  received_at: z.iso.datetime().optional(),
  uplink_message: z.looseObject({
    /** present only when the application has a payload formatter */
    decoded_payload: z.record(z.string(), z.unknown()).optional(),
    received_at: z.iso.datetime().optional(),
    rx_metadata: z.array(z.looseObject({})).optional(),
  }),
});
export type TtnUplink = z.infer<typeof ttnUplinkSchema>;

export type UplinkResult =
  | { ok: true; reading: { sensorId: string; kind: string; ts: number; values: Record<string, number | boolean> } }
  | { ok: false; reason: Extract<RejectReason, 'invalid' | 'unknown_sensor'>; detail: string };

/** Keeps unit conversions from showing float noise such as 29.000000000000004 °C. */
const roundConverted = (v: number) => Math.round(v * 1e6) / 1e6;

function fieldValue(payload: Record<string, unknown>, field: string): unknown {
  // Dotted paths reach into nested decoder output, e.g. "climate.temperature".
  let v: unknown = payload;
  for (const part of field.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function convert(raw: unknown, spec: FieldSpec): { ok: true; value: number | boolean } | { ok: false; why: string } {
  if ('as' in spec) {
    if (raw === true || raw === 1) return { ok: true, value: true };
    if (raw === false || raw === 0) return { ok: true, value: false };
    return { ok: false, why: 'is not 0/1 or a boolean' };
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return { ok: false, why: 'is not a number' };
  if (spec.scale === undefined && spec.offset === undefined) return { ok: true, value: raw };
  return { ok: true, value: roundConverted(raw * (spec.scale ?? 1) + (spec.offset ?? 0)) };
}

/**
 * Turns an uplink into a reading candidate (the ingest path validates it like any other).
 * The timestamp is the network server's reception time: the devices send none, and gateway clocks
 * without GPS cannot be trusted.
 */
export function uplinkToReading(uplink: TtnUplink, devices: DeviceMap): UplinkResult {
  const deviceId = uplink.end_device_ids.device_id;
  const device = devices.get(deviceId);
  if (!device) return { ok: false, reason: 'unknown_sensor', detail: `no device ${deviceId} in the TTN device map` };
  const receivedAt = uplink.uplink_message.received_at ?? uplink.received_at;
  if (!receivedAt) return { ok: false, reason: 'invalid', detail: 'uplink has no received_at' };
  const payload = uplink.uplink_message.decoded_payload;
  if (!payload) return { ok: false, reason: 'invalid', detail: `uplink of ${deviceId} has no decoded_payload (no payload formatter in TTN?)` };

  const values: Record<string, number | boolean> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(device.values)) {
    const raw = fieldValue(payload, spec.field);
    if (raw === undefined || raw === null) {
      if (!spec.optional) problems.push(`decoded_payload.${spec.field} is missing (for ${key})`);
      continue;
    }
    const converted = convert(raw, spec);
    if (converted.ok) values[key] = converted.value;
    else problems.push(`decoded_payload.${spec.field} ${converted.why} (for ${key})`);
  }
  if (problems.length > 0) return { ok: false, reason: 'invalid', detail: `${deviceId}: ${problems.join('; ')}` };
  return { ok: true, reading: { sensorId: device.sensorId, kind: device.kind, ts: Date.parse(receivedAt), values } };
}
