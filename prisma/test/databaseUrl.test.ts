import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { absoluteDatabaseUrl, defaultDatabaseUrl, sqliteFilePath } from '../src/databaseUrl';

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
});
