import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** HTTP Basic authentication against one username/password pair, compared in constant time. */
export function basicAuth(username: string, password: string, realm: string): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const [scheme, encoded] = header.split(' ');
    if (scheme === 'Basic' && encoded) {
      const decoded = Buffer.from(encoded, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      // evaluate both comparisons so timing does not tell which part was wrong
      const userOk = same(decoded.slice(0, colon), username);
      const passOk = same(decoded.slice(colon + 1), password);
      if (colon > 0 && userOk && passOk) return next();
    }
    res.set('WWW-Authenticate', `Basic realm="${realm}", charset="UTF-8"`).status(401).json({ error: 'credentials required' });
  };
}
