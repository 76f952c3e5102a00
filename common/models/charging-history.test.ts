import { describe, expect, it } from 'vitest';
import { cityDay, groupCounts, siteDay, type ChargingBucket, type ChargingSample, type DayGrid } from './charging-history.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY0 = Date.parse('2024-06-11T00:00:00+02:00');
const at = (h: number, m = 0) => DAY0 + h * HOUR + m * MIN;

/** A whole day in 6 h buckets; samples hold all day unless the case says otherwise. */
const sixHours: DayGrid = { from: DAY0, to: at(24), bucketMs: 6 * HOUR, holdMs: 24 * HOUR };

/** Four points: all free at night, two charging from 06:00, one of those free again and one broken from 12:00, all free from 18:00. */
const fourPoints: ChargingSample[] = [
  { t: at(0), counts: { available: 4 } },
  { t: at(6), counts: { available: 2, charging: 2 } },
  { t: at(12), counts: { available: 1, charging: 1, blocked: 1, out_of_order: 1 } },
  { t: at(18), counts: { available: 4 } },
];

const bucket = (t: number, free: number, occupied: number, outOfOrder: number, coverage = 1): ChargingBucket => ({ t, free, occupied, outOfOrder, unknown: 0, coverage });

describe('status groups', () => {
  it('reserved and blocked points are occupied, unknown ones are kept apart', () => {
    expect(groupCounts({ available: 1, charging: 2, reserved: 1, blocked: 1, out_of_order: 3, unknown: 1 })).toEqual({ free: 1, occupied: 4, outOfOrder: 3, unknown: 1 });
  });
});

