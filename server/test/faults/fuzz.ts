import { Packr, unpack } from '@colyseus/msgpackr';
import { MAX_MESSAGE_BYTES } from '@starscape/shared';
import type { z } from 'zod';

/**
 * A seeded generator of hostile values for the fault suite. Every case is derived from (seed, case index)
 * alone, so a failure names both and `FUZZ_SEED=<seed>` replays the run exactly (and a single case is
 * `caseRng(seed, index)`). Nothing here uses Math.random.
 */

/** The seed when FUZZ_SEED is not set: CI runs are the same run every time, until someone picks another. */
export const DEFAULT_FUZZ_SEED = 20_251_106;

/** `FUZZ_SEED` (any integer; default fixed) and `FUZZ_CASES` (default `defaultCases`, per room). */
export function fuzzSettings(defaultCases: number): { seed: number; cases: number } {
  const seed = readInt('FUZZ_SEED', DEFAULT_FUZZ_SEED);
  const cases = Math.max(1, readInt('FUZZ_CASES', defaultCases));
  return { seed: seed >>> 0, cases };
}

function readInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

/** sfc32: small, fast, good enough, and the same on every platform. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9 ^ seed;
    this.b = 0x243f6a88 ^ stream;
    this.c = 0xb7e15162;
    this.d = 1;
    for (let i = 0; i < 15; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** in [0, 1) */
  float(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** an integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[this.int(0, items.length - 1)]!;
  }

  /** a size skewed towards small ones, now and then up to `max` */
  size(max: number): number {
    const roll = this.float();
    if (roll < 0.6) return this.int(0, Math.min(max, 8));
    if (roll < 0.9) return this.int(0, Math.min(max, 64));
    return this.int(0, max);
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.uint32() & 0xff;
    return out;
  }
}

/** The generator of case `index` of the run seeded `seed`: cases are independent of each other. */
export function caseRng(seed: number, index: number): Rng {
  return new Rng(seed, index + 1);
}

// ---------------------------------------------------------------------------------------------------------------
// values

/** Keys that reach Object.prototype or are called implicitly when a value is used carelessly. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'then', '__defineGetter__', 'isPrototypeOf'] as const;

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000metalMine',
  'null',
  'undefined',
  'NaN',
  '[object Object]',
  '1e309',
  '-0',
  '0x10',
  '{"$gt":""}',
  "'; DROP TABLE towns; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%ff',
  '\u202eevil\u202c',
  '\u200b\u200b',
  'ｍｅｔａｌＭｉｎｅ',
  '🚀🚀🚀',
  '\ud800',
  '\udfff\ud800',
  'a\r\nb',
  ...PROTOTYPE_KEYS,
] as const;

const ODD_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1e-7,
  Number.EPSILON,
  Number.MIN_VALUE,
  255,
  256,
  65_535,
  65_536,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e21,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  NaN,
  Infinity,
  -Infinity,
] as const;

const ODD_BIGINTS = [0n, 1n, -1n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n)] as const;

/** A string of `length` characters of one of several alphabets (ASCII, control, multi-byte, surrogates). */
export function randomString(rng: Rng, length: number): string {
  const alphabet = rng.int(0, 5);
  let out = '';
  for (let i = 0; i < length; i++) {
    switch (alphabet) {
      case 0:
        out += String.fromCharCode(rng.int(0x20, 0x7e));
        break;
      case 1:
        out += String.fromCharCode(rng.int(0, 0x1f));
        break;
      case 2:
        out += String.fromCharCode(rng.int(0x80, 0x7ff));
        break;
      case 3:
        out += String.fromCharCode(rng.int(0x800, 0xffff)); // includes lone surrogates
        break;
      case 4:
        out += String.fromCodePoint(rng.int(0x10000, 0x10ffff));
        break;
      default:
        out += rng.chance(0.5) ? 'a' : 'Z';
    }
  }
  return out;
}

export function hostileString(rng: Rng, budget: number): string {
  const roll = rng.float();
  if (roll < 0.35) return rng.pick(ODD_STRINGS);
  if (roll < 0.85) return randomString(rng, rng.size(Math.min(budget, 200)));
  // big: up to the byte budget (ASCII keeps the size predictable)
  return 'x'.repeat(rng.int(Math.floor(budget / 2), budget));
}

