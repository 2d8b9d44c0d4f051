/**
 * @starscape/prisma: the Prisma client factory, the migrate step and the generated Prisma types, for SQLite
 * (`file:` URLs) and PostgreSQL (`postgresql://` URLs). The generated clients live in prisma/generated/client
 * (SQLite) and prisma/generated/postgres (git-ignored, made by `postinstall`); the types exported here are the
 * SQLite client's, which has the same model API (see createPrismaClient.ts).
 */
export { createPrismaClient, type CreatePrismaClientOptions } from './createPrismaClient';
export { migrateDatabase, type MigrateOptions } from './migrate';
export { databaseProvider, defaultDatabaseUrl, redactDatabaseUrl, sqliteFilePath, type DatabaseProvider } from './databaseUrl';
export { defaultDataDir } from './paths';
export { BUSY_TIMEOUT_MS, WAL_AUTOCHECKPOINT_PAGES } from './sqliteAdapter';
export { placeTown, placeUnplacedTowns } from './galaxyPlacement';
export { SqliteTownSaves, type SqliteTownSavesOptions, type TownSaveRow } from './sqliteTownSaves';
export { PostgresTownSaves } from './postgresTownSaves';
// PrismaClient, Prisma (namespace: errors, input types), and one type per model (User, Session, Town, ...).
export * from '../generated/client/client';
