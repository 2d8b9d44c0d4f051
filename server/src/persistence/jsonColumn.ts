/**
 * JSON text columns (event payloads, battle setups and orders, fleet ships and cargo). Every repository,
 * the in-memory ones included, keeps JSON text and parses it afresh on the way out, so all hand back the
 * same thing: a copy that shares nothing with storage, Dates as strings, `undefined` fields dropped.
 */
export function toJsonText(value: unknown, what: string): string {
  const json = JSON.stringify(value);
  // JSON.stringify returns undefined (not a string) for undefined, functions and symbols.
  if (typeof json !== 'string') throw new TypeError(`${what} must be JSON-serializable`);
  return json;
}

/** Parses stored JSON text, naming the row if the text is corrupt. */
export function fromJsonText(json: string, what: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new Error(`${what}: stored JSON is not valid`, { cause: error });
  }
}

/** Refuses an invalid Date before it reaches a query (Prisma would send `Invalid Date` as null or throw late). */
export function assertDate(value: Date, what: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new TypeError(`${what} must be a valid Date, got ${String(value)}`);
  }
}

/** A copy of a nullable date, so callers cannot mutate a stored one. */
export function copyDate(value: Date | null): Date | null {
  return value === null ? null : new Date(value);
}

/**
 * Free text for a text column (error messages): PostgreSQL's `text` cannot hold U+0000 (the query fails with
 * `invalid byte sequence for encoding "UTF8": 0x00`) while SQLite stores it, so it becomes U+FFFD on both.
 * JSON columns need nothing: JSON.stringify escapes it as `\u0000`.
 */
export function storableText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}
