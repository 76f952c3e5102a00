const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

const isSpace = (b: number) => b === SPACE || b === TAB || b === LF || b === CR;

/**
 * Counts the items of a JSON array body without parsing it, stopping as soon as there are more than
 * `limit`: so a body over the item limit is refused before JSON.parse builds half a million values.
 * Works on the UTF-8 bytes (JSON's structural characters are ASCII and never part of a multi-byte
 * sequence). Returns null when the body does not start as an array. For malformed JSON the count is
 * only an estimate; JSON.parse decides about that afterwards.
 */
export function countArrayItems(body: Uint8Array, limit: number): number | null {
  let i = 0;
  while (i < body.length && isSpace(body[i])) i++;
  if (body[i] !== OPEN_ARRAY) return null;
  let depth = 0;
  let items = 0;
  let sawValue = false;
  let inString = false;
  for (; i < body.length; i++) {
    const b = body[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) {
      inString = true;
      if (depth === 1) sawValue = true;
    } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (depth === 1) sawValue = true;
      depth++;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1) {
      if (b === COMMA) {
        items++;
        if (items >= limit) return items + 1;
      } else if (!isSpace(b)) sawValue = true;
    }
  }
  return sawValue ? items + 1 : 0;
}
