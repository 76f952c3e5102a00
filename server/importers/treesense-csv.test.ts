import { describe, expect, it } from 'vitest';
import { parseTreeSenseCsv, parseTreeSenseTime } from './treesense-csv.js';

const HEADER = '\uFEFFtime;resistance;temperature;resis_temp_comp;moisture_content';

describe('TreeSense CSV', () => {
  it.each([
    // UTC all year: the exports know no daylight saving (see the module comment)
    ['14.6.23 8:45', '2023-06-14T08:45:00.000Z'],
    ['2.4.24 16:47', '2024-04-02T16:47:00.000Z'],
    ['15.1.24 0:05', '2024-01-15T00:05:00.000Z'],
    // the hour Berlin skips in spring exists in the exports
    ['31.3.24 2:05', '2024-03-31T02:05:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(new Date(parseTreeSenseTime(text)!).toISOString()).toBe(iso);
  });

  it.each(['31.2.24 8:00', '1.1.24 24:00', '2024-01-01 08:00', ''])('refuses the time "%s"', (text) => {
    expect(parseTreeSenseTime(text)).toBeNull();
  });

  it('keeps moisture and temperature and reports each bad line with its number', () => {
    const csv = [
      HEADER,
      '14.6.23 8:45;5.944;22.3;7.099700831;100',
      '14.6.23 9:00;5.916;;7.18;100',
      '14.6.23 9:15;5.929;22.9;7.44;130',
      '14.6.23 9:15;5.929;22.9;7.44;99',
      'garbage',
      '14.6.23 9:30;27.7;22.1;35.4;60',
    ].join('\n');
    const { rows, bad } = parseTreeSenseCsv(csv);
    expect(rows).toEqual([
      { ts: Date.parse('2023-06-14T08:45:00Z'), moisturePct: 100, tempC: 22.3 },
      { ts: Date.parse('2023-06-14T09:15:00Z'), moisturePct: 99, tempC: 22.9 },
      { ts: Date.parse('2023-06-14T09:30:00Z'), moisturePct: 60, tempC: 22.1 },
    ]);
    // line 5 repeats line 4's time, but line 4 was refused, so line 5 is the first 9:15 that counts
    expect(bad.map((b) => b.line)).toEqual([3, 4, 6]);
  });

  it('refuses a line whose time is not after the line before (a resend)', () => {
    const csv = [HEADER, '29.10.23 2:30;5;10;5;80', '29.10.23 2:45;5;10;5;80', '29.10.23 2:30;5;10;5;81', '29.10.23 3:00;5;10;5;81'].join('\n');
    const { rows, bad } = parseTreeSenseCsv(csv);
    expect(rows).toHaveLength(3);
    expect(bad).toEqual([{ line: 4, reason: expect.stringMatching(/not after/) }]);
  });

  it('refuses a file with another header as a whole', () => {
    const { rows, bad } = parseTreeSenseCsv('time;moisture\n1.1.24 0:00;50');
    expect(rows).toEqual([]);
    expect(bad[0]).toMatchObject({ line: 1 });
  });
});
