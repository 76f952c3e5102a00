/** One entry of a Redis stream: its id and its fields. */
export interface StreamMessage {
  id: string;
  fields: Record<string, string>;
}

const fieldsOf = (flat: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (!Array.isArray(flat)) return out;
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
};

const messagesOf = (list: unknown): StreamMessage[] =>
  Array.isArray(list) ? list.filter((m): m is [unknown, unknown] => Array.isArray(m) && m.length === 2).map(([id, flat]) => ({ id: String(id), fields: fieldsOf(flat) })) : [];

/**
 * The messages of `stream` in a raw XREAD reply: null (timeout), a RESP3 map (object or Map) of
 * stream name to entries, or RESP2's [[name, entries]]. XRANGE replies are the entries alone.
 */
export function parseXRead(reply: unknown, stream: string): StreamMessage[] {
  if (reply === null || reply === undefined) return [];
  if (reply instanceof Map) return messagesOf(reply.get(stream));
  if (Array.isArray(reply)) {
    const hit = reply.find((s): s is [unknown, unknown] => Array.isArray(s) && String(s[0]) === stream);
    return hit ? messagesOf(hit[1]) : [];
  }
  if (typeof reply === 'object') return messagesOf((reply as Record<string, unknown>)[stream]);
  return [];
}

export const parseXRange = messagesOf;
