/** What the load bench (parent) and its load generators (children) say to each other over IPC. */
import type { ServerKind } from './townPlayers';

export interface GeneratorSetup {
  kind: ServerKind;
  /** ws://host:port of the server under test */
  endpoint: string;
  /** PKCS8 PEM of the throwaway Ed25519 key the server's GAME_TOKEN_PUBLIC_KEY belongs to */
  privateKeyPem: string;
  /** this generator's share of the players */
  players: Array<{ userId: string; townId: string; name: string }>;
  /** joins this generator starts per second, and at most this many at once */
  joinsPerSecond: number;
  maxJoinsInFlight: number;
  actionIntervalMs: number;
  /** seeds the action phases */
  seed: number;
  /** the CPU priority (nice, 0–19) the generator runs at: higher yields the CPU to the server under test */
  nice: number;
}

/** What a generator saw since the last `mark`. */
export interface GeneratorReading {
  /** clients connected now */
  connected: number;
  /** action → result of every action sent since the mark whose result arrived, in ms */
  latenciesMs: number[];
  /** when each of `latenciesMs` was sent, in ms since the mark */
  sentAtMs: number[];
  actionsSent: number;
  /** ticks that found the previous action still without result (no new action then) */
  late: number;
  refusals: number;
  drops: number;
  /** bytes received by every client socket since the mark */
  bytesRead: number;
  /** wall time since the mark */
  windowMs: number;
  /** this process's CPU since the mark (ms) and its event-loop delay in that time */
  cpuMs: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
}

export type ToGenerator =
  | { type: 'setup'; setup: GeneratorSetup }
  | { type: 'join' }
  /** start no more joins (the server is saturated): those under way finish, then `joined` is sent */
  | { type: 'stop-joining' }
  | { type: 'mark' }
  | { type: 'read' }
  | { type: 'silence' }
  | { type: 'stop' };

export type FromGenerator =
  | { type: 'ready' }
  | { type: 'progress'; joined: number; failed: number }
  | { type: 'joined'; joined: number; failed: number; errors: string[] }
  | { type: 'marked' }
  | { type: 'silenced' }
  | { type: 'reading'; reading: GeneratorReading };