export function hostileNumber(rng: Rng): number | bigint {
  const roll = rng.float();
  if (roll < 0.55) return rng.pick(ODD_NUMBERS);
  if (roll < 0.65) return rng.pick(ODD_BIGINTS);
  if (roll < 0.85) return rng.int(-1_000_000, 1_000_000) + (rng.chance(0.5) ? 0 : rng.float());
  return (rng.float() - 0.5) * 10 ** rng.int(0, 300);
}

/** An object with these entries as own properties, `__proto__` included (an object literal would set the prototype). */
export function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function hostileKey(rng: Rng): string {
  const roll = rng.float();
  if (roll < 0.3) return rng.pick(PROTOTYPE_KEYS);
  if (roll < 0.5) return rng.pick(ODD_STRINGS);
  return randomString(rng, rng.size(24));
}

/** `depth` levels of arrays or objects around a leaf: deep nesting within the frame limit. */
export function deepNest(rng: Rng, depth: number): unknown {
  let value: unknown = rng.chance(0.5) ? null : 1;
  const asObject = rng.chance(0.5);
  for (let i = 0; i < depth; i++) value = asObject ? objectOf([['a', value]]) : [value];
  return value;
}

/**
 * Any value msgpack can carry, of every type and shape: primitives at their edges, NaN and the infinities,
 * bigints, binary, dates, strings of every alphabet and size, long arrays, objects with prototype keys, deep
 * nesting. `budget` roughly bounds its encoded size in bytes.
 */
export function hostileValue(rng: Rng, budget = 1024, depth = 0): unknown {
  const roll = rng.int(0, 15);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return rng.chance(0.5);
    case 3:
    case 4:
      return hostileNumber(rng);
    case 5:
    case 6:
      return hostileString(rng, budget);
    case 7:
      return rng.bytes(rng.size(Math.min(budget, 512)));
    case 8:
      return rng.chance(0.5) ? new Date(rng.int(-1e12, 1e13)) : new Date(NaN);
    case 9:
      return deepNest(rng, rng.int(1, depth > 0 ? 8 : Math.min(1500, Math.max(1, budget - 16))));
    case 10:
      if (depth > 0) return hostileString(rng, budget);
      // long arrays of small things
      return Array.from({ length: rng.int(0, Math.max(0, Math.floor(budget / 2))) }, () => (rng.chance(0.5) ? 0 : null));
    case 11:
    case 12: {
      if (depth >= 4) return null;
      const n = rng.size(8);
      return Array.from({ length: n }, () => hostileValue(rng, Math.floor(budget / (n + 1)), depth + 1));
    }
    default: {
      if (depth >= 4) return {};
      const n = rng.size(8);
      return objectOf(Array.from({ length: n }, () => [hostileKey(rng), hostileValue(rng, Math.floor(budget / (n + 1)), depth + 1)] as [string, unknown]));
    }
  }
}

/** Values of the wrong kind for a field that holds `sample` (and the right kind at its edges). */
export function wrongFor(rng: Rng, sample: unknown, budget: number): unknown {
  if (typeof sample === 'string') {
    const roll = rng.int(0, 7);
    if (roll === 0) return sample.toUpperCase();
    if (roll === 1) return ` ${sample}`;
    if (roll === 2) return `${sample}\u0000`;
    if (roll === 3) return sample + 'x'.repeat(rng.int(60, Math.max(61, budget)));
    if (roll === 4) return [sample];
    if (roll === 5) return objectOf([['$eq', sample]]);
    return hostileValue(rng, budget, 1);
  }
  if (typeof sample === 'number') {
    const roll = rng.int(0, 6);
    if (roll === 0) return String(sample);
    if (roll === 1) return sample + 0.5;
    if (roll === 2) return -sample - 1;
    if (roll === 3) return BigInt(Math.trunc(sample));
    if (roll === 4) return rng.pick(ODD_NUMBERS);
    return hostileValue(rng, budget, 1);
  }
  if (typeof sample === 'boolean') return rng.pick([0, 1, 'true', 'false', null, [sample], hostileValue(rng, budget, 1)]);
  return hostileValue(rng, budget, 1);
}

/**
 * A near miss of a valid payload: one field of the wrong type or out of range, a field missing, an unknown
 * or prototype key added, the payload wrapped, or a nested field broken.
 */
