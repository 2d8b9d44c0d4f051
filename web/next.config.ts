import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

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
};

export default nextConfig;
