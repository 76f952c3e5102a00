import { describe, expect, it } from 'vitest';
import type { ChargingHistoryResponse } from '../../../common/charging-history.js';
import { chargingDayCsv } from './charging-csv.js';

const T0 = Date.parse('2024-06-11T08:00:00+02:00');
const figures = (free: number, coverage: number) => ({
  buckets: [{ t: T0, free, occupied: 1, outOfOrder: 0, unknown: 0, coverage }],
  pointHours: { free, occupied: 1, outOfOrder: 0, unknown: 0 },
  utilisation: coverage > 0 ? 1 / (free + 1) : null,
  outOfOrderShare: coverage > 0 ? 0 : null,
});
const day: ChargingHistoryResponse = {
  run: 'r', from: T0, to: T0 + 900_000, bucketMs: 900_000, holdMs: 3_600_000, step: '1m',
  city: figures(3, 1),
  sites: [
    { id: 'charging-a', name: 'Ladestation "Ring", West', district: 'Mitte', points: 4, synthetic: true, ...figures(3, 1) },
    { id: 'charging-b', name: 'Ladestation B', district: 'Süd', points: 2, synthetic: true, ...figures(0, 0) },
  ],
};

describe('chargingDayCsv', () => {
  it('writes the city and every site per bucket, quotes names, leaves buckets without data empty', () => {
    const lines = chargingDayCsv(day).split('\r\n');
    expect(lines[0]).toBe('site_id,site,district,points,bucket_start,free,occupied,out_of_order,unknown,coverage,utilisation_day,out_of_order_share_day');
    expect(lines[1]).toBe('city,Bochum,,6,2024-06-11T08:00:00+02:00,3.00,1.00,0.00,0.00,1.000,0.2500,0.0000');
    expect(lines[2]).toBe('charging-a,"Ladestation ""Ring"", West",Mitte,4,2024-06-11T08:00:00+02:00,3.00,1.00,0.00,0.00,1.000,0.2500,0.0000');
    expect(lines[3]).toBe('charging-b,Ladestation B,Süd,2,2024-06-11T08:00:00+02:00,,,,,0.000,,');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });
});