export function mutate(rng: Rng, sample: unknown, budget = 1024): unknown {
  if (sample === undefined || sample === null || typeof sample !== 'object' || Array.isArray(sample)) {
    return rng.chance(0.5) ? wrongFor(rng, sample, budget) : hostileValue(rng, budget);
  }
  const entries = Object.entries(sample as Record<string, unknown>);
  const roll = rng.int(0, 7);
  if (entries.length > 0 && roll <= 2) {
    // one field wrong (recursing into nested objects now and then)
    const i = rng.int(0, entries.length - 1);
    const [key, value] = entries[i]!;
    const replaced = value && typeof value === 'object' && !Array.isArray(value) && rng.chance(0.5) ? mutate(rng, value, budget) : wrongFor(rng, value, budget);
    return objectOf(entries.map(([k, v], j) => [k, j === i ? replaced : v] as [string, unknown]).filter(([k]) => k === key || rng.chance(0.9)));
  }
  if (entries.length > 0 && roll === 3) {
    const drop = rng.int(0, entries.length - 1);
    return objectOf(entries.filter((_, j) => j !== drop));
  }
  if (roll === 4 || roll === 5) return objectOf([...entries, [hostileKey(rng), hostileValue(rng, Math.floor(budget / 2), 1)]]);
  if (roll === 6) return rng.pick([[sample], objectOf([['payload', sample]]), JSON.stringify(sample), entries.map(([, v]) => v)]);
  return objectOf(entries.map(([k, v]) => [k, wrongFor(rng, v, Math.floor(budget / Math.max(1, entries.length)))] as [string, unknown]));
}

// ---------------------------------------------------------------------------------------------------------------
// what the server sees

const clientPackr = new Packr(); // as colyseus.js packs (records on)

/** The payload as the room's validator receives it: colyseus.js sends `undefined` as no bytes at all. */
export function asReceived(payload: unknown): unknown {
  if (payload === undefined) return undefined;
  return unpack(clientPackr.pack(payload));
}

/**
 * The ROOM_DATA frame a correct client sends for `room.send(type, payload)`: code 13, the type as a msgpack
 * string (or number), then the msgpack payload (none for `undefined`). Built here rather than by colyseus.js,
 * whose own framing garbles some types (exactly 255 UTF-8 bytes, lone surrogates, long types with a payload
 * that makes its buffer grow): those are the raw-frame tests' business. Null when the payload cannot be packed.
 */
export function roomDataFrame(type: string | number, payload: unknown): Uint8Array | null {
  let body: Uint8Array = new Uint8Array(0);
  if (payload !== undefined) {
    try {
      body = clientPackr.pack(payload);
    } catch {
      return null;
    }
  }
  const head = typeof type === 'string' ? msgpackString(type) : msgpackNumber(type);
  const out = new Uint8Array(1 + head.length + body.length);
  out[0] = ROOM_DATA;
  out.set(head, 1);
  out.set(body, 1 + head.length);
  return out;
}

export const ROOM_DATA = 13;
export const ROOM_DATA_BYTES = 17;

/**
 * `s` as colyseus' type codec reads a string: msgpack's str headers, but str 16/32 lengths little-endian
 * (@colyseus/schema's byte order), and str 8 with its true length (colyseus.js writes `length % 255`).
 */
