import { caseRng, describe as show, hostileString, hostileValue, mutate, objectOf, randomString, wellFormed, type Rng } from '../../../server/test/faults/fuzz';

/**
 * Hostile HTTP requests for the /api routes, derived from (seed, case index) like the rooms' cases: wrong
 * methods, malformed and oversized bodies, wrong content types, broken UTF-8, missing and wrong-typed fields,
 * odd cookies and query strings. Which of them a route must refuse is the test's business.
 */

export const HOST = 'play.example';
export const SESSION_COOKIE = 'starscape_session';

export type BodyKind = 'none' | 'empty' | 'json value' | 'json object' | 'near-miss fields' | 'malformed json' | 'bad utf-8' | 'oversized' | 'lying length';

export interface HostileBody {
  kind: BodyKind;
  bytes: Uint8Array | null;
  contentType: string | null;
  /** an explicit Content-Length header, when the case sets one (it may lie) */
  contentLength: string | null;
  /** whether the body, read as the JSON routes read it, is a JSON object (so it could pass to the fields) */
  isJsonObject: boolean;
}

const enc = new TextEncoder();

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', ' application/json ;x=1'];
const OTHER_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json', 'application/jsonx', 'application/javascript', '', 'application/json; charset=utf-16', '*/*'];

const MALFORMED_JSON = [
  '{',
  '{"email":',
  '{"email":"a@b.c",}',
  "{'email':'a@b.c'}",
  '{"email": NaN}',
  '{"email": Infinity}',
  '{"a":1}{"b":2}',
  '{"a":1} trailing',
  '/* comment */ {}',
  '\ufeff{"email":"a@b.c"}', // a byte order mark
  '{"a":"\\ud800"}',
  '{"a":"\\x41"}',
  '{"a":01}',
  '{"a":.5}',
  'undefined',
  '[',
  '"unterminated',
  '{"a":1,"a":2,"__proto__":{"polluted":true}}', // well-formed: duplicate keys and a prototype key
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
];

/** A JSON value that is not an object: arrays, strings, numbers, null, deep nesting. */
function jsonNonObject(rng: Rng): string {
  const roll = rng.int(0, 5);
  if (roll === 0) return '['.repeat(rng.int(1, 4000)) + ']'.repeat(0);
  if (roll === 1) return `${'['.repeat(2000)}${']'.repeat(2000)}`;
  if (roll === 2) return rng.pick(['null', 'true', '0', '-1e999', '"text"', '[]', '[{}]', '""']);
  return JSON.stringify([hostileValue(rng, 512, 1)], replacer) ?? 'null';
}

/** JSON.stringify that survives bigints and keeps `__proto__` as a key. */
export function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Array.from(value.subarray(0, 32));
  return value;
}

/** A body of the fields a route reads, each of them a near miss: wrong types, huge, missing, prototype keys. */
export function nearMissFields(rng: Rng, valid: Record<string, unknown>): Record<string, unknown> {
  const roll = rng.int(0, 4);
  if (roll === 0) return objectOf(Object.entries(valid).filter(() => rng.chance(0.5)));
  if (roll === 1) return objectOf(Object.entries(valid).map(([k, v]) => [k, rng.chance(0.5) ? hostileValue(rng, 256, 1) : v] as [string, unknown]));
  if (roll === 2) return objectOf([...Object.entries(valid), ['__proto__', objectOf([['email', 'x@y.z'], ['polluted', true]])], ['constructor', { prototype: { polluted: true } }]]);
  if (roll === 3) return objectOf(Object.entries(valid).map(([k, v]) => [k, rng.chance(0.5) ? hostileString(rng, 4000) : v] as [string, unknown]));
  return (mutate(rng, valid, 1024) ?? {}) as Record<string, unknown>;
}

