import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';
import { securityHeaders } from './src/server/securityHeaders';

/** The monorepo root: workspace packages live beside web/ and export TypeScript source. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // @starscape/* export .ts source, so Next compiles them like app code.
  transpilePackages: ['@starscape/shared', '@starscape/prisma'],
  // Native modules and the Prisma runtime stay plain Node `require`s on the server, never bundled.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/client', '@prisma/adapter-pg', 'pg'],
  turbopack: { root: repoRoot },
  // nosniff, no framing, referrer and permissions policies, HSTS in production: on every response, pages,
  // /api routes and static files alike. The CSP depends on run-time settings: src/proxy.ts adds it.
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders(process.env) }];
  },
};

export default nextConfig;