export function msgpackString(s: string): Uint8Array {
  const bytes = Buffer.from(s, 'utf8');
  const n = bytes.length;
  const head = n < 0x20 ? [0xa0 | n] : n < 0x100 ? [0xd9, n] : n < 0x10000 ? [0xda, n & 0xff, n >> 8] : [0xdb, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  return Uint8Array.from([...head, ...bytes]);
}

/** A number as colyseus' type codec reads it (little-endian, as @colyseus/schema writes numbers). */
export function msgpackNumber(n: number): Uint8Array {
  if (Number.isInteger(n) && n >= 0 && n < 0x80) return Uint8Array.of(n);
  if (Number.isInteger(n) && n < 0 && n >= -32) return Uint8Array.of(0x100 + n);
  const out = new Uint8Array(9);
  out[0] = 0xcb;
  new DataView(out.buffer).setFloat64(1, n, true);
  return out;
}

/** Bytes of `roomDataFrame(type, payload)`, or null when it cannot be built. */
export function frameBytes(type: string | number, payload: unknown): number | null {
  return roomDataFrame(type, payload)?.length ?? null;
}

/** The message types a room serves, each with its validator and a few valid payloads to mutate. */
export interface Protocol {
  schemas: Record<string, z.ZodType>;
  samples: Record<string, readonly unknown[]>;
}

export type HostileMessage =
  | { index: number; kind: 'invalid'; type: string; payload: unknown }
  | { index: number; kind: 'unknown-type'; type: string | number; payload: unknown };

/** Types that must be refused as unknown: near misses, prototype names, odd strings and numbers. */
function unknownType(rng: Rng, known: readonly string[]): string | number {
  const roll = rng.int(0, 9);
  const base = rng.pick(known);
  if (roll === 0) return rng.pick(PROTOTYPE_KEYS);
  if (roll === 1) return base.toUpperCase();
  if (roll === 2) return `${base} `;
  if (roll === 3) return `${base}\u0000`;
  if (roll === 4) return rng.pick([0, 1, 13, 255, -1, 65_536, 2 ** 32, 1.5]);
  if (roll === 5) return 'x'.repeat(rng.int(32, 600));
  if (roll === 6) return rng.pick(['error', 'welcome', 'chat:mutes', 'ROOM_DATA', 'upgrade', 'fleet:', ':', 'upgrade:start:now', 'combat:override', 'chat:delete', 'admin']);
  // a lone surrogate has no UTF-8 form (it would go out as U+FFFD); raw-frame tests send the broken bytes
  return wellFormed(randomString(rng, rng.int(1, 40)));
}

/** `s` with every lone surrogate replaced by U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Types the storm leaves to dedicated tests: they name Colyseus' own handlers. */
export const SPECIAL_TYPES: readonly string[] = ['*', '__no_message_handler'];

/** Type strings whose echo in `request` survives the trip (the schema string codec mangles some others). */
export function echoable(type: string | number): boolean {
  return typeof type === 'string' ? /^[\x21-\x7e]{1,31}$/.test(type) && type !== '*' : Number.isInteger(type) && type >= 0 && type < 0x80;
}

/**
 * Hostile message number `index` for a room: mostly near misses and wrong types for each registered type,
 * then random values of any kind, then unknown types. Only ones the validator really refuses (as the server
 * will receive them) and that fit in a frame are returned; a valid one is drawn again.
 */
export function hostileMessage(seed: number, index: number, protocol: Protocol): HostileMessage {
  const rng = caseRng(seed, index);
  const known = Object.keys(protocol.schemas);
  // a sequential sweep first, so every type gets its share even in a short run
  for (let attempt = 0; attempt < 50; attempt++) {
    const roll = rng.float();
    const budget = rng.chance(0.1) ? MAX_MESSAGE_BYTES - 64 : rng.int(16, 512);
    if (roll < 0.8) {
      const type = known[(index + attempt) % known.length]!;
      const samples = protocol.samples[type] ?? [undefined];
      const payload = roll < 0.55 ? mutate(rng, rng.pick(samples), budget) : hostileValue(rng, budget);
      const size = frameBytes(type, payload);
      if (size === null || size > MAX_MESSAGE_BYTES) continue;
      if (protocol.schemas[type]!.safeParse(asReceived(payload)).success) continue;
      return { index, kind: 'invalid', type, payload };
    }
    const type = unknownType(rng, known);
    if (typeof type === 'string' && (known.includes(type) || SPECIAL_TYPES.includes(type))) continue;
    const payload = rng.chance(0.5) ? rng.pick(Object.values(protocol.samples).flat()) : hostileValue(rng, budget);
    const size = frameBytes(type, payload);
    if (size === null || size > MAX_MESSAGE_BYTES) continue;
    return { index, kind: 'unknown-type', type, payload };
  }
  throw new Error(`case ${index} of seed ${seed}: no hostile message in 50 draws`);
}

/** A readable rendering of any generated value (NaN, bigints, binary, long strings, `__proto__` keys). */
export function describe(value: unknown, depth = 0): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return value.length > 80 ? `${JSON.stringify(value.slice(0, 40))}…(${value.length} chars)` : JSON.stringify(value);
  if (value instanceof Uint8Array) return `<${value.length} bytes ${Buffer.from(value.subarray(0, 16)).toString('hex')}${value.length > 16 ? '…' : ''}>`;
  if (value instanceof Date) return `Date(${value.getTime()})`;
  if (value === null || typeof value !== 'object') return String(value);
  if (depth > 6) return '…';
  if (Array.isArray(value)) return value.length > 12 ? `[${value.slice(0, 6).map((v) => describe(v, depth + 1)).join(', ')}, …(${value.length} items)]` : `[${value.map((v) => describe(v, depth + 1)).join(', ')}]`;
  const entries = Object.entries(value);
  return `{${entries.slice(0, 12).map(([k, v]) => `${JSON.stringify(k)}: ${describe(v, depth + 1)}`).join(', ')}${entries.length > 12 ? ', …' : ''}}`;
}

