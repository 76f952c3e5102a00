/**
 * The MQTT topics Stadtpuls subscribes to. A prefix puts both families under a bridge's namespace,
 * e.g. `ttn/` when a local Mosquitto bridges TTN's broker in under `ttn/v3/…`.
 */

export type TopicRoute =
  | { type: 'ttn'; application: string; deviceId: string }
  | { type: 'generic'; kind: string; sensorId: string };

export function subscriptions(prefix: string): string[] {
  return [`${prefix}v3/+/devices/+/up`, `${prefix}stadtpuls/+/+`];
}

export function routeTopic(topic: string, prefix: string): TopicRoute | null {
  if (!topic.startsWith(prefix)) return null;
  const parts = topic.slice(prefix.length).split('/');
  if (parts.length === 5 && parts[0] === 'v3' && parts[2] === 'devices' && parts[4] === 'up') {
    return { type: 'ttn', application: parts[1], deviceId: parts[3] };
  }
  if (parts.length === 3 && parts[0] === 'stadtpuls') return { type: 'generic', kind: parts[1], sensorId: parts[2] };
  return null;
}
