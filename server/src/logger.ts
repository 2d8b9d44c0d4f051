/** The one logger, injected where needed; plain lines on stdout/stderr so any log shipper can read them. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel, name = 'game'): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const write = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    const line = `${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} [${name}] ${message}${extra}`;
    (at === 'error' || at === 'warn' ? console.error : console.log)(line);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** One argument of a Colyseus log call as text (an error as its stack). */
function logText(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (arg instanceof Error) return arg.stack ?? arg.message;
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}

/** What Colyseus calls on its logger (`new Server({ logger })`). */
export interface ColyseusLogger {
  debug(...args: unknown[]): void;
  trace(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/**
 * Colyseus's own messages through `logger`, marked `colyseus:`, so every line of the process has one format.
 * Colyseus logs as an error, with its stack, whatever a client's join or frame threw: an undecodable message, a
 * join refused. Those are the client's doing, and a fault of the server's own there (a town that cannot load)
 * is logged as an error by the room itself, so Colyseus's errors are warnings here. A client that went away
 * before its join was done (Colyseus's `early_leave`: a tab closed while its town loaded) is a player's choice:
 * debug.
 */
export function colyseusLogger(logger: Logger): ColyseusLogger {
  const text = (args: unknown[]) => `colyseus: ${args.map(logText).join(' ')}`;
  return {
    debug: (...args) => logger.debug(text(args)),
    trace: (...args) => logger.debug(text(args)),
    info: (...args) => logger.info(text(args)),
    warn: (...args) => logger.warn(text(args)),
    error: (...args) => {
      const message = text(args);
      if (/^colyseus: Error: early_leave\b/.test(message)) logger.debug('colyseus: a client left before its join was done');
      else logger.warn(message);
    },
  };
}
