/**
 * Turning untrusted input into short log and answer text without ever throwing.
 * `String(x)` throws for `{ "toString": 1 }` and `new Date(ts).toISOString()` for a ts beyond ±8.64e15;
 * both once turned a bad reading into an HTTP 500 and an uncounted MQTT message.
 */

export const MAX_DETAIL_CHARS = 300;

export function clip(text: string, max = MAX_DETAIL_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A short, printable description of any value: strings as they are, other primitives by value, objects by type. */
export function describeValue(value: unknown, max = 100): string {
  switch (typeof value) {
    case 'string':
      return clip(value, max);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'symbol':
    case 'function':
      return typeof value;
    default:
      if (value === null) return 'null';
      return Array.isArray(value) ? `(array of ${value.length})` : '(object)';
  }
}

/** The `sensorId` an untrusted item names, for the log; undefined when it names none. */
export function namedSensorId(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const id = Object.prototype.hasOwnProperty.call(raw, 'sensorId') ? (raw as { sensorId: unknown }).sensorId : undefined;
  return id === undefined ? undefined : describeValue(id);
}

/** ISO 8601 where a Date can hold the value, else the number itself. */
export function describeTimestamp(ts: number): string {
  return Number.isFinite(ts) && Math.abs(ts) <= 8.64e15 ? new Date(ts).toISOString() : String(ts);
}
