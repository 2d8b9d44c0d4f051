import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from './server/securityHeaders';

/**
 * Adds the Content-Security-Policy to every response. Here rather than in next.config.ts because its
 * connect-src names the game server, which is known only at run time (GAME_SERVER_URL, GAME_PORT); the
 * other security headers are static (next.config.ts).
 */
export function proxy(_request: NextRequest): NextResponse {
  const response = NextResponse.next();
  response.headers.set('Content-Security-Policy', contentSecurityPolicy(process.env));
  return response;
}

export const config = {
  // static build files carry no documents: no policy needed there
  matcher: ['/((?!_next/static|_next/image).*)'],
};
