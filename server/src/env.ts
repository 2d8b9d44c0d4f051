import { z } from 'zod';
import { LOG_LEVELS } from './logger';
import { DEFAULT_TOWN_HOSTS } from './towns/townHosts';

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every environment variable the game server reads, with its default. Validated once at start. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  GAME_PORT: intFrom(1, 65535).default(2567),
  GAME_HOST: z.string().min(1).default('0.0.0.0'),
  /** defaults to the repository's data/ folder */
  DATA_DIR: z.string().min(1).optional(),
  /** `file:/abs/path.db` (SQLite) or `postgres://…` (PostgreSQL); defaults to `<DATA_DIR>/starscape.db` */
  DATABASE_URL: z.string().min(1).optional(),
  /** SPKI PEM of the Ed25519 key the web app signs game tokens with */
  GAME_TOKEN_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be an SPKI PEM ("-----BEGIN PUBLIC KEY-----")' }),
  GAME_SPEED: z.coerce.number().positive().max(100_000).default(1),
  AUTOSAVE_INTERVAL_MS: intFrom(100, 600_000).default(5000),
  RECONNECT_GRACE_SECONDS: intFrom(0, 3600).default(30),
  MONITOR_USERNAME: z.string().min(1).optional(),
  MONITOR_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /**
   * How far the JavaScript heap may grow past what outlived the last full garbage collection before the next
   * one, in percent (V8's `--heap-growing-percent`); 0 leaves it to V8, which lets it grow up to 4×
   */
  HEAP_GROWTH_PERCENT: intFrom(0, 300).default(75),
  /**
   * The event loop's tick in ms: a loop with time to spare takes its input once per tick, in one warm burst
   * instead of many cold wake-ups (see `InputTick`); 0 = a free-running loop, every message handled at once
   */
  INPUT_TICK_MS: intFrom(0, 250).default(50),
  /**
   * How many host rooms the towns are spread over (a town's host is fixed by its id); every process of a cluster
   * must use the same number. 0 = a room per town
   */
  TOWN_HOSTS: intFrom(0, 100_000).default(DEFAULT_TOWN_HOSTS),
  /** Redis for Colyseus presence, driver and claims: set it to run several game processes; unset = one process */
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').optional(),
  /** host[:port][/path] browsers use for this process's WebSockets; required with REDIS_URL (one per process) */
  GAME_PUBLIC_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+(:\d{1,5})?(\/[^\s?#]*)?$/, 'must be host[:port][/path] without a scheme, e.g. game.example.com or 10.0.0.5:2567')
    .optional(),
  /** set by Fly.io on each machine: this process advertises <GAME_PUBLIC_ADDRESS>/m/<id> and replays upgrades meant for other machines */
  FLY_MACHINE_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Fly machine id').optional(),
});

export type ServerEnv = z.infer<typeof envSchema>;

/** Parses the environment, or throws one error naming every bad variable. */
export function readServerEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const blanksRemoved = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid game server environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (Boolean(env.MONITOR_USERNAME) !== Boolean(env.MONITOR_PASSWORD)) {
    throw new Error('Invalid game server environment:\n  MONITOR_USERNAME and MONITOR_PASSWORD must be set together');
  }
  if (env.REDIS_URL && !env.GAME_PUBLIC_ADDRESS) {
    throw new Error(
      'Invalid game server environment:\n  GAME_PUBLIC_ADDRESS is required with REDIS_URL: each game process needs the address browsers reach it on',
    );
  }
  return env;
}
