/** One CSV field (RFC 4180): quoted, with doubled quotes, when it holds a comma, a quote or a line break. Server exports and client downloads share it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
