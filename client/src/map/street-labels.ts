import { lonLatToLocalKm } from '../../../common/geo.js';

/** One street name placed on its road: where, and turned to run along it. */
export interface StreetLabel {
  name: string;
  roadClass: string;
  position: [number, number];
  /** degrees counter-clockwise from east, kept within ±90 so the text never stands on its head */
  angle: number;
}

/**
 * Points along a street's line to write its name at: one every `everyKm` of its length, the first
 * half a step in, each turned to the direction of the segment it sits on. A line shorter than a step
 * gets one label at its middle.
 */
export function streetLabelPoints(name: string, roadClass: string, line: ReadonlyArray<readonly [number, number]>, everyKm: number): StreetLabel[] {
  if (line.length < 2) return [];
  const km = line.map(([lon, lat]) => lonLatToLocalKm(lon, lat));
  const segLen = km.slice(1).map((p, i) => Math.hypot(p.x - km[i].x, p.y - km[i].y));
  const total = segLen.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  const count = Math.max(1, Math.floor(total / everyKm));
  const step = total / count;
  const out: StreetLabel[] = [];
  let seg = 0;
  let start = 0;
  for (let k = 0; k < count; k++) {
    const at = step * (k + 0.5);
    while (seg < segLen.length - 1 && start + segLen[seg] < at) start += segLen[seg++];
    const f = segLen[seg] === 0 ? 0 : (at - start) / segLen[seg];
    const [a, b] = [line[seg], line[seg + 1]];
    const dx = km[seg + 1].x - km[seg].x;
    const dy = km[seg + 1].y - km[seg].y;
    let angle = (Math.atan2(dy, dx) * 180) / Math.PI;
    if (angle > 90) angle -= 180;
    if (angle <= -90) angle += 180;
    out.push({ name, roadClass, position: [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f], angle });
  }
  return out;
}
