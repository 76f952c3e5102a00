import type { Rgb } from './colors.js';

/**
 * Colour distances for checking that two map scales cannot be confused: CIELAB ΔE (CIE76) in normal
 * vision and under deuteranopia, simulated by the Machado, Oliveira & Fernandes (2009) matrix at full
 * severity in linear RGB — the matrix the browser tests' deuteranopia screenshots apply too
 * (tests/helpers/deuteranopia.ts).
 */

const toLinear = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const toSrgb = (v: number) => {
  const c = Math.min(1, Math.max(0, v));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

export const DEUTERANOPIA = [
  [0.367322, 0.860646, -0.227968],
  [0.280085, 0.672501, 0.047413],
  [-0.01182, 0.04294, 0.968881],
] as const;

export function deuteranopia(rgb: Rgb): Rgb {
  const l = rgb.map(toLinear);
  return DEUTERANOPIA.map((row) => toSrgb(row[0] * l[0] + row[1] * l[1] + row[2] * l[2])) as unknown as Rgb;
}

function lab(rgb: Rgb): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear);
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 ΔE between two sRGB colours: about 2 is just noticeable, above 10 two colours read as different. */
export function deltaE(a: Rgb, b: Rgb): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}
