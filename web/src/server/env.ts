import 'server-only';
import { parseEnv, type WebEnv } from './envSchema';

let cached: WebEnv | undefined;

/**
 * The web app's environment, validated once on first use. Lazy on purpose: `next build` imports
 * modules to collect page data, and a build must not need runtime secrets.
 */
export function env(): WebEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
