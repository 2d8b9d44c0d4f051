/**
 * Loads Prisma's wasm schema engine (`@prisma/schema-engine-wasm`, pinned in package.json) and opens it on a
 * SQLite file through the better-sqlite3 driver adapter. This replaces the CLI's native schema engine, which
 * would have to be downloaded from outside the npm registry. These are internal Prisma APIs: the shapes below
 * were read from the package's .d.ts/JS, and prisma/test/migrate.test.ts guards them.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlDriverAdapter,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { sqliteFilePath } from './databaseUrl';
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
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

/** A schema engine bound to one SQLite file; call `close()` when done. */
export interface OpenSchemaEngine {
  /**
   * Calls the engine. Driver errors the adapter does not map itself (better-sqlite3's RangeError, say)
   * reach the engine as an opaque `External error id#N`; this puts the driver's own message back.
   */
  run<T>(call: (engine: SchemaEngine) => Promise<T>): Promise<T>;
  /** Frees the engine and closes every connection it opened (main and shadow). */
  close(): Promise<void>;
}

/**
 * Opens the wasm schema engine on the SQLite file named by `databaseUrl`, creating the file's folder if
 * missing (SQLite creates the file, not the folder). `schema` is the Prisma schema the engine starts with.
 */
export async function openSchemaEngine(
  databaseUrl: string,
  schema: { path: string; content: string },
): Promise<OpenSchemaEngine> {
  await loadWasm();
  mkdirSync(path.dirname(sqliteFilePath(databaseUrl)), { recursive: true });

  // The engine does not dispose the connections it asks for, so remember them and close them ourselves.
  const connections: SqlDriverAdapter[] = [];
  const remember = (connection: SqlDriverAdapter) => {
    connections.push(connection);
    return connection;
  };
  const factory = new StarscapeSqliteAdapter(databaseUrl);
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
