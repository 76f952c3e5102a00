/**
 * ISO 8601 with the Bochum offset (+01:00 in winter, +02:00 in summer), e.g. `2024-08-13T15:00:00+02:00`:
 * what a planner opening an export in a spreadsheet reads as local time, and what Date.parse reads back
 * to the same instant. Milliseconds appear only when the instant has them.
 */
const berlinParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function localParts(ms: number): LocalParts {
  const p = Object.fromEntries(berlinParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

export function bochumIso(ms: number): string {
  const p = localParts(ms);
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  // The offset is the local wall time read as if it were UTC, minus the instant.
  const offsetMin = Math.round((Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - wholeSecond) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const millis = ms - wholeSecond;
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${fraction}${offset}`;
}

/** `20240813-1500`: Bochum local time, compact, for file names. */
export function bochumFileStamp(ms: number): string {
  const p = localParts(ms);
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}`;
}
