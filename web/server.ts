/**
 * The web app's HTTP server: Next.js's request handler behind a plain Node server, so the client address
 * that sign-up and log-in throttling keys on comes from the socket, not from a header anyone can forge.
 * `next start` alone keeps a client-sent `X-Forwarded-For` as it is.
 *
 * Env: PORT (3000), HOST (0.0.0.0), TRUST_PROXY_HOPS (0: served directly; 1 behind one proxy such as Fly's).
 */
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { trustedClientAddress } from './src/server/forwardedFor';

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
const trustedHops = Number(process.env.TRUST_PROXY_HOPS || 0);
if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
if (!Number.isInteger(trustedHops) || trustedHops < 0 || trustedHops > 10) {
  throw new Error(`TRUST_PROXY_HOPS must be a whole number from 0 to 10, got "${process.env.TRUST_PROXY_HOPS}"`);
}

const app = next({ dev: false, dir: path.dirname(fileURLToPath(import.meta.url)), hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const forwarded = req.headers['x-forwarded-for'];
  const client = trustedClientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trustedHops);
  if (client) req.headers['x-forwarded-for'] = client;
  else delete req.headers['x-forwarded-for'];
  void handle(req, res);
});
server.listen(port, host, () => console.log(`web app listening on ${host}:${port}`));

const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref(); // a browser holding a keep-alive socket must not block a deploy
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
