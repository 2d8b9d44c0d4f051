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
  /**
   * Where mail goes out: smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465. Unset: no
   * mail is sent; each one is written to <DATA_DIR>/outbox and its links printed to the log (development).
   */
  SMTP_URL: optionalString.refine((v) => v === undefined || /^smtps?:\/\/[^\s/]+/.test(v), {
    message: 'must start with smtp:// or smtps://',
  }),
  /** the From line of the mail Starscape sends */
  MAIL_FROM: optionalString.transform((v) => v ?? 'Starscape <no-reply@localhost>'),
  /** the address players open, used in links inside mail; default: http://localhost:<PORT or 3000> */
  PUBLIC_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), {
    message: 'must start with http:// or https://',
  }),
  /** the web app's port (only for the default PUBLIC_URL) */
  PORT: optionalString,
  /** set by Fly.io on its machines: there, mail must really be sent (SMTP_URL is required) */
  FLY_APP_NAME: optionalString,
  GAME_PORT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? 2567 : Number(v)))
    .pipe(z.number().int().min(1).max(65535)),
});

const checked = schema.superRefine((env, context) => {
  if (env.FLY_APP_NAME && !env.SMTP_URL) {
    context.addIssue({
      code: 'custom',
      path: ['SMTP_URL'],
      message: 'required on Fly.io: sign-up mails a confirmation link, and mail kept in a machine\'s outbox reaches nobody',
    });
  }
});

export type WebEnv = z.output<typeof schema>;

/** Whether to mark the session cookie Secure: SESSION_COOKIE_SECURE when set, else in production. */
export function secureCookies(env: Pick<WebEnv, 'NODE_ENV' | 'SESSION_COOKIE_SECURE'>): boolean {
  return env.SESSION_COOKIE_SECURE ? env.SESSION_COOKIE_SECURE === 'true' : env.NODE_ENV === 'production';
}

/** The origin (and any base path) players open, without a trailing slash: links in mail start with it. */
export function publicUrl(env: Pick<WebEnv, 'PUBLIC_URL' | 'PORT'>): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, '');
}

/** Validates the variables the web app reads; throws one error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): WebEnv {
  const result = checked.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment for the web app:\n${lines.join('\n')}`);
}
