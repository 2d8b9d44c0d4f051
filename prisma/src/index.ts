/**
 * @starscape/prisma: the Prisma client factory, the migrate step and the generated Prisma types.
 * The generated client lives in prisma/generated/client (git-ignored, made by `postinstall`).
 */
export { createPrismaClient } from './createPrismaClient';
export { migrateDatabase, type MigrateOptions } from './migrate';
export { defaultDatabaseUrl, sqliteFilePath } from './databaseUrl';
export { defaultDataDir } from './paths';
export { BUSY_TIMEOUT_MS } from './sqliteAdapter';
export { placeTown, placeUnplacedTowns } from './galaxyPlacement';
// PrismaClient, Prisma (namespace: errors, input types), and one type per model (User, Session, Town, ...).
export * from '../generated/client/client';
