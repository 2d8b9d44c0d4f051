/**
 * The HTTP security headers of every web response: the static ones through `headers()` in next.config.ts,
 * the Content-Security-Policy through `src/proxy.ts` at run time. Plain functions of the environment; no Next
 * or server-only imports, so next.config.ts can load this file.
 *
 * The CSP allows Next's own inline bootstrap scripts and React's inline styles ('unsafe-inline': pages are
 * statically rendered, so there is no per-request nonce) and nothing from other sites, except that the game
 * page must reach the game server: colyseus.js first POSTs to its matchmaker over http(s), then opens the
 * WebSocket, both on the game server's origin. With GAME_SERVER_URL set that origin is known; without it the
 * browser uses the page's host on GAME_PORT, which a build does not know, so any host on that port is allowed.
 */

export interface SecurityHeaderEnv {
  NODE_ENV?: string;
  GAME_SERVER_URL?: string;
  GAME_PORT?: string;
}

/** The origins (ws, wss and their http twins) the game page may connect to besides its own. */
export function gameServerSources(env: SecurityHeaderEnv): string[] {
  const url = env.GAME_SERVER_URL?.trim();
  if (url) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') {
        const http = parsed.protocol === 'wss:' ? 'https:' : 'http:';
        return [`${parsed.protocol}//${parsed.host}`, `${http}//${parsed.host}`];
      }
    } catch {
      // an invalid URL: the env check refuses it at start; fall back to the port rule
    }
  }
  const port = /^\d{1,5}$/.test(env.GAME_PORT ?? '') ? env.GAME_PORT : '2567';
  return [`ws://*:${port}`, `wss://*:${port}`, `http://*:${port}`, `https://*:${port}`];
}

/** The Content-Security-Policy value, one line. */
export function contentSecurityPolicy(env: SecurityHeaderEnv): string {
  const dev = env.NODE_ENV === 'development';
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // React uses eval in development only (its error overlays); production needs none
    'script-src': ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...gameServerSources(env), ...(dev ? ['ws:', 'wss:'] : [])],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'frame-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * The static headers (next.config.ts, fixed at build time). HSTS only in production (over plain http a browser
 * ignores it anyway). The CSP is not among them: its connect-src names the game server, which is known only when
 * the app runs (GAME_SERVER_URL, GAME_PORT: the browser suite builds once and runs on other ports), so
 * `src/proxy.ts` adds it to each response.
 */
export function securityHeaders(env: SecurityHeaderEnv): Array<{ key: string; value: string }> {
  const headers = [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    { key: 'X-DNS-Prefetch-Control', value: 'off' },
  ];
  if (env.NODE_ENV === 'production') headers.push({ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' });
  return headers;
}
