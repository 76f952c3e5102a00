import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insideRings } from '../../common/models/heat-anomaly';
import { parsePlantings, repairText } from './plantings';

const source = path.join(process.env.BOCHUM_DATA_DIR ?? path.resolve(__dirname, '../../../shared/data/bochum'), 'trees/tree_planting_felling_register.csv');

describe('planting register', () => {
  const { rows, skipped } = parsePlantings(readFileSync(source, 'latin1'), () => 'unknown');

  it('reads every row: 148 plantings and 14 fellings, two fellings without a usable position', () => {
    expect(rows.length + skipped.length).toBe(162);
    expect(skipped.map((s) => s.id)).toEqual(['155', '156']); // northing = easting in the source
    expect(rows.filter((r) => r.properties.kind === 'planting')).toHaveLength(148);
    expect(rows.filter((r) => r.properties.kind === 'felling')).toHaveLength(12);
  });

  it('repairs the garbled umlauts and ß', () => {
    const streets = new Set(rows.map((r) => r.properties.street));
    for (const s of ['Akademiestraße', 'Kortumstraße', 'Bochumer Straße', 'Moritz-Fiege-Straße', 'Saarlandstraße 40-44', 'Königsallee', 'Krümmede']) expect(streets).toContain(s);
    expect([...streets].filter((s) => /stra[^ß]e$|\?/.test(s))).toEqual([]);
    expect(rows.filter((r) => r.properties.site.startsWith('Stra')).every((r) => /^Straßenb(aum|äume)$/.test(r.properties.site))).toBe(true);
    expect(rows.some((r) => r.properties.species === 'Thüringische Mehlbeeren')).toBe(true);
    expect(repairText('Pflaumenblmttriger Wei')).toBe('Pflaumenblättriger Weißdorn');
    expect(new Set(rows.map((r) => r.properties.district).filter((d) => d !== 'unknown'))).toEqual(new Set(['Mitte', 'Wattenscheid', 'Nord', 'Ost', 'Süd', 'Südwest']));
  });

  it('places the rows in Bochum (UTM 32N → WGS84): Akademiestraße in the city centre', () => {
    for (const r of rows) {
      expect(r.at[0]).toBeGreaterThan(7.09);
      expect(r.at[0]).toBeLessThan(7.36);
      expect(r.at[1]).toBeGreaterThan(51.39);
      expect(r.at[1]).toBeLessThan(51.54);
    }
    // the register's own district column against the district polygons at the converted position
    const districts = (JSON.parse(readFileSync(path.resolve(__dirname, '../city/districts.geojson'), 'utf8')) as {
      features: Array<{ properties: { name: string }; geometry: { coordinates: Array<Array<[number, number]>> } }>;
    }).features;
    const named = rows.filter((r) => r.properties.district !== 'unknown');
    const agree = named.filter((r) => districts.find((d) => insideRings(d.geometry.coordinates, r.at[0], r.at[1]))?.properties.name === r.properties.district);
    // 94 %: rows near a border fall on the other side of the simplified basemap polygons
    expect(agree.length / named.length).toBeGreaterThan(0.9);
    const akademie = rows.find((r) => r.properties.street === 'Akademiestraße')!;
    expect(akademie.properties.count).toBe(6);
    expect(akademie.properties.district).toBe('Mitte');
  });
});
