import { randomBytes } from 'node:crypto';

/** Why a key is held: a live room serves it, or an outside update is writing it for a moment. */
export type ClaimKind = 'room' | 'update';

export interface Claim {
  /** the process holding the key (`ClusterClaims.processId` there) */
  holder: string;
  kind: ClaimKind;
}

/**
 * Cluster-wide ownership of one thing at a time: a town (`town:<id>`), a battle (`battle:<id>`), a galaxy
 * sector (`galaxy:<n>`). A room takes its key while it lives and gives it back after its last save; an
 * outside change to a town with no live room takes the key for the few milliseconds of its write. So a
 * town has one writer in the whole cluster, and a room never loads a town that someone is writing.
 *
 * A claim belongs to a process, not to a timer: a claim of a process that stopped without giving its keys
 * back (a crash) can be taken over once that process's heartbeat has expired.
 */
export interface ClusterClaims {
  readonly processId: string;
  /** Takes `key` for this process. Null on success; else the live claim that holds it (maybe this process's own). */
  acquire(key: string, kind: ClaimKind): Promise<Claim | null>;
  /** Gives `key` back if this process holds it. */
  release(key: string): Promise<void>;
  /** The live claim on `key`, or null. */
  holder(key: string): Promise<Claim | null>;
  /** Whether the process is alive (its heartbeat has not run out). */
  alive(processId: string): Promise<boolean>;
  /** Announces this process alive (before any claim); `stop` ends that and frees whatever is still held. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A short random id for this process. */
export function newProcessId(): string {
  return randomBytes(6).toString('base64url');
}

/** Claims for one process alone (no Redis): a map. */
export class LocalClaims implements ClusterClaims {
  readonly processId = newProcessId();
  private readonly held = new Map<string, ClaimKind>();

  async acquire(key: string, kind: ClaimKind): Promise<Claim | null> {
    const current = this.held.get(key);
    if (current) return { holder: this.processId, kind: current };
    this.held.set(key, kind);
    return null;
  }

  async release(key: string): Promise<void> {
    this.held.delete(key);
  }

  async holder(key: string): Promise<Claim | null> {
    const kind = this.held.get(key);
    return kind ? { holder: this.processId, kind } : null;
  }

  async alive(processId: string): Promise<boolean> {
    return processId === this.processId;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    this.held.clear();
  }
}

/**
 * Waits for `key` while others hold it briefly: an outside update (milliseconds) or a room giving its key
 * back after its last save. Null once taken; else the claim still in the way after `timeoutMs`.
 */
export async function acquireWhenFree(
  claims: ClusterClaims,
  key: string,
  kind: ClaimKind,
  options: { timeoutMs: number; pollMs?: number; giveUpOn?: (claim: Claim) => boolean },
): Promise<Claim | null> {
  const deadline = Date.now() + options.timeoutMs;
  const pollMs = options.pollMs ?? 20;
  for (;;) {
    const blocking = await claims.acquire(key, kind);
    if (!blocking) return null;
    if (options.giveUpOn?.(blocking) || Date.now() >= deadline) return blocking;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
