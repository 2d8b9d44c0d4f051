/**
 * The JSON answers of the /api routes. Every one is `Cache-Control: no-store` (they carry sessions,
 * tokens and per-player data) and every refusal has the same shape, `ApiError`.
 */

/** The body of every refusal. `fields` maps a request field to what is wrong with it. */
export interface ApiError {
  error: string;
  fields?: Record<string, string>;
}

/** Anything that can be answered as an `ApiError`: a body-reading failure, an `AuthFailure`, … */
export interface Failure {
  status: number;
  error: string;
  fields?: Partial<Record<string, string>>;
  /** sent as `Retry-After` (429) */
  retryAfterSeconds?: number;
}

const NO_STORE = 'no-store';

/** A JSON response that no cache keeps. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...headers, 'Cache-Control': NO_STORE } });
}

/** A refusal as `{ error, fields? }` with its status, plus `Retry-After` when the failure says when to retry. */
export function failureResponse(failure: Failure, headers: Record<string, string> = {}): Response {
  const body: ApiError = { error: failure.error };
  const fields = definedFields(failure.fields);
  if (fields) body.fields = fields;
  const extra = failure.retryAfterSeconds === undefined ? headers : { ...headers, 'Retry-After': String(failure.retryAfterSeconds) };
  return jsonResponse(body, failure.status, extra);
}

/** A refusal from a status and a message. */
export function errorResponse(status: number, error: string, headers: Record<string, string> = {}): Response {
  return failureResponse({ status, error }, headers);
}

/** An answer with no body (OPTIONS), still never cached. */
export function emptyResponse(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { ...headers, 'Cache-Control': NO_STORE } });
}

/** The fields that have a message, or undefined when none has (an empty `fields` would say nothing). */
function definedFields(fields: Partial<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (!fields) return undefined;
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) if (message !== undefined) out[key] = message;
  return Object.keys(out).length > 0 ? out : undefined;
}
