import { bochumParts } from '../../common/bochum-time.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** `20240813-1500`: Bochum local time, compact, for the names of export files. */
export function bochumFileStamp(ms: number): string {
  const p = bochumParts(ms);
  return `${p.year}${pad(p.month)}${pad(p.day)}-${pad(p.hour)}${pad(p.minute)}`;
}
