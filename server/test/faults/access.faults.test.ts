import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { matchMaker } from '@colyseus/core';
import { SignJWT, UnsecuredJWT, exportSPKI, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GAME_TOKEN_ALG, GAME_TOKEN_AUDIENCE, GAME_TOKEN_ISSUER, GAME_TOKEN_TTL_SECONDS, combatOrderSchema, parseErrorCode, RESOURCES, SHIPS, STOCK_FIELDS } from '@starscape/shared';
import { z } from 'zod';
import { createGameTokenVerifier } from '../../src/auth/GameTokenVerifier';
import { createHttpApp } from '../../src/http/createHttpApp';
import { createLogger } from '../../src/logger';
import { ProcessMetrics } from '../../src/http/metrics';
import { sleep } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { seat, until, type Seat } from './harness';
import { combatScene, galaxyScene, townScene } from './scenes';

/**
 * Tokens and access (issue 6, part 3): every kind of bad game token is refused at every room type and changes
 * nothing; a visitor cannot command a town; a commander cannot order the other side; the monitor and /metrics
 * refuse requests without credentials. Real server, real colyseus.js clients.
 */

// The test server keeps its signing key to itself; the keys jose generates in this file are recorded so the
// tests can sign tokens the server's own key signed (expired, not yet valid, too long-lived...).
const generated = vi.hoisted(() => [] as Array<{ publicKey: CryptoKey; privateKey: CryptoKey }>);
vi.mock('jose', async (importOriginal) => {
  const jose = await importOriginal<typeof import('jose')>();
  return {
    ...jose,
    generateKeyPair: async (...args: Parameters<typeof jose.generateKeyPair>) => {
      const pair = await jose.generateKeyPair(...args);
      generated.push(pair);
      return pair;
    },
  };
});

let t: TestServer;
let serverKey: CryptoKey;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: 1, autosaveMs: 100, combat: { patchMs: 100 } });
  for (const pair of generated) {
    if ((await exportSPKI(pair.publicKey).catch(() => '')) === t.tokens.publicKeyPem) serverKey = pair.privateKey;
  }
  if (!serverKey) throw new Error('the test server’s signing key was not found');
});
afterAll(async () => {
  await t?.server.shutdown();
});

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

interface Claims {
  sub?: string;
  name?: string;
  iss?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  nbf?: number;
}

/** A token with exactly these claims, signed by `key` (the server's by default). */
async function signed(claims: Claims, key: CryptoKey = serverKey, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ ...claims } as Record<string, unknown>).setProtectedHeader({ alg: GAME_TOKEN_ALG, typ: 'JWT', ...header }).sign(key);
}

