import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A worker id unique to this process and call: host, pid and a random part. The random part matters: a pid is
 * reused after a restart (in a container it is often 1), and a restarted process must not pass for the one
 * that held a claim before it; two schedulers in one process must not share an id either.
 */
export function createWorkerId(): string {
  return `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}
