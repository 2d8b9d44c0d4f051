import { describe, expect, it } from 'vitest';
import { parseEnv, publicUrl, secureCookies } from './envSchema';

const PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----';

describe('web environment', () => {
  it('has defaults for everything but secrets', () => {
    expect(parseEnv({})).toMatchObject({ NODE_ENV: 'development', GAME_SPEED: 1, GAME_PORT: 2567 });
    expect(parseEnv({}).GAME_TOKEN_PRIVATE_KEY).toBeUndefined();
  });

  it('treats blank values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', GAME_SPEED: ' ', GAME_SERVER_URL: '' })).toMatchObject({ DATABASE_URL: undefined, GAME_SPEED: 1, GAME_SERVER_URL: undefined });
  });

  it('accepts a PEM written on one line with \\n escapes', () => {
    expect(parseEnv({ GAME_TOKEN_PRIVATE_KEY: PEM.replace(/\n/g, '\\n') }).GAME_TOKEN_PRIVATE_KEY).toBe(PEM);
  });

  it('names every bad variable in one error', () => {
    const bad = () => parseEnv({ GAME_SPEED: 'fast', GAME_PORT: '70000', GAME_SERVER_URL: 'http://x', GAME_TOKEN_PRIVATE_KEY: 'secret' });
    for (const name of ['GAME_SPEED', 'GAME_PORT', 'GAME_SERVER_URL', 'GAME_TOKEN_PRIVATE_KEY']) expect(bad).toThrow(name);
  });

  it('checks the mail settings and builds links from PUBLIC_URL, else localhost and PORT', () => {
    expect(parseEnv({}).MAIL_FROM).toBe('Starscape <no-reply@localhost>');
    expect(parseEnv({ SMTP_URL: 'smtps://u:p@mail.example.com:465' }).SMTP_URL).toBe('smtps://u:p@mail.example.com:465');
    expect(() => parseEnv({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL/);
    expect(() => parseEnv({ PUBLIC_URL: 'starscape.example.com' })).toThrow(/PUBLIC_URL/);
    expect(publicUrl(parseEnv({}))).toBe('http://localhost:3000');
    expect(publicUrl(parseEnv({ PORT: '4100' }))).toBe('http://localhost:4100');
    expect(publicUrl(parseEnv({ PUBLIC_URL: 'https://starscape.fly.dev/' }))).toBe('https://starscape.fly.dev');
    // on Fly.io, a machine's outbox reaches nobody
    expect(() => parseEnv({ FLY_APP_NAME: 'starscape' })).toThrow(/SMTP_URL: required on Fly\.io/);
    expect(parseEnv({ FLY_APP_NAME: 'starscape', SMTP_URL: 'smtp://mail.example.com:587' }).SMTP_URL).toBe('smtp://mail.example.com:587');
  });

  it('marks the session cookie Secure in production unless told otherwise', () => {
    expect(secureCookies(parseEnv({ NODE_ENV: 'production' }))).toBe(true);
    expect(secureCookies(parseEnv({ NODE_ENV: 'development' }))).toBe(false);
    expect(secureCookies(parseEnv({ NODE_ENV: 'production', SESSION_COOKIE_SECURE: 'false' }))).toBe(false);
    expect(() => parseEnv({ SESSION_COOKIE_SECURE: 'yes' })).toThrow(/SESSION_COOKIE_SECURE/);
  });
});
