import type { RequestHandler } from 'express';

/** Socket addresses of this machine's loopback interface, as Node reports them (IPv4, IPv6, IPv4-mapped). */
function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * Lets through only requests whose TCP peer is this machine (the socket address: no header can claim it).
 * For process numbers when no operator credentials are configured: a local scraper or benchmark reads them,
 * nobody on the network does (on Fly.io the proxy connects from the private network, never from loopback).
 */
export function loopbackOnly(): RequestHandler {
  return (req, res, next) => {
    if (isLoopback(req.socket.remoteAddress)) return next();
    res.status(403).json({ error: 'only served to this machine; set MONITOR_USERNAME and MONITOR_PASSWORD to read it from elsewhere' });
  };
}
