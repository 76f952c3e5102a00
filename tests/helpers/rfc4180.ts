/**
 * A strict RFC 4180 reader for tests: CRLF records, quoted fields with doubled quotes, a header row.
 * Written apart from server/export/csv.ts so a round trip checks the writer instead of echoing it.
 */
export function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"') {
      if (field.length > 0) throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`bare ${c === '\r' ? 'CR' : 'LF'} outside quotes at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field.length > 0 || record.length > 0) throw new Error('last record does not end with CRLF');
  const [header, ...body] = records;
  if (!header) throw new Error('no header row');
  for (const [n, r] of body.entries()) if (r.length !== header.length) throw new Error(`row ${n + 1} has ${r.length} fields, the header ${header.length}`);
  return { header, rows: body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]!]))) };
}
