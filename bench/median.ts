/** The median of a bench's samples (the upper of the middle two for an even count; NaN for none). */
export const median = (xs: number[]): number => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
