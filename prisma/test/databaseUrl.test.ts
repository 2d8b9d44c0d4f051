import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  absoluteDatabaseUrl,
  databaseProvider,
  defaultDatabaseUrl,
  postgresConnection,
  redactDatabaseUrl,
  sqliteFilePath,
} from '../src/databaseUrl';

describe('database URLs', () => {
  it('puts the default database in the data folder, as an absolute file: URL', () => {
    expect(defaultDatabaseUrl('/srv/starscape/data')).toBe('file:/srv/starscape/data/starscape.db');
    expect(defaultDatabaseUrl('data')).toBe(`file:${path.resolve('data', 'starscape.db')}`);
  });

  it('reads absolute, relative and URL-style file: paths', () => {
    expect(sqliteFilePath('file:/abs/x.db')).toBe('/abs/x.db');
    expect(sqliteFilePath('file:./rel/x.db')).toBe(path.resolve('rel/x.db'));
    expect(sqliteFilePath('file:///abs/x.db')).toBe('/abs/x.db');
    expect(absoluteDatabaseUrl('file:./x.db')).toBe(`file:${path.resolve('x.db')}`);
  });

  it('refuses other schemes, empty paths and query parameters', () => {
    expect(() => sqliteFilePath('postgresql://localhost/db')).toThrow(/file:/);
    expect(() => sqliteFilePath('file:')).toThrow();
    expect(() => sqliteFilePath('file:./x.db?connection_limit=1')).toThrow(/query/);
  });

  it('tells SQLite from PostgreSQL by the scheme, and refuses anything else naming the accepted forms', () => {
    expect(databaseProvider('file:./x.db')).toBe('sqlite');
    expect(databaseProvider('file:/abs/x.db')).toBe('sqlite');
    expect(databaseProvider('postgresql://u:p@db.internal:5432/starscape')).toBe('postgresql');
    expect(databaseProvider('postgres://localhost/starscape')).toBe('postgresql');
    for (const bad of ['mysql://localhost/x', 'sqlite:./x.db', './x.db', 'postgresql:/x', 'POSTGRES://x/y', '']) {
      expect(() => databaseProvider(bad)).toThrow(/"file:<path>" \(SQLite[\s\S]*"postgresql:\/\/user:password@host:5432\/database"/);
    }
  });

  it('keeps passwords out of error messages', () => {
    expect(redactDatabaseUrl('postgresql://app:s3cret@db:5432/starscape')).toBe('postgresql://app:***@db:5432/starscape');
    expect(redactDatabaseUrl('postgres://app@db/starscape')).toBe('postgres://app@db/starscape');
    expect(() => databaseProvider('mysql://app:s3cret@db/x')).toThrow(/mysql:\/\/app:\*\*\*@db\/x/);
    expect(() => databaseProvider('mysql://app:s3cret@db/x')).not.toThrow(/s3cret/);
  });

  it('takes the pool size from connection_limit, and refuses the schema parameter', () => {
    expect(postgresConnection('postgresql://u@h/db')).toEqual({ connectionString: 'postgresql://u@h/db', poolSize: undefined });
    expect(postgresConnection('postgresql://u@h/db?sslmode=require&connection_limit=4')).toEqual({
      connectionString: 'postgresql://u@h/db?sslmode=require',
      poolSize: 4,
    });
    expect(postgresConnection('postgresql://u@h/db?connection_limit=20')).toEqual({ connectionString: 'postgresql://u@h/db', poolSize: 20 });
    // libpq's socket form, which the WHATWG URL parser refuses, passes through untouched
    expect(postgresConnection('postgresql://u@/db?host=/var/run/postgresql').connectionString).toBe('postgresql://u@/db?host=/var/run/postgresql');
    expect(() => postgresConnection('postgresql://u@h/db?connection_limit=0')).toThrow(/connection_limit/);
    expect(() => postgresConnection('postgresql://u@h/db?connection_limit=lots')).toThrow(/connection_limit/);
    expect(() => postgresConnection('postgresql://u@h/db?schema=game')).toThrow(/"schema" parameter is not supported/);
  });
});
