import { unstable_rethrow } from 'next/navigation';
import { emptyResponse, errorResponse } from './apiResponse';
import { isSameOrigin } from './sameOrigin';

/** A Route Handler as Next calls it (the routes here take no params). */
export type Handler = (request: Request) => Promise<Response>;

export const CROSS_SITE = 'Cross-site requests are not allowed.';
const UNEXPECTED = 'Something went wrong on our side. Try again in a moment.';

/**
 * Wraps a JSON route: refuses a request a browser sent from another site (403) before anything else,
 * and turns an unexpected throw into a logged 500 with the usual `{ error }` body instead of Next's
 * HTML error page. Bots send neither Origin nor Sec-Fetch-Site and pass.
 */
export function apiRoute(label: string, handle: Handler): Handler {
  return async (request) => {
    if (!isSameOrigin(request.headers)) return errorResponse(403, CROSS_SITE);
    try {
      return await handle(request);
    } catch (error) {
      // Next signals "this route is dynamic" and redirects by throwing; those must reach Next.
      unstable_rethrow(error);
      console.error(`[${label}] unexpected error`, error);
      return errorResponse(500, UNEXPECTED);
    }
  };
}

type Method = 'GET' | 'POST';

/**
 * Handlers for the methods a route does not serve: a JSON 405 naming the allowed ones, and an OPTIONS
 * answer listing them. Next's own 405 for an unexported method has no body, no `Allow` and no
 * `Cache-Control`; a bot reading the error shape deserves the same shape here. Export the ones the
 * route does not define: `export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');`.
 */
export function otherMethods(...allowed: Method[]): Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS', Handler> {
  // Next answers HEAD with the GET handler, so a route serving GET serves HEAD too.
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const refuse: Handler = async () => errorResponse(405, `Method not allowed here; use ${allowed.join(' or ')}.`, { Allow: allow });
  return {
    GET: refuse,
    POST: refuse,
    PUT: refuse,
    PATCH: refuse,
    DELETE: refuse,
    OPTIONS: async () => emptyResponse(204, { Allow: allow }),
  };
}
