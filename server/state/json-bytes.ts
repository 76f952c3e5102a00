/**
 * Entries written between two yields of a JSON text written in steps (LiveState.entriesJsonSteps): a few ms of work.
 * A step is the least a writer does before the event loop may turn (runStepsYielding turns after 8 ms of them):
 * 4,096 were 15–30 ms on a 2-core AMD EPYC under the profiler (bench/json-join), a stall of their own.
 */
export const JSON_ROWS_PER_STEP = 1_024;

/**
 * A growing UTF-8 buffer for writing a large JSON text in one piece (the JSON snapshot of 100,000
 * sensors, LiveState.entriesJson). Joining a short string per entry, each concatenated from a
 * dozen parts, left millions of string pieces for the garbage collector: slower than building the
 * entry objects and JSON.stringify. Numbers are written as JSON.stringify writes them.
 */
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

/**
 * A JSON array of entries written into a JsonBytes one at a time, by a writer in steps (LiveState.entriesJsonSteps,
 * ChangedRows.jsonSteps): the comma before each entry but the first, and when a step's JSON_ROWS_PER_STEP are written.
 */
export class JsonArray {
  readonly out: JsonBytes;
  private n = 0;

  constructor(initialBytes: number) {
    this.out = new JsonBytes(initialBytes);
    this.out.ascii('[');
  }

  /** Before an entry: its comma. */
  item(): void {
    if (this.n++ > 0) this.out.ascii(',');
  }

  /** After an entry: whether a step is full, so the writer yields. */
  get stepFull(): boolean {
    return this.n % JSON_ROWS_PER_STEP === 0;
  }

  end(): JsonBytes {
    this.out.ascii(']');
    return this.out;
  }
}