// ---------------------------------------------------------------------------------------------------------------
// raw frames

/** How a raw case reaches the server: a binary WebSocket message, a text one, or bytes under the framing. */
export type RawCarrier = 'binary' | 'text' | 'tcp';

export interface RawFrame {
  index: number;
  kind: string;
  carrier: RawCarrier;
  bytes: Uint8Array;
}

const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

/** msgpack that lies about its own size, nests absurdly deep, or uses extensions wrongly. */
function msgpackBomb(rng: Rng): number[] {
  switch (rng.int(0, 13)) {
    case 0:
      return [0xdd, ...u32be(0xffffffff)]; // array32 of 4 billion, no items
    case 1:
      return [0xdf, ...u32be(0xffffffff), 0xa1, 0x61]; // map32 of 4 billion
    case 2:
      return [0xdb, ...u32be(0xfffffff0), 0x61]; // str32 of 4 GB
    case 3:
      return [0xc6, ...u32be(0x7fffffff)]; // bin32 of 2 GB
    case 4:
      return [0xc9, ...u32be(0x7fffffff), 0x01]; // ext32 of 2 GB
    case 5:
      return Array.from({ length: rng.int(100, 4000) }, () => 0x91).concat([0x01]); // arrays 4000 deep
    case 6:
      return Array.from({ length: rng.int(100, 1300) }, () => [0x81, 0xa1, 0x61]).flat().concat([0xc0]); // maps 1300 deep
    case 7:
      return [0xd6, 0xff, ...Array.from(rng.bytes(4))]; // timestamp 32
    case 8:
      return [0xc7, 12, 0xff, 0xff, 0xff, 0xff, 0xff, ...Array.from(rng.bytes(8))]; // timestamp 96, nanoseconds > 1e9
    case 9:
      return [0xd4, 0x72, rng.int(0, 255), ...Array.from(rng.bytes(rng.int(0, 20)))]; // a msgpackr record definition, broken
    case 10:
      return [rng.int(0x40, 0x7f), ...Array.from(rng.bytes(rng.int(0, 20)))]; // a record reference to no definition
    case 11:
      return [0xd4, 0x72, 0x40, 0x92, 0xa9, ...Buffer.from('__proto__'), 0xab, ...Buffer.from('constructor'), 0x40, 0x81, 0x01]; // record keys that reach the prototype
    case 12:
      return [rng.pick([0xd4, 0xd5, 0xd6, 0xd7, 0xd8]), rng.int(0, 255), ...Array.from(rng.bytes(rng.int(0, 16)))]; // fixext of any type
    default:
      return [0xc1, ...Array.from(rng.bytes(rng.int(0, 8)))]; // the one byte msgpack never uses
  }
}

/** A message type header that lies: lengths past the end, broken UTF-8, numbers of every width, truncated. */
function badTypeHeader(rng: Rng): number[] {
  switch (rng.int(0, 9)) {
    case 0:
      return [0xd9, 0xff, 0x61];
    case 1:
      return [0xda, 0xff, 0xff, 0x61];
    case 2:
      return [0xdb, 0xff, 0xff, 0xff, 0xff, 0x61];
    case 3:
      return [0xa5, 0xed, 0xa0, 0x80, 0xff, 0xfe]; // a lone surrogate and bytes that are no UTF-8
    case 4:
      return [0xd9, 0x00]; // 255-byte types as colyseus.js frames them: length 0
    case 5:
      return [0xcb, ...Array.from(rng.bytes(rng.int(0, 7)))]; // a truncated float64
    case 6:
      return [rng.pick([0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3, 0xca]), ...Array.from(rng.bytes(rng.int(0, 8)))];
    case 7:
      return [0xa0]; // the empty string, which colyseus reads as a number
    case 8:
      return [rng.int(0xc0, 0xff)];
    default:
      return [];
  }
}

