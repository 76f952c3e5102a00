/**
 * A change in kelvin as the what-if shows it: signed, and with one significant digit where a street's
 * trees move a district mean by ten-thousandths of a kelvin (not "−0,00 K").
 */
export function formatChangeK(v: number, num: (value: number, digits?: number) => string): string {
  const a = Math.abs(v);
  const digits = a === 0 ? 0 : a >= 1 ? 1 : Math.min(5, Math.max(2, Math.ceil(-Math.log10(a))));
  return `${v < 0 ? '−' : v > 0 ? '+' : '±'}${num(a, digits)} K`;
}