describe('siteDay on synthetic series with known answers', () => {
  const cases: Array<{ name: string; samples: ChargingSample[]; grid: DayGrid; buckets?: ChargingBucket[]; utilisation: number | null; outOfOrderShare?: number | null; pointHours?: Record<string, number> }> = [
    {
      name: 'status changes on bucket edges: each bucket is one status; 24 of 96 point-hours occupied',
      samples: fourPoints,
      grid: sixHours,
      buckets: [bucket(at(0), 4, 0, 0), bucket(at(6), 2, 2, 0), bucket(at(12), 1, 2, 1), bucket(at(18), 4, 0, 0)],
      utilisation: 24 / 96,
      outOfOrderShare: 6 / 96,
      pointHours: { free: 66, occupied: 24, outOfOrder: 6, unknown: 0 },
    },
    {
      name: 'a change inside a bucket is weighed by time: 5 of 15 min free, 10 occupied',
      samples: [
        { t: at(8), counts: { available: 2 } },
        { t: at(8, 5), counts: { charging: 2 } },
      ],
      grid: { from: at(8), to: at(8, 30), bucketMs: 15 * MIN, holdMs: HOUR },
      buckets: [bucket(at(8), 2 * 5 / 15, 2 * 10 / 15, 0), bucket(at(8, 15), 0, 2, 0)],
      utilisation: (2 * 25) / (2 * 30),
    },
    {
      name: 'a sample holds no longer than holdMs: after an hour without news the site has no data',
      samples: [{ t: at(0), counts: { charging: 1, available: 1 } }],
      grid: { from: at(0), to: at(4), bucketMs: 2 * HOUR, holdMs: HOUR },
      buckets: [bucket(at(0), 1, 1, 0, 0.5), { t: at(2), free: 0, occupied: 0, outOfOrder: 0, unknown: 0, coverage: 0 }],
      utilisation: 0.5,
      pointHours: { free: 1, occupied: 1, outOfOrder: 0, unknown: 0 },
    },
    {
      name: 'samples before the period hold into it; samples after it count for nothing',
      samples: [
        { t: at(-1), counts: { out_of_order: 1, available: 1 } },
        { t: at(3), counts: { charging: 2 } },
      ],
      grid: { from: at(0), to: at(2), bucketMs: HOUR, holdMs: 6 * HOUR },
      buckets: [bucket(at(0), 1, 0, 1), bucket(at(1), 1, 0, 1)],
      utilisation: 0,
      outOfOrderShare: 0.5,
    },
    {
      name: 'rollup means (fractional counts) weigh like counts; the last bucket may be short',
      samples: [{ t: at(10), counts: { available: 1.5, charging: 0.5 } }],
      grid: { from: at(10), to: at(10, 90), bucketMs: HOUR, holdMs: 2 * HOUR },
      buckets: [bucket(at(10), 1.5, 0.5, 0), bucket(at(11), 1.5, 0.5, 0)],
      utilisation: 0.25,
      pointHours: { free: 2.25, occupied: 0.75, outOfOrder: 0, unknown: 0 },
    },
    {
      name: 'unknown points are neither free nor occupied and stay out of the utilisation',
      samples: [{ t: at(0), counts: { unknown: 2, charging: 1, available: 1 } }],
      grid: { from: at(0), to: at(1), bucketMs: HOUR, holdMs: HOUR },
      buckets: [{ t: at(0), free: 1, occupied: 1, outOfOrder: 0, unknown: 2, coverage: 1 }],
      utilisation: 0.5,
    },
    {
      name: 'no samples: empty buckets and no utilisation (not 0 %)',
      samples: [],
      grid: { from: at(0), to: at(2), bucketMs: HOUR, holdMs: HOUR },
      buckets: [{ t: at(0), free: 0, occupied: 0, outOfOrder: 0, unknown: 0, coverage: 0 }, { t: at(1), free: 0, occupied: 0, outOfOrder: 0, unknown: 0, coverage: 0 }],
      utilisation: null,
      outOfOrderShare: null,
    },
  ];

  it.each(cases)('$name', ({ samples, grid, buckets, utilisation, outOfOrderShare, pointHours }) => {
    const day = siteDay(samples, grid);
    if (buckets) {
      expect(day.buckets).toHaveLength(buckets.length);
      day.buckets.forEach((b, i) => {
        for (const [k, v] of Object.entries(buckets[i])) expect(b[k as keyof ChargingBucket], `bucket ${i} ${k}`).toBeCloseTo(v, 9);
      });
    }
    if (utilisation === null) expect(day.utilisation).toBeNull();
    else expect(day.utilisation).toBeCloseTo(utilisation, 9);
    if (outOfOrderShare !== undefined) {
      if (outOfOrderShare === null) expect(day.outOfOrderShare).toBeNull();
      else expect(day.outOfOrderShare).toBeCloseTo(outOfOrderShare, 9);
    }
    if (pointHours) for (const [k, v] of Object.entries(pointHours)) expect(day.pointHours[k as keyof typeof day.pointHours], k).toBeCloseTo(v, 9);
  });

  it('refuses a bucket length that would never end', () => {
    expect(() => siteDay(fourPoints, { ...sixHours, bucketMs: 0 })).toThrow(/bucketMs/);
  });
});

describe('cityDay', () => {
  it('sums the sites per bucket and weighs the utilisation by point-hours, not by site', () => {
    const busy = siteDay([{ t: at(0), counts: { charging: 2 } }], sixHours);
    const idle = siteDay(fourPoints, sixHours);
    const silent = siteDay([], sixHours);
    const city = cityDay([busy, idle, silent], sixHours);
    expect(city.buckets[1]).toEqual(bucket(at(6), 2, 4, 0, 2 / 3));
    expect(city.buckets[2]).toEqual(bucket(at(12), 1, 4, 1, 2 / 3));
    // busy: 48 of 48 point-hours, idle: 24 of 96 → 72 of 144, not the mean of 100 % and 25 %
    expect(city.utilisation).toBeCloseTo(72 / 144, 9);
    expect(city.outOfOrderShare).toBeCloseTo(6 / 144, 9);
  });
});
