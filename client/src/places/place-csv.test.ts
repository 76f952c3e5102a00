import { describe, expect, it } from 'vitest';
import type { RankedPlace } from '../../../common/models/place-exposure.js';
import { rankingCsv } from './place-csv.js';

const place = (name: string, utciC: number | null): RankedPlace => ({
  id: name,
  name,
  type: 'kita',
  district: 'Süd',
  lon: 7.2,
  lat: 51.45,
  exposure: { id: name, utciC, hoursStrongToday: 2.25, hoursStrong7d: 10 },
});

describe('ranking CSV', () => {
  it('writes one row per place in rank order, quoting names with commas and quotes, empty UTCI without a value', () => {
    const csv = rankingCsv([place('Kita "Sonne", Weitmar', 33.04), place('Kita Mond', null)], '2024-08-13T15:00:00+02:00');
    expect(csv.split('\r\n')).toEqual([
      'rank,name,type,district,lon,lat,utci_c,hours_utci_32_today,hours_utci_32_7d,at',
      '1,"Kita ""Sonne"", Weitmar",kita,Süd,7.20000,51.45000,33.0,2.25,10.00,2024-08-13T15:00:00+02:00',
      '2,Kita Mond,kita,Süd,7.20000,51.45000,,2.25,10.00,2024-08-13T15:00:00+02:00',
      '',
    ]);
  });
});
