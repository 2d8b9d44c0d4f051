/**
 * Loads Prisma's wasm schema engine (`@prisma/schema-engine-wasm`, pinned in package.json) and opens it on a
 * SQLite file through the better-sqlite3 driver adapter, or on a PostgreSQL database through the pg driver
 * adapter. This replaces the CLI's native schema engine, which would have to be downloaded from outside the
 * npm registry. These are internal Prisma APIs: the shapes below
 * were read from the package's .d.ts/JS, and prisma/test/migrate.test.ts guards them.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { databaseProvider, postgresConnection, sqliteFilePath } from './databaseUrl';
import { StarscapeSqliteAdapter } from './sqliteAdapter';

export type { SchemaEngine };

let loaded: Promise<void> | undefined;

/** What the glue calls on a Rust panic (same shape as the Prisma CLI's registry). */
class PanicRegistry {
  message = '';
  set_message(message: string): void {
    this.message = `RuntimeError: ${message}`;
  }
}

/** The slice of the WebAssembly global used here; the base tsconfig has no DOM lib, which declares it. */
interface WebAssemblyApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/**
 * Instantiates the wasm module once per process. The package's own entry (`schema_engine.js`) does
 * `import * as wasm from './schema_engine_bg.wasm'`, which Node does not support, so we do by hand what
 * wasm-bindgen's bundler glue expects: instantiate with the JS glue as the `./schema_engine_bg.js` import,
 * hand the exports back with `__wbg_set_wasm`, then run `__wbindgen_start`.
 */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    // The engine reports Rust panics through this global; without it a panic becomes a TypeError.
    const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
    registry.PRISMA_WASM_PANIC_REGISTRY ??= new PanicRegistry();
    // The .wasm file is not in the package's `exports`; find it next to the glue module.
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

/**
 * The glue with its `setTimeout` import giving unref'd timers. On PostgreSQL the engine races its advisory
 * lock against a 10 s timer and never clears it (the glue imports no clearTimeout), which kept every process
 * that migrated alive 10 s after it was done. An unref'd timer still fires while anything else is pending
 * (the lock query holds its socket), so the timeout keeps working.
 */
function withUnrefTimers(module: typeof glue): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...module };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, ms: number) => {
      const timer = setTimeout(callback, ms >>> 0);
      timer.unref();
      return timer;
    };
  }
  return imports;
}

/** A schema engine bound to one database; call `close()` when done. */
export interface OpenSchemaEngine {
  /**
   * Calls the engine. Driver errors the adapter does not map itself (better-sqlite3's RangeError, say)
   * reach the engine as an opaque `External error id#N`; this puts the driver's own message back.
   */
  run<T>(call: (engine: SchemaEngine) => Promise<T>): Promise<T>;
  /** Frees the engine and closes every connection it opened (main and shadow). */
  close(): Promise<void>;
}

/** OIDs of PostgreSQL's internal one-byte `"char"` type and of `text`. */
const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * A pg client that reports `"char"` columns as `text`. The engine reads the database's shape (for a diff
 * against it) with catalog queries that select `"char"` columns (`pg_constraint.contype`, `pg_class.relkind`,
 * ...) as they are; @prisma/adapter-pg 7.10.1 has no column type for that OID and fails the query with
 * `Column type 'char' could not be deserialized from the database`. Its values are one-character strings
 * already (pg's default text parser for OID 18), so calling the column `text` is exactly right.
 */
class EngineClient extends pg.Client {}
const baseQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
const charColumnsAsText = (result: unknown): void => {
  for (const field of (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? []) {
    if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
};
(EngineClient.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function query(
  this: pg.Client,
  ...args: unknown[]
) {
  // pg-pool calls `query(config, values, callback)`; a checked-out client (a transaction) uses the promise.
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === 'function') {
    args[last] = (error: unknown, result: unknown) => {
      if (!error) charColumnsAsText(result);
      return (callback as (error: unknown, result: unknown) => unknown)(error, result);
    };
    return baseQuery.apply(this, args);
  }
  const returned = baseQuery.apply(this, args);
  return returned instanceof Promise ? returned.then((result: unknown) => (charColumnsAsText(result), result)) : returned;
};

/**
 * The driver adapter the engine talks through. For SQLite, Starscape's better-sqlite3 adapter. For PostgreSQL,
 * the pg adapter on pools of one connection: before applying migrations the engine takes a session-level
 * advisory lock (`SELECT pg_advisory_lock(72707369)`, given up after about 10 s) and never unlocks it, relying
 * on its connection ending. So the lock must stay on one connection that lives as long as the engine: one
 * connection per pool and no idle timeout, until `close()` ends them. That lock is what makes two processes
 * migrating one database at once apply each migration once. The pool's client is `EngineClient`, above.
 */
function adapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  if (databaseProvider(databaseUrl) === 'sqlite') {
    // SQLite creates the file, not its folder.
    mkdirSync(path.dirname(sqliteFilePath(databaseUrl)), { recursive: true });
    return new StarscapeSqliteAdapter(databaseUrl);
  }
  const { connectionString } = postgresConnection(databaseUrl);
  return new PrismaPg({ connectionString, max: 1, idleTimeoutMillis: 0, Client: EngineClient });
}

/**
 * Opens the wasm schema engine on the database named by `databaseUrl` (`file:` SQLite, creating the file's
 * folder if missing, or `postgresql://` PostgreSQL). `schema` is the Prisma schema the engine starts with; its
 * provider must match the URL's.
 */
export async function openSchemaEngine(
  databaseUrl: string,
  schema: { path: string; content: string },
): Promise<OpenSchemaEngine> {
  await loadWasm();

  // The engine does not dispose the connections it asks for, so remember them and close them ourselves.
  const connections: SqlDriverAdapter[] = [];
  const remember = (connection: SqlDriverAdapter) => {
    connections.push(connection);
    return connection;
  };
  const factory = adapterFactory(databaseUrl);
  const bound = bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => remember(await factory.connect()),
    connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
  });

  const engine = await glue.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    () => {}, // engine log lines (JSON); nothing we need to surface
    bound,
  );
  return {
    async run(call) {
      try {
        return await call(engine);
      } catch (error) {
        throw withDriverMessage(error, bound.errorRegistry);
      }
    },
    async close() {
      engine.free();
      await Promise.allSettled(connections.map((connection) => connection.dispose()));
    },
  };
}

function withDriverMessage(error: unknown, registry: ErrorRegistry): unknown {
  if (!(error instanceof Error)) return error;
  const id = /External error id#(\d+)/.exec(error.message)?.[1];
  const cause = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (!(cause instanceof Error)) return error;
  error.message = error.message.replace(`External error id#${id}`, `${cause.name}: ${cause.message}`);
  error.cause = cause;
  return error;
}

/** No externally managed tables or enums: Prisma owns the whole database. */
export const NO_FILTERS = { externalTables: [], externalEnums: [] };
