import { describe, expect, it } from 'vitest';
import { fillSyntheticStations } from './heatwave-fill.js';

const A: [number, number] = [7.2, 51.47];
const B: [number, number] = [7.22, 51.47];
const positions = new Map([
  ['a', A],
  ['b', B],
]);

describe('synthetic stations in a replay, interpolated from the real benches', () => {
  it('takes the inverse-distance mean of the benches that reported within 15 minutes', () => {
    const [mid] = fillSyntheticStations(
      [
        { sensorId: 'a', rows: [[0, 30, 40, 5, 600], [5, 31, 40, 5, 600], [10, 32, 40, 5, 600]] },
        // b falls silent after minute 0: at minute 20 its reading is too old to count
        { sensorId: 'b', rows: [[0, 20, 60, 10, 200]] },
      ],
      positions,
      [{ sensorId: 'mid', at: [7.21, 51.47] }],
    );
    expect(mid.derivedFrom).toEqual(['a', 'b']);
    expect(mid.rows[0]).toEqual([0, 25, 50, 7.5, 400]);
    // the fill ends where the real data ends
    expect(mid.rows.map((r) => r[0])).toEqual([0, 5, 10]);
    expect(mid.rows[1][1]).toBe(25.5);
    // minute 10: b is 10 minutes old and still counts
    expect(mid.rows[2][1]).toBe(26);
  });

  it('drops a bench whose last reading is older than 15 minutes, and a slot no bench covers', () => {
    const [near] = fillSyntheticStations(
      [
        { sensorId: 'a', rows: [[0, 30, 40, 5, 600], [40, 30, 40, 5, 600]] },
        { sensorId: 'b', rows: [[20, 20, 60, 10, 200]] },
      ],
      positions,
      [{ sensorId: 'x', at: [7.215, 51.47] }],
    );
    const minutes = near.rows.map((r) => r[0]);
    expect(minutes).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
    // minute 20: only b (a's minute-0 reading is 20 minutes old)
    expect(near.rows[minutes.indexOf(20)][1]).toBe(20);
  });
});
