/**
 * One line that names what is wrong with a value zod refused: `path: message; path: message`.
 * Used wherever a refusal is logged, counted or answered (config, feeds, HTTP bodies, data files),
 * so every boundary words its errors the same way.
 */

/** What a zod error carries that the message needs; structural so both ZodError and `{ issues }` fit. */
export type ZodIssuesLike = { readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[] };

export type ZodErrorFormat = {
  /** names an issue about the value as a whole (empty path), e.g. '(file)' or 'body' */
  whole?: string;
  /** at most this many issues are spelled out; the rest are counted, so a huge refusal stays one readable line */
  limit?: number;
};

export function formatZodError(error: ZodIssuesLike, format: ZodErrorFormat = {}): string {
  const { whole = '(value)', limit = Infinity } = format;
  const shown = error.issues.slice(0, limit).map((issue) => `${issuePath(issue.path, whole)}: ${issue.message}`);
  const hidden = error.issues.length - shown.length;
  if (hidden > 0) shown.push(`… and ${hidden} more`);
  return shown.join('; ');
}

/** `a.0.b`; String() because a path key may be a symbol, which join() would throw on. */
function issuePath(path: readonly PropertyKey[], whole: string): string {
  return path.length === 0 ? whole : path.map((key) => String(key)).join('.');
}
