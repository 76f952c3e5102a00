export { seededRandom } from '../../common/seeded-random.js';

/** A stable number in [0, 1) for a string, so each sensor keeps its own character across restarts. */
export function hashUnit(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Mean-reverting noise (Ornstein–Uhlenbeck): wanders smoothly around 0 with standard deviation
 * `sigma` and memory `tauS` seconds, so readings drift like real ones instead of jumping.
 */
export class SmoothNoise {
  value: number;

  constructor(
    private readonly sigma: number,
    private readonly tauS: number,
    private readonly random: () => number,
  ) {
    this.value = sigma * gaussian(random);
  }

  step(dtS: number): number {
    const decay = Math.exp(-dtS / this.tauS);
    this.value = this.value * decay + this.sigma * Math.sqrt(1 - decay * decay) * gaussian(this.random);
    return this.value;
  }
}
