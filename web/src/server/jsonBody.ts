/**
 * Reading the JSON body of an API request, with the checks every route wants before it looks at a
 * field: a size cap, the content type, well-formed UTF-8 and JSON, and an object at the top.
 */

/** Largest request body the JSON routes read. Sign-up, the biggest, needs a few hundred bytes. */
export const MAX_JSON_BODY_BYTES = 8 * 1024;

export type JsonBodyResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 415; error: string };

export interface ReadJsonOptions {
  /** default MAX_JSON_BODY_BYTES */
  maxBytes?: number;
  /** true: an absent or empty body reads as `{}` and needs no content type (POST /api/auth/guest) */
  optional?: boolean;
}

/**
 * The request's body as a JSON object, or why it cannot be read (400 malformed, 413 too large, 415 not
 * `application/json`). Never reads more than `maxBytes` (plus one chunk), whatever Content-Length claims.
 */
export async function readJsonObject(request: Request, options: ReadJsonOptions = {}): Promise<JsonBodyResult> {
  const maxBytes = options.maxBytes ?? MAX_JSON_BODY_BYTES;
  const tooLarge = { ok: false, status: 413, error: `The request body is larger than ${maxBytes} bytes.` } as const;
  const wrongType = { ok: false, status: 415, error: 'Send the body as JSON, with Content-Type: application/json.' } as const;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) return tooLarge;
  const isJson = isJsonContentType(request.headers.get('content-type'));
  // A required body is refused on its label alone; an optional one may come unlabelled when empty.
  if (!options.optional && !isJson) return wrongType;

  const bytes = await readCapped(request, maxBytes);
  if (!bytes) return tooLarge;
  if (bytes.length === 0) {
    return options.optional ? { ok: true, value: {} } : { ok: false, status: 400, error: 'The request body is empty; send a JSON object.' };
  }
  if (!isJson) return wrongType;

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, status: 400, error: 'The request body is not valid UTF-8.' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, status: 400, error: `The request body is not valid JSON (${(error as Error).message}).` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, status: 400, error: 'The request body must be a JSON object.' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** `application/json`, with or without parameters such as `; charset=utf-8`. */
export function isJsonContentType(header: string | null): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The named fields of a parsed body, an absent one as '' — the value an empty form field has, so the
 * validators give the same "Enter your email address" a form gets. Other keys are ignored.
 */
export function fieldsOf<F extends string>(body: Record<string, unknown>, names: readonly F[]): Record<F, unknown> {
  const out = {} as Record<F, unknown>;
  for (const name of names) out[name] = Object.hasOwn(body, name) && body[name] !== undefined ? body[name] : '';
  return out;
}

/** The whole body, or null once it passes `maxBytes` (the rest is left unread). */
async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