/**
 * Raw case number `index`: random bytes, every protocol code, ROOM_DATA with lying type headers, truncated or
 * garbage msgpack, msgpack bombs, ROOM_DATA_BYTES, text frames and bytes under the WebSocket framing. All fit in
 * MAX_MESSAGE_BYTES (the oversized ones have their own test).
 */
export function rawFrame(seed: number, index: number, protocol: Protocol): RawFrame {
  const rng = caseRng(seed ^ 0x5a5a5a5a, index);
  const type = rng.pick(Object.keys(protocol.schemas));
  const typeHead = Array.from(msgpackString(type));
  const finish = (kind: string, bytes: number[] | Uint8Array, carrier: RawCarrier = 'binary'): RawFrame => {
    const out = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
    return { index, kind, carrier, bytes: out.length > MAX_MESSAGE_BYTES ? out.subarray(0, MAX_MESSAGE_BYTES) : out };
  };
  const roll = rng.int(0, 19);
  if (roll <= 2) return finish('random bytes', rng.bytes(rng.size(MAX_MESSAGE_BYTES)));
  if (roll === 3) return finish('every protocol code', [rng.int(0, 255), ...Array.from(rng.bytes(rng.size(64)))]);
  if (roll === 4) return finish('join/leave/state codes', [rng.pick([10, 11, 12, 14, 15, 16, 18]), ...Array.from(rng.bytes(rng.size(32)))]);
  if (roll <= 6) return finish('ROOM_DATA, garbage payload', [ROOM_DATA, ...typeHead, ...Array.from(rng.bytes(rng.size(512)))]);
  if (roll <= 8) {
    const whole = roomDataFrame(type, hostileValue(rng, 512)) ?? Uint8Array.of(ROOM_DATA);
    return finish('ROOM_DATA, truncated', whole.subarray(0, rng.int(1, Math.max(1, whole.length - 1))));
  }
  if (roll <= 10) return finish('ROOM_DATA, lying type header', [ROOM_DATA, ...badTypeHeader(rng), ...Array.from(rng.bytes(rng.size(64)))]);
  if (roll <= 13) return finish('ROOM_DATA, msgpack bomb', [ROOM_DATA, ...typeHead, ...msgpackBomb(rng)]);
  if (roll === 14) return finish('ROOM_DATA, valid payload then garbage', [...(roomDataFrame(type, protocol.samples[type]?.[0] ?? null) ?? []), ...Array.from(rng.bytes(rng.int(1, 64)))]);
  if (roll <= 16) {
    const head = rng.chance(0.7) ? typeHead : badTypeHeader(rng);
    return finish('ROOM_DATA_BYTES', [ROOM_DATA_BYTES, ...head, ...Array.from(rng.bytes(rng.size(256)))]);
  }
  if (roll === 17) {
    const text = rng.chance(0.5) ? (JSON.stringify({ type, payload: hostileValue(rng, 256, 1) }, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? 'null') : randomString(rng, rng.size(512));
    return finish('text frame', Buffer.from(text, 'utf8'), 'text');
  }
  // bytes under the WebSocket framing: unmasked frames, reserved opcodes, lengths of 2^63, plain garbage
  const tcp = rng.pick([
    () => Array.from(rng.bytes(rng.int(1, 64))),
    () => [0x82, 0x05, ...Array.from(rng.bytes(5))], // an unmasked binary frame (clients must mask)
    () => [0x80 | rng.int(3, 7), 0x80, 0, 0, 0, 0], // a reserved opcode
    () => [0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0], // 2^63 - 1 bytes coming
    () => [0xf2, 0x81, 0, 0, 0, 0, 0x0d], // RSV bits set
    () => [0x89, 0xfe, 0x01, 0x00, 0, 0, 0, 0], // a ping longer than 125 bytes
    () => [0x02, 0x81, 0, 0, 0, 0, 0x0d], // a continuation with nothing to continue
  ]);
  return finish('under the WebSocket framing', tcp(), 'tcp');
}
