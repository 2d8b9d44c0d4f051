import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const positiveNumber = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? fallback : Number(v)))
    .pipe(z.number().finite().positive());

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Prisma connection string; default: the SQLite file in DATA_DIR */
  DATABASE_URL: optionalString,
  /** folder of the default SQLite database; default: <repo root>/data */
  DATA_DIR: optionalString,
  /** scales every duration of the rules (1 in production) */
  GAME_SPEED: positiveNumber(1),
  /** Ed25519 private key, PKCS#8 PEM; literal "\n" sequences (one-line .env files) are accepted */
  GAME_TOKEN_PRIVATE_KEY: optionalString
    .transform((v) => v?.replace(/\\n/g, '\n'))
    .refine((v) => v === undefined || /-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/.test(v), {
      message: 'must be a PKCS#8 PEM block (-----BEGIN PRIVATE KEY----- ...)',
    }),
  /** public WebSocket address of the game server; default: ws(s)://<request host>:<GAME_PORT> */
  GAME_SERVER_URL: optionalString.refine((v) => v === undefined || /^wss?:\/\/[^\s/]+/.test(v), {
    message: 'must start with ws:// or wss://',
  }),
  /**
   * Whether the session cookie is marked Secure (https only). Default: in production. Set "false" to
   * serve production over plain http (say, on a LAN address), where browsers drop Secure cookies.
   */
  SESSION_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  GAME_PORT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? 2567 : Number(v)))
    .pipe(z.number().int().min(1).max(65535)),
});

export type WebEnv = z.output<typeof schema>;

/** Whether to mark the session cookie Secure: SESSION_COOKIE_SECURE when set, else in production. */
export function secureCookies(env: Pick<WebEnv, 'NODE_ENV' | 'SESSION_COOKIE_SECURE'>): boolean {
  return env.SESSION_COOKIE_SECURE ? env.SESSION_COOKIE_SECURE === 'true' : env.NODE_ENV === 'production';
}

/** Validates the variables the web app reads; throws one error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): WebEnv {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment for the web app:\n${lines.join('\n')}`);
}
