/**
 * A growing UTF-8 buffer for writing a large JSON text in one piece (the JSON snapshot of 100,000
 * sensors, LiveState.entriesJson). Joining a short string per entry, each concatenated from a
 * dozen parts, left millions of string pieces for the garbage collector: slower than building the
 * entry objects and JSON.stringify. Numbers are written as JSON.stringify writes them.
 */
/** Entries written between two yields of a JSON text written in steps (LiveState.entriesJsonSteps): a few ms of work. */
export const JSON_ROWS_PER_STEP = 4_096;

export class JsonBytes {
  private buf: Buffer;
  private at = 0;
  /** whether anything beyond ASCII was written (then the text is decoded as UTF-8, else as the faster latin1) */
  private wide = false;

  constructor(initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Text that is ASCII (keys, ids of the registry's alphabet, JSON of a word): written char by char. */
  ascii(s: string): void {
    const n = s.length;
    this.room(n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) buf[at++] = s.charCodeAt(i);
    this.at = at;
  }

  /** Any text, as UTF-8. */
  text(s: string): void {
    const bytes = Buffer.byteLength(s);
    if (bytes !== s.length) this.wide = true;
    this.room(bytes);
    this.at += this.buf.write(s, this.at, 'utf8');
  }

  /** A number as JSON (not finite: null); integers digit by digit, the rest through String(). */
  number(x: number): void {
    if (x !== x || x === Infinity || x === -Infinity) return this.ascii('null');
    if (!Number.isInteger(x) || x > Number.MAX_SAFE_INTEGER || x < -Number.MAX_SAFE_INTEGER) return this.ascii(String(x));
    this.room(17);
    if (x < 0) {
      this.buf[this.at++] = 0x2d;
      x = -x;
    }
    if (x < 10) {
      // 0 and -0 alike: JSON writes -0 as 0
      this.buf[this.at++] = 0x30 + x;
      return;
    }
    let digits = 0;
    for (let y = x; y >= 1; y = Math.floor(y / 10)) digits++;
    let end = this.at + digits;
    this.at = end;
    while (x >= 1) {
      const q = Math.floor(x / 10);
      this.buf[--end] = 0x30 + (x - q * 10);
      x = q;
    }
  }

  /** The bytes written, UTF-8 (no copy: valid until the next write). */
  utf8(): Buffer {
    return this.buf.subarray(0, this.at);
  }

  toString(): string {
    return this.buf.toString(this.wide ? 'utf8' : 'latin1', 0, this.at);
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }
}
