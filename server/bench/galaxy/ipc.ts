/** What the galaxy bench's parent (the clients) and its child (the servers) say to each other over IPC. */

/** The two designs under test: the real galaxy room, and JSON broadcast to every socket. */
export type ServerKind = 'colyseus' | 'json';

/** What one server has sent downstream since it started, counted on its sockets. */
export interface Meter {
  /** payload plus WebSocket frame header, data frames and pings */
  bytes: number;
  /** data frames */
  messages: number;
}

/** A reading of the server process: CPU used so far (every thread) and each server's meter. */
export interface Reading {
  /** user + system */
  cpuMicros: number;
  /** system alone: mostly the kernel writing frames to sockets */
  systemMicros: number;
  atMs: number;
  meters: Record<ServerKind, Meter>;
  /** times @colyseus/schema found its encode buffer too small (it warns, grows a copy and encodes again) */
  schemaOverflows: number;
  /** the largest buffer it asked for, in KB */
  schemaOverflowKb: number;
}

export interface BenchPlayer {
  userId: string;
  token: string;
  /** whether this player owns one of the sector's starbases (their online flips change what the room shows) */
  owner: boolean;
}

export type ToServers = { type: 'read'; id: number } | { type: 'stop' };

export type FromServers =
  | { type: 'ready'; endpoints: Record<ServerKind, string>; players: BenchPlayer[] }
  | { type: 'reading'; id: number; reading: Reading };

/** The sector every bench client looks at (the first one: the 24 owners' starbases are placed there). */
export const BENCH_SECTOR = 1;

/** Bytes on the wire for one WebSocket message of `payload` bytes sent by the server (unmasked frame). */
export function framed(payload: number): number {
  return payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);
}
