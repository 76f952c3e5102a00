import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from './byte-io.js';

describe('ByteReader.uintsInto', () => {
  it('reads runs of 1, 2 and 4 byte unsigned integers into any typed array, at any byte offset', () => {
    const w = new ByteWriter();
    w.u8(7); // puts the runs off 2- and 4-byte alignment
    const runs = { 1: [0, 1, 200, 255], 2: [0, 258, 65535], 4: [0, 65536, 4294967295, 123456789] } as const;
    for (const v of runs[1]) w.u8(v);
    for (const v of runs[2]) w.u16(v);
    for (const v of runs[4]) w.u32(v);
    const bytes = new Uint8Array(w.finish().length + 3);
    bytes.set(w.finish(), 3);
    const r = new ByteReader(bytes.subarray(3));
    expect(r.u8()).toBe(7);
    const one = new Float64Array(4);
    r.uintsInto(4, 1, one);
    const two = new Uint16Array(3);
    r.uintsInto(3, 2, two);
    const four = new Float64Array(4);
    r.uintsInto(4, 4, four);
    expect([...one]).toEqual(runs[1]);
    expect([...two]).toEqual(runs[2]);
    expect([...four]).toEqual(runs[4]);
    expect(r.done).toBe(true);
    expect(() => r.uintsInto(1, 1, one)).toThrow(/truncated/);
  });
});
