import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { postgresSchemaPath, schemaPath } from '../src/paths';
import { derivePostgresSchema, expectedPostgresSchema, POSTGRES_SCHEMA_HEADER } from '../src/postgresSchema';

describe('the PostgreSQL schema (derived from schema.prisma)', () => {
  it('is up to date: prisma/postgres/schema.prisma is what the source makes (run `npm run db:migration:new -- <name>` after editing schema.prisma)', async () => {
    expect(await readFile(postgresSchemaPath, 'utf8')).toBe(await expectedPostgresSchema());
  });

  it('differs from the source only in its header, the provider and where the client is generated', async () => {
    const source = await readFile(schemaPath, 'utf8');
    const derived = derivePostgresSchema(source);
    expect(derived.startsWith(POSTGRES_SCHEMA_HEADER)).toBe(true);
    const body = derived.slice(POSTGRES_SCHEMA_HEADER.length + 1);
    const changed = body.split('\n').filter((line, i) => line !== source.split('\n')[i]);
    expect(changed.map((line) => line.trim())).toEqual(['output       = "../generated/postgres"', 'provider = "postgresql"']);
    expect(body.split('\n')).toHaveLength(source.split('\n').length);
  });

  it('refuses a source that is not the SQLite schema it expects', () => {
    expect(() => derivePostgresSchema('datasource db {\n  provider = "postgresql"\n}\n')).toThrow(/provider = "sqlite"/);
    expect(() =>
      derivePostgresSchema('generator client {\n  output = "./elsewhere"\n}\ndatasource db {\n  provider = "sqlite"\n}\n'),
    ).toThrow(/generator line/);
  });
});