/** A hostile request body for a route whose valid body looks like `valid` (null: the route reads no body). */
export function hostileBody(rng: Rng, valid: Record<string, unknown> | null, maxBytes: number): HostileBody {
  const type = () => (rng.chance(0.75) ? rng.pick(JSON_TYPES) : rng.pick(OTHER_TYPES));
  const body = (kind: BodyKind, text: string | Uint8Array | null, contentType: string | null = type(), contentLength: string | null = null): HostileBody => {
    const bytes = text === null ? null : typeof text === 'string' ? enc.encode(text) : text;
    let isJsonObject = false;
    if (bytes) {
      try {
        const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
        isJsonObject = typeof value === 'object' && value !== null && !Array.isArray(value);
      } catch {
        isJsonObject = false;
      }
    }
    return { kind, bytes, contentType, contentLength, isJsonObject };
  };
  const roll = rng.int(0, 15);
  if (roll === 0) return body('none', null, rng.chance(0.5) ? type() : null);
  if (roll === 1) return body('empty', '');
  if (roll <= 3) return body('json value', jsonNonObject(rng));
  if (roll <= 5) return body('json object', JSON.stringify(hostileValue(rng, 1024, 1) ?? {}, replacer) ?? '{}');
  if (roll <= 8 && valid) return body('near-miss fields', JSON.stringify(nearMissFields(rng, valid), replacer));
  if (roll <= 10) return body('malformed json', rng.chance(0.8) ? rng.pick(MALFORMED_JSON) : randomString(rng, rng.size(300)));
  if (roll === 11) return body('bad utf-8', Uint8Array.from([...enc.encode('{"email":"'), ...rng.pick([[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]]), ...enc.encode('"}')]));
  if (roll <= 13) {
    // over the cap: just over, or a megabyte; with the length declared, or not, as a JSON object
    const size = rng.chance(0.5) ? maxBytes + rng.int(1, 64) : 1024 * 1024;
    const text = `{"email":"${'a'.repeat(Math.max(0, size - 13))}"}`;
    return body('oversized', text, type(), rng.chance(0.5) ? String(enc.encode(text).length) : null);
  }
  if (roll === 14) {
    // a declared length that lies: small for a big body, huge for a small one, or no number at all
    const big = rng.chance(0.5);
    const text = big ? `{"email":"${'a'.repeat(maxBytes * 4)}"}` : '{}';
    return body('lying length', text, type(), big ? rng.pick(['2', '0', '-1', 'abc']) : rng.pick([String(2 ** 53), '1e9', String(maxBytes + 1)]));
  }
  return body('json object', JSON.stringify(objectOf([['__proto__', { polluted: true }], ['constructor', { prototype: { polluted: true } }]])));
}

/** A cookie header: none, a well-formed unknown token, garbage, huge, many cookies, duplicates. */
export function hostileCookie(rng: Rng): string | null {
  const roll = rng.int(0, 7);
  if (roll <= 1) return null;
  if (roll === 2) return `${SESSION_COOKIE}=${'A'.repeat(43)}`; // well-formed, no such session
  if (roll === 3) return `${SESSION_COOKIE}=${encodeURIComponent(wellFormed(randomString(rng, rng.size(100))))}`;
  if (roll === 4) return `${SESSION_COOKIE}=${'x'.repeat(rng.int(44, 8000))}`;
  if (roll === 5) return `${SESSION_COOKIE}=' OR 1=1 --; ${SESSION_COOKIE}=${'B'.repeat(43)}`;
  if (roll === 6) return Array.from({ length: rng.int(1, 60) }, (_, i) => `c${i}=${i}`).join('; ');
  return `${SESSION_COOKIE}=${rng.pick(['', ';', '=', '%', '%zz', '%00', '\u00ff\u00fe', 'undefined', 'null'])}`;
}

/** A `limit` query value of every kind (null: the parameter is absent; several: repeated); well-formed UTF-16, to be URL-encoded. */
export function hostileLimit(rng: Rng): string[] | null {
  const roll = rng.int(0, 6);
  if (roll === 0) return null;
  if (roll === 1) return [String(rng.int(-5, 40))];
  if (roll === 2) return [rng.pick(['0', '-0', '1.5', '1e3', '0x10', ' 5', '5 ', '+5', '٣', '9999999', '31', '30', '1', '', 'NaN', 'Infinity', '[]', '{}', '__proto__'])];
  if (roll === 3) return [wellFormed(randomString(rng, rng.size(50)))];
  if (roll === 4) return ['1', '2'];
  if (roll === 5) return ['9'.repeat(rng.int(7, 400))];
  return [wellFormed(hostileString(rng, 200))];
}

export { caseRng, show };