/** A compact JWS built by hand (any header at all), Ed25519-signed by `key`: for headers jose refuses to sign. */
async function handSigned(header: Record<string, unknown>, claims: Claims, key: CryptoKey = serverKey): Promise<string> {
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = await crypto.subtle.sign('Ed25519', key, new TextEncoder().encode(input));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

/** A token the web app would mint for `userId` now, with `overrides` applied (undefined removes a claim). */
function claimsFor(userId: string, overrides: Partial<Record<keyof Claims, unknown>> = {}): Claims {
  const now = nowSeconds();
  const base: Record<string, unknown> = { sub: userId, name: `Pilot ${userId}`, iss: GAME_TOKEN_ISSUER, aud: GAME_TOKEN_AUDIENCE, iat: now, exp: now + GAME_TOKEN_TTL_SECONDS };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base as Claims;
}

interface BadToken {
  name: string;
  /** the token (undefined: none is sent) */
  make: (userId: string) => Promise<string | undefined>;
  code: string;
}

/** Every bad token, each for the user it names (whose join would succeed with a good token). */
const BAD_TOKENS: BadToken[] = [
  { name: 'no token', make: async () => undefined, code: 'auth/missing-token' },
  { name: 'an empty token', make: async () => '', code: 'auth/missing-token' },
  { name: 'expired (a minute ago)', make: (u) => signed(claimsFor(u, { iat: nowSeconds() - 120, exp: nowSeconds() - 60 })), code: 'auth/expired-token' },
  { name: 'expired a second before the 5-s tolerance ran out', make: (u) => signed(claimsFor(u, { iat: nowSeconds() - 200, exp: nowSeconds() - 7 })), code: 'auth/expired-token' },
  { name: 'not yet valid (nbf in a minute)', make: (u) => signed(claimsFor(u, { nbf: nowSeconds() + 60 })), code: 'auth/invalid-token' },
  { name: 'issued in the future (iat in a minute)', make: (u) => signed(claimsFor(u, { iat: nowSeconds() + 60, exp: nowSeconds() + 60 + GAME_TOKEN_TTL_SECONDS })), code: 'auth/invalid-token' },
  { name: 'issued longer ago than a token lives, exp still ahead', make: (u) => signed(claimsFor(u, { iat: nowSeconds() - GAME_TOKEN_TTL_SECONDS - 60, exp: nowSeconds() + 60 })), code: 'auth/expired-token' },
  { name: 'a lifetime of a year', make: (u) => signed(claimsFor(u, { exp: nowSeconds() + 365 * 86_400 })), code: 'auth/invalid-token' },
  { name: 'no exp', make: (u) => signed(claimsFor(u, { exp: undefined })), code: 'auth/invalid-token' },
  { name: 'no iat', make: (u) => signed(claimsFor(u, { iat: undefined })), code: 'auth/invalid-token' },
  { name: 'no sub', make: (u) => signed(claimsFor(u, { sub: undefined })), code: 'auth/invalid-token' },
  { name: 'wrong audience', make: (u) => signed(claimsFor(u, { aud: 'starscape:web' })), code: 'auth/wrong-audience' },
  { name: 'no audience', make: (u) => signed(claimsFor(u, { aud: undefined })), code: 'auth/wrong-audience' },
  { name: 'wrong issuer', make: (u) => signed(claimsFor(u, { iss: 'starscape:evil' })), code: 'auth/wrong-audience' },
  { name: 'no issuer', make: (u) => signed(claimsFor(u, { iss: undefined })), code: 'auth/wrong-audience' },
  { name: 'alg none (unsigned, jose-built)', make: async (u) => new UnsecuredJWT({ ...claimsFor(u) } as Record<string, unknown>).encode(), code: 'auth/invalid-token' },
  { name: 'alg none (hand-built, empty signature)', make: async (u) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsFor(u))}.`, code: 'auth/invalid-token' },
  { name: 'alg "None" with a copied signature', make: async (u) => `${b64({ alg: 'None' })}.${b64(claimsFor(u))}.${(await signed(claimsFor(u))).split('.')[2]}`, code: 'auth/invalid-token' },
  { name: 'no alg at all', make: async (u) => `${b64({ typ: 'JWT' })}.${b64(claimsFor(u))}.${(await signed(claimsFor(u))).split('.')[2]}`, code: 'auth/invalid-token' },
  {
    name: 'HS256 with the public key as the secret (algorithm confusion)',
    make: async (u) => new SignJWT({ ...claimsFor(u) } as Record<string, unknown>).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(t.tokens.publicKeyPem)),
    code: 'auth/invalid-token',
  },
  { name: 're-signed with another Ed25519 key', make: (u) => signed(claimsFor(u), t.tokens.otherKey), code: 'auth/invalid-token' },
  {
    name: 'signed for someone else, payload swapped for this user (signature kept)',
    make: async (u) => {
      const [header, , signature] = (await signed(claimsFor(`${u}-other`))).split('.');
      return `${header}.${b64(claimsFor(u))}.${signature}`;
    },
    code: 'auth/invalid-token',
  },
  { name: 'a valid token with its signature cut', make: async (u) => (await signed(claimsFor(u))).split('.').slice(0, 2).join('.'), code: 'auth/invalid-token' },
  { name: 'a valid token with a flipped signature bit', make: async (u) => flipLastSignatureChar(await signed(claimsFor(u))), code: 'auth/invalid-token' },
  { name: 'an embedded jwk header (key of the sender’s choosing)', make: async (u) => signed(claimsFor(u), t.tokens.otherKey, { jwk: { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) } }), code: 'auth/invalid-token' },
  { name: 'an unknown critical header', make: (u) => handSigned({ alg: GAME_TOKEN_ALG, crit: ['x-starscape'], 'x-starscape': true }, claimsFor(u)), code: 'auth/invalid-token' },
  { name: 'sub is a number', make: (u) => signed({ ...claimsFor(u), sub: 42 as unknown as string }), code: 'auth/invalid-token' },
  { name: 'name longer than a display name', make: (u) => signed({ ...claimsFor(u), name: 'x'.repeat(65) }), code: 'auth/invalid-token' },
  { name: 'garbage: not.a.token', make: async () => 'not.a.token', code: 'auth/invalid-token' },
  { name: 'garbage: one word', make: async () => 'Bearer', code: 'auth/invalid-token' },
  { name: 'garbage: dots only', make: async () => '...', code: 'auth/invalid-token' },
  { name: 'garbage: JSON instead of a JWT', make: async (u) => JSON.stringify(claimsFor(u)), code: 'auth/invalid-token' },
  // (control characters cannot be sent at all: the token travels in an Authorization header)
  { name: 'garbage: SQL and Latin-1 bytes', make: async () => "' OR 1=1 --; DROP TABLE User; \u00ff\u00fe", code: 'auth/invalid-token' },
  { name: 'garbage: 5,000 characters', make: async () => 'e'.repeat(5000), code: 'auth/invalid-token' },
  { name: 'garbage: a valid token twice', make: async (u) => `${await signed(claimsFor(u))}${await signed(claimsFor(u))}`, code: 'auth/invalid-token' },
];

function flipLastSignatureChar(token: string): string {
  const [h, p, s] = token.split('.');
  const sig = Buffer.from(s!, 'base64url');
  sig[0] = sig[0]! ^ 1;
  return `${h}.${p}.${sig.toString('base64url')}`;
}

/** Joins with `token` and returns the refusal's error code; fails the test if the join was accepted. */
async function refused(token: string | undefined, join: (client: Awaited<ReturnType<TestServer['clientFor']>>) => Promise<{ leave(): Promise<unknown> }>): Promise<string | null> {
  const client = await t.clientFor('nobody', { raw: token });
  try {
    const room = await join(client);
    await room.leave().catch(() => undefined);
  } catch (error) {
    return parseErrorCode(String((error as Error).message));
  }
  return 'ACCEPTED';
}

const clientsIn = (roomId: string) => matchMaker.getLocalRoomById(roomId)?.clients.length ?? 0;

describe('bad game tokens are refused by every room type, and change nothing', () => {
  it('control: the tokens this file builds are accepted when nothing is wrong with them', async () => {
    const verifier = await createGameTokenVerifier(t.tokens.publicKeyPem);
    for (const token of [await signed(claimsFor('ada')), await handSigned({ alg: GAME_TOKEN_ALG }, claimsFor('ada')), await t.tokens.sign('ada')]) {
      expect(await verifier.verify(token)).toEqual({ ok: true, value: { userId: 'ada', name: 'Pilot ada' } });
    }
  });

  it(`town: ${BAD_TOKENS.length} bad tokens and a deleted account, against a live town and against one with no room`, async () => {
    const scene = await townScene(t, 'tokens');
    const idle = await t.createPlayer('idle-owner-tokens');
    const storedIdle = await t.towns.load(idle.townId);
    try {
      await scene.settle();
      const before = await scene.snapshot();
      const roomId = scene.fuzzed.room.roomId; // the town's host
      const clients = clientsIn(roomId);
      const bystanderMessages = scene.bystander.seen.messages.length;
      const codes: Record<string, string | null> = {};
      for (const bad of BAD_TOKENS) {
        codes[`live: ${bad.name}`] = await refused(await bad.make(scene.ownerId), (c) => c.joinOrCreate('town', { townId: scene.townId }));
        codes[`idle: ${bad.name}`] = await refused(await bad.make(idle.userId), (c) => c.joinOrCreate('town', { townId: idle.townId }));
      }
      const ghost = await t.createPlayer('ghost-town');
      const ghostToken = await signed(claimsFor(ghost.userId));
      t.users.delete(ghost.userId);
      codes['live: a deleted account'] = await refused(ghostToken, (c) => c.joinOrCreate('town', { townId: scene.townId }));
      codes['own town: a deleted account'] = await refused(ghostToken, (c) => c.joinOrCreate('town', { townId: ghost.townId }));
      expect(codes).toEqual({
        ...Object.fromEntries(BAD_TOKENS.flatMap((bad) => [[`live: ${bad.name}`, bad.code], [`idle: ${bad.name}`, bad.code]])),
        'live: a deleted account': 'auth/unknown-user',
        'own town: a deleted account': 'auth/unknown-user',
      });
      // the idle town and the deleted player's were not opened, nothing was loaded or saved
      expect(t.server.towns.isLive(idle.townId)).toBe(false);
      expect(t.server.towns.isLive(ghost.townId)).toBe(false);
      expect(await t.towns.load(idle.townId)).toEqual(storedIdle);
      await scene.settle();
      expect(clientsIn(roomId)).toBe(clients);
      expect(await scene.snapshot()).toEqual(before);
      expect(scene.bystander.seen.messages.slice(bystanderMessages)).toEqual([]);
      expect(scene.bystander.closedWith).toBeNull();
      // and the good token still works
      await scene.proveServing();
    } finally {
      await scene.close();
    }
  });

  it(`combat: ${BAD_TOKENS.length} bad tokens naming the defender, and a deleted account: no seat, no order, nobody notices`, async () => {
    const scene = await combatScene(t, 'tokens');
    const keeper = 'keeper-tokens';
    try {
      await scene.settle();
      const before = await scene.snapshot();
      const clients = clientsIn(scene.battleId);
      const bystanderMessages = scene.bystander.seen.messages.length;
      const codes: Record<string, string | null> = {};
      for (const bad of BAD_TOKENS) codes[bad.name] = await refused(await bad.make(keeper), (c) => c.joinById(scene.battleId));
      const ghost = await t.createPlayer('ghost-combat');
      const ghostToken = await signed(claimsFor(ghost.userId));
      t.users.delete(ghost.userId);
      codes['a deleted account'] = await refused(ghostToken, (c) => c.joinById(scene.battleId));
      expect(codes).toEqual({ ...Object.fromEntries(BAD_TOKENS.map((bad) => [bad.name, bad.code])), 'a deleted account': 'auth/unknown-user' });
      await scene.settle();
      expect(clientsIn(scene.battleId)).toBe(clients);
      expect(await scene.snapshot()).toEqual(before);
      expect(scene.bystander.seen.messages.slice(bystanderMessages)).toEqual([]);
      await scene.proveServing();
    } finally {
      await scene.close();
    }
  });

  it(`galaxy: ${BAD_TOKENS.length} bad tokens and a deleted account: no seat, never shown online, no room opened`, async () => {
    const scene = await galaxyScene(t, 'tokens');
    const lurker = await t.createPlayer('lurker-tokens');
    const lurkerSector = (await t.towns.load(lurker.townId))!.sector!;
    // a deleted account's starbase stays on the map (as an unknown commander's) until it is gone
    const ghost = await t.createPlayer('ghost-galaxy');
    const ghostToken = await signed(claimsFor(ghost.userId));
    t.users.delete(ghost.userId);
    const ghostSector = (await t.towns.load(ghost.townId))!.sector!;
    try {
      await until(() => scene.bystander.room.state.towns.has(lurker.townId) || lurkerSector !== scene.sector, 'the lurker’s starbase on the map');
      await until(() => scene.bystander.room.state.towns.get(ghost.townId)?.ownerName === 'Unknown commander' || ghostSector !== scene.sector, 'the deleted player’s starbase on the map');
      await scene.settle();
      const before = await scene.snapshot();
      const roomId = scene.bystander.room.roomId;
      const clients = clientsIn(roomId);
      const empty = 999_000; // a sector nobody looks at: a refused join must not open its room
      const codes: Record<string, string | null> = {};
      for (const bad of BAD_TOKENS) {
        codes[`sector: ${bad.name}`] = await refused(await bad.make(lurker.userId), (c) => c.joinOrCreate('galaxy', { sector: scene.sector }));
        codes[`empty: ${bad.name}`] = await refused(await bad.make(lurker.userId), (c) => c.joinOrCreate('galaxy', { sector: empty }));
      }
      codes['sector: a deleted account'] = await refused(ghostToken, (c) => c.joinOrCreate('galaxy', { sector: scene.sector }));
      expect(codes).toEqual({
        ...Object.fromEntries(BAD_TOKENS.flatMap((bad) => [[`sector: ${bad.name}`, bad.code], [`empty: ${bad.name}`, bad.code]])),
        'sector: a deleted account': 'auth/unknown-user',
      });
      expect(await matchMaker.query({ name: 'galaxy', sector: empty })).toEqual([]);
      await scene.settle();
      expect(clientsIn(roomId)).toBe(clients);
      expect(scene.bystander.room.state.towns.get(lurker.townId)?.online ?? false).toBe(false);
      expect(scene.bystander.room.state.towns.get(ghost.townId)?.online ?? false).toBe(false);
      expect(await scene.snapshot()).toEqual(before);
      await scene.proveServing();
    } finally {
      await scene.close();
    }
  });
});

describe('a player commands only what is theirs', () => {
  it('a visitor’s every town command is refused (auth/not-owner) and changes nothing; the owner hears nothing of it', async () => {
    const scene = await townScene(t, 'visit');
    try {
      const visitor = scene.bystander;
      const owner = scene.fuzzed;
      await scene.settle();
      const before = await scene.snapshot();
      const ownerMessages = owner.seen.messages.length;
      const base = visitor.errors().length;
      const target = await t.createPlayer('visit-target');
      // every command type of the town protocol, well-formed, each payload the owner could send successfully
      const commands = [
        ['upgrade:start', { building: 'metalMine' }],
        ['upgrade:start', { building: 'solarPlant' }],
        ['upgrade:cancel', undefined],
        ['upgrade:cancel', {}],
        ['shipyard:order', { ship: 'scout', count: 1 }],
        ['shipyard:cancel', { orderId: 1 }],
        ['fleet:dispatch', { missionId: 'mission-1', ships: { fighter: 1 } }],
        ['fleet:raid', { targetTownId: target.townId, ships: { fighter: 1 } }],
      ] as const;
      for (const [type, payload] of commands) visitor.room.send(type, payload);
      await until(() => visitor.errors().length >= base + commands.length, 'the visitor’s refusals');
      await sleep(200);
      expect(visitor.errors().slice(base)).toEqual(commands.map(([type]) => ({ code: 'auth/not-owner', message: expect.any(String), request: type })));
      await scene.settle();
      expect(await scene.snapshot()).toEqual(before);
      expect(owner.seen.messages.slice(ownerMessages)).toEqual([]);
      // the town protocol has no command type this list leaves out
      const { clientMessageSchemas } = await import('@starscape/shared');
      expect(new Set(commands.map(([type]) => type))).toEqual(new Set(Object.keys(clientMessageSchemas).filter((type) => type !== 'clock')));
    } finally {
      await scene.close();
    }
  });

  /**
   * A visitor gets the public starbase only (name, commander, founding, building levels, energy): never the
   * owner's stocks, docked ships, shipyard queue, upgrade, fleets, raids or missions (`TownState`'s own fields:
   * visitors are sent a `PublicTownState` instead), neither in the first state nor in any patch after it.
   */
  it('a visitor does not receive the hidden fields of another’s town (stocks, ships, shipyard, upgrade, fleets, raids)', async () => {
    const scene = await townScene(t, 'hidden');
    try {
      const owner = scene.fuzzed;
      const visitor = scene.bystander;
      const fields = (seat: typeof owner) => {
        const plain = seat.room.state.toJSON() as Record<string, unknown>;
        return Object.keys(plain).filter((k) => plain[k] !== undefined);
      };
      const hidden = [...RESOURCES.flatMap((r) => Object.values(STOCK_FIELDS[r])), ...SHIPS, 'upgrade', 'shipyard', 'fleets', 'defenses', 'missionsTaken'];
      const leaked = () => fields(visitor).filter((k) => hidden.includes(k));
      expect(leaked()).toEqual([]);

      // the owner starts an upgrade: the owner sees it, the visitor nothing of it
      owner.room.send('upgrade:start', { building: 'metalMine' });
      await owner.seen.stateWhere((s) => s.upgrade?.building === 'metalMine');
      await sleep(150);
      expect(owner.room.state.fighter).toBe(10);
      expect(fields(owner)).toEqual(expect.arrayContaining(['metalAmount', 'fighter', 'upgrade', 'shipyard']));
      expect(leaked()).toEqual([]);
      expect(owner.errors()).toEqual([]);
      // what a visitor does see
      expect(visitor.room.state.toJSON()).toMatchObject({ townId: scene.townId, ownerId: scene.ownerId, metalMineLevel: owner.room.state.metalMineLevel });
    } finally {
      await scene.close();
    }
  });

  it('in a battle, the attacker orders only the attacking side and the defender only the defending one', async () => {
    const scene = await combatScene(t, 'sides');
    const defenderSeat = seat(await t.watch('keeper-sides', scene.battleId));
    try {
      await defenderSeat.seen.stateWhere((s) => s.ships?.size === scene.initial.ships.length);
      const attacker = scene.fuzzed;
      const attackerShips = scene.initial.ships.filter((s) => s.side === 'attacker').map((s) => s.id);
      const defenderShips = scene.initial.ships.filter((s) => s.side === 'defender').map((s) => s.id);
      const record = async () => z.array(combatOrderSchema).parse((await t.battles.get(scene.battleId))!.orders);
      const before = await record();

      // each tries to take the other side's part: name a side, focus their own ships (what the other side's
      // focus would be), or smuggle fields the room stamps itself
      const attempts: Array<[Seat, unknown, string]> = [
        [attacker, { kind: 'retreat', side: 'defender' }, 'message/invalid'],
        [attacker, { kind: 'engage', side: 'defender' }, 'message/invalid'],
        [attacker, { kind: 'focus', targetId: attackerShips[0], side: 'defender' }, 'message/invalid'],
        [attacker, { kind: 'focus', targetId: attackerShips[0] }, 'combat/own-target'],
        [attacker, { kind: 'retreat', step: 0 }, 'message/invalid'],
        [defenderSeat, { kind: 'retreat', side: 'attacker' }, 'message/invalid'],
        [defenderSeat, { kind: 'focus', targetId: defenderShips[0], side: 'attacker' }, 'message/invalid'],
        [defenderSeat, { kind: 'focus', targetId: defenderShips[1] }, 'combat/own-target'],
        [defenderSeat, { kind: 'engage', side: 'attacker', step: 99 }, 'message/invalid'],
      ];
      const bases = new Map([attacker, defenderSeat].map((s) => [s, s.errors().length]));
      for (const [who, payload] of attempts) who.room.send('combat:order', payload);
      for (const who of [attacker, defenderSeat]) {
        const expected = attempts.filter(([w]) => w === who).map(([, , code]) => code);
        await until(() => who.errors().length >= bases.get(who)! + expected.length, 'the refusals');
        expect(who.errors().slice(bases.get(who)!).map((e) => e.code)).toEqual(expected);
      }
      await scene.settle();
      expect(await record()).toEqual(before);

      // each side's valid orders are recorded as that side's, whatever the sender wished
      attacker.room.send('combat:order', { kind: 'focus', targetId: defenderShips[0] });
      defenderSeat.room.send('combat:order', { kind: 'focus', targetId: attackerShips[0] });
      defenderSeat.room.send('combat:order', { kind: 'retreat' });
      await until(async () => (await record()).length === before.length + 3, 'three orders recorded');
      const added = (await record()).slice(before.length).map((o) => ({ side: o.side, kind: o.kind, targetId: 'targetId' in o ? o.targetId : undefined }));
      expect(added).toEqual(
        expect.arrayContaining([
          { side: 'attacker', kind: 'focus', targetId: defenderShips[0] },
          { side: 'defender', kind: 'focus', targetId: attackerShips[0] },
          { side: 'defender', kind: 'retreat', targetId: undefined },
        ]),
      );
      expect(added).toHaveLength(3);
    } finally {
      await defenderSeat.room.leave().catch(() => undefined);
      await scene.close();
    }
  });
});

describe('the monitor and /metrics refuse requests without credentials', () => {
  let server: Server | undefined;
  let metrics: ProcessMetrics | undefined;
  afterAll(async () => {
    metrics?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  async function serve(monitor?: { username: string; password: string }): Promise<number> {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    metrics?.stop();
    metrics = new ProcessMetrics({ windowMs: 1000 });
    server = createHttpApp({ monitor, logger: createLogger('silent'), startedAt: Date.now(), metrics }).listen(0, '0.0.0.0');
    await new Promise((resolve) => server!.once('listening', resolve));
    return (server!.address() as AddressInfo).port;
  }

  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;
  /** This machine's address on a non-loopback interface: a request from it is a request from the network. */
  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  const USER = 'ops';
  const PASS = 'correct horse battery';
  const WRONG_AUTHORIZATION: Array<[string, string | undefined]> = [
    ['none', undefined],
    ['empty', ''],
    ['wrong password', basic(`${USER}:wrong horse battery`)],
    ['wrong user', basic(`root:${PASS}`)],
    ['password as user', basic(`${PASS}:${USER}`)],
    ['password only', basic(`:${PASS}`)],
    ['user only', basic(`${USER}:`)],
    ['no colon', basic(`${USER}${PASS}`)],
    ['password prefix', basic(`${USER}:${PASS.slice(0, -1)}`)],
    ['password plus a character', basic(`${USER}:${PASS}x`)],
    ['user with trailing space', basic(`${USER} :${PASS}`)],
    ['right pair, lower-case scheme', `basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`],
    ['right pair as a Bearer token', `Bearer ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`],
    ['right pair, not base64', `Basic ${USER}:${PASS}`],
    ['scheme only', 'Basic'],
    ['garbage base64', 'Basic !!!'],
    ['a NUL after the password', basic(`${USER}:${PASS}\u0000`)],
    ['huge', basic(`${USER}:${'x'.repeat(6000)}`)],
  ];
  const GUARDED = ['/colyseus', '/colyseus/', '/colyseus/api', '/colyseus/api/room?roomId=x', '/COLYSEUS/', '/Colyseus/api', '/colyseus//api', '/metrics', '/METRICS', '/metrics/', '/metrics?format=json'];

  it(`with credentials configured: ${GUARDED.length} guarded paths × ${WRONG_AUTHORIZATION.length} missing or wrong Authorization headers → 401, never the page`, async () => {
    const port = await serve({ username: USER, password: PASS });
    const seen: Record<string, number> = {};
    for (const path of GUARDED) {
      for (const [label, authorization] of WRONG_AUTHORIZATION) {
        for (const host of ['127.0.0.1', ...(external ? [external] : [])]) {
          const response = await fetch(`http://${host}:${port}${path}`, { headers: authorization === undefined ? {} : { authorization } });
          const body = await response.text();
          seen[`${host} ${path} ${label}`] = response.status;
          expect(body, `${path} ${label}`).not.toMatch(/memory|heapUsed|<html|rooms"/i);
        }
      }
    }
    expect(new Set(Object.values(seen))).toEqual(new Set([401]));
    // the right pair opens them (so the 401s above are about the credentials, not a broken route)
    for (const path of ['/colyseus/', '/metrics']) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: basic(`${USER}:${PASS}`) } });
      expect(response.status, path).toBe(200);
    }
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200); // the health check needs none
  });

  it('without credentials configured: no monitor at all, and /metrics only for this machine, never the network', async () => {
    const port = await serve(undefined);
    for (const path of ['/colyseus', '/colyseus/', '/colyseus/api', '/COLYSEUS/']) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: basic(`${USER}:${PASS}`) } });
      expect(response.status, path).toBe(404);
    }
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200); // a local benchmark reads it
    expect(external, 'a non-loopback interface to call from').toBeDefined();
    const spoofs: Array<Record<string, string>> = [{}, { 'x-forwarded-for': '127.0.0.1' }, { host: 'localhost' }, { 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1' }, { authorization: basic(`${USER}:${PASS}`) }];
    for (const headers of spoofs) {
      const response = await fetch(`http://${external}:${port}/metrics`, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.text()).not.toMatch(/memory|heapUsed/);
    }
  });
});
