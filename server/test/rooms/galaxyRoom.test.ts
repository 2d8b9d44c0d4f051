import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_BURST, CHAT_HISTORY, newTown, townPoints, type Town } from '@starscape/shared';
import { probe, sleep } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { until } from '../support/until';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: 1, autosaveMs: 50 });
});
afterAll(() => t.server.shutdown());

let serial = 0;
const uniqueId = (name: string) => `${name}${++serial}`;

describe('the galaxy room', () => {
  it('shows a sector’s starbases with their public facts only', async () => {
    const rich: Town = { ...newTown(t.now(), 1), buildings: { ...newTown(t.now(), 1).buildings, metalMine: 5, shipyard: 2 } };
    const owner = await t.createPlayer(uniqueId('owner'), rich);
    const viewer = await t.createPlayer(uniqueId('viewer'));
    const stored = (await t.towns.load(owner.townId))!;
    expect(stored.sector).toBe(1);
    const room = await t.browse(viewer.userId, 1);
    const seen = probe(room);
    const welcome = await seen.next('welcome');
    expect(welcome).toMatchObject({ sector: 1, you: { userId: viewer.userId, townId: viewer.townId, sector: 1 }, mutes: [] });
    await seen.stateWhere((s) => s.towns?.has(owner.townId));
    const town = room.state.towns.get(owner.townId).toJSON();
    expect(Object.keys(town).sort()).toEqual(['name', 'online', 'ownerId', 'ownerName', 'points', 'protectedUntil', 'slot', 'townId']);
    expect(town).toMatchObject({ name: `${owner.userId}'s Starbase`, ownerName: `Pilot ${owner.userId}`, slot: stored.slot, online: false });
    expect(town.protectedUntil).toBeGreaterThan(t.now()); // a newcomer
    expect(room.state.sectorCount).toBeGreaterThanOrEqual(1);
    // nothing private of anyone's starbase is anywhere in the state
    expect(JSON.stringify(room.state.toJSON())).not.toMatch(/stocks|fleets|"ships"|shipyard/);

    // points follow the starbase's saves (re-read every few seconds)
    const ownerRoom = await t.join(owner.userId, owner.townId);
    ownerRoom.send('upgrade:start', { building: 'crystalMine' }); // a change: the town is saved with its points
    await until(async () => (await t.towns.load(owner.townId))!.points === townPoints(rich), 'the points to be saved');
    expect(townPoints(rich)).toBeGreaterThan(0);
    await seen.stateWhere((s) => s.towns.get(owner.townId).points === townPoints(rich));
    await Promise.all([room.leave(), ownerRoom.leave()]);
  });

  it('shows within a second who is online, whichever of their rooms they are in', async () => {
    const pilot = await t.createPlayer(uniqueId('pilot'));
    const watcher = await t.createPlayer(uniqueId('watcher'));
    const sector = (await t.towns.load(pilot.townId))!.sector!;
    const room = await t.browse(watcher.userId, sector);
    const seen = probe(room);
    await seen.stateWhere((s) => s.towns?.get(pilot.townId)?.online === false);

    const home = await t.join(pilot.userId, pilot.townId);
    let at = Date.now();
    await seen.stateWhere((s) => s.towns.get(pilot.townId).online === true, 1000);
    expect(Date.now() - at).toBeLessThan(1000);
    expect(room.state.towns.get(watcher.townId).online).toBe(true); // the watcher is connected too

    const map = await t.browse(pilot.userId, sector); // a second room of the same player
    await home.leave();
    await sleep(150);
    expect(room.state.towns.get(pilot.townId).online).toBe(true); // still connected through the map
    at = Date.now();
    await map.leave();
    await seen.stateWhere((s) => s.towns.get(pilot.townId).online === false, 1000);
    expect(Date.now() - at).toBeLessThan(1000);
    await room.leave();
  });

  it('carries sector chat to the sector and galaxy chat everywhere; refuses bad messages; keeps the history', async () => {
    const talker = await t.createPlayer(uniqueId('talker'));
    const neighbour = await t.createPlayer(uniqueId('neighbour'));
    const far = await t.createPlayer(uniqueId('far'));
    const sector = (await t.towns.load(talker.townId))!.sector!;
    const farSector = sector + 7; // no starbases there: anyone may still look
    const [a, b, c] = [await t.browse(talker.userId, sector), await t.browse(neighbour.userId, sector), await t.browse(far.userId, farSector)];
    const [seenA, seenB, seenC] = [probe(a), probe(b), probe(c)];

    a.send('chat:send', { channel: 'sector', text: '  hello   neighbours\n' });
    await seenB.stateWhere((s) => s.sectorChat.length > 0 && s.sectorChat.at(-1).text === 'hello neighbours');
    expect(b.state.sectorChat.at(-1).toJSON()).toMatchObject({ channel: 'sector', authorId: talker.userId, authorName: `Pilot ${talker.userId}` });
    a.send('chat:send', { channel: 'galaxy', text: 'hello galaxy <b>bold</b>' });
    await seenC.stateWhere((s) => s.galaxyChat.length > 0 && s.galaxyChat.at(-1).text === 'hello galaxy <b>bold</b>');
    await seenB.stateWhere((s) => s.galaxyChat.at(-1)?.text === 'hello galaxy <b>bold</b>');
    expect(c.state.sectorChat.length).toBe(0); // the far sector does not hear this sector's channel

    for (const [payload, code] of [
      [{ channel: 'sector', text: '   ' }, 'chat/empty'],
      [{ channel: 'sector', text: 'x'.repeat(281) }, 'chat/too-long'],
      [{ channel: 'sector', text: 'ring\u0007' }, 'chat/invalid-text'],
      [{ channel: 'sector', text: 'evil\u202egnp.exe' }, 'chat/invalid-text'],
      [{ channel: 'sector', text: 5 }, 'message/invalid'],
      [{ channel: 'private', text: 'hi' }, 'message/invalid'],
      [{ channel: 'sector', text: 'hi', to: 'x' }, 'message/invalid'],
      ['hi', 'message/invalid'],
    ] as const) {
      b.send('chat:send', payload);
      expect((await seenB.next('error')).code, JSON.stringify(payload)).toBe(code);
    }
    b.send('chat:whisper', { text: 'psst' });
    expect((await seenB.next('error')).code).toBe('message/unknown-type');

    // a burst of CHAT_BURST goes through, the next is refused
    for (let i = 0; i < CHAT_BURST; i++) b.send('chat:send', { channel: 'sector', text: `burst ${i}` });
    b.send('chat:send', { channel: 'sector', text: 'one too many' });
    expect((await seenB.next('error')).code).toBe('chat/rate-limited');
    await seenA.stateWhere((s) => s.sectorChat.at(-1)?.text === `burst ${CHAT_BURST - 1}`);
    expect([...a.state.sectorChat].map((l: any) => l.text)).not.toContain('one too many');

    // everyone leaves: the room closes; the next one shows the history from the database
    await Promise.all([a.leave(), b.leave(), c.leave()]);
    await sleep(100);
    const again = await t.browse(far.userId, sector);
    const seenAgain = probe(again);
    await seenAgain.stateWhere((s) => s.sectorChat?.length === 1 + CHAT_BURST);
    expect(again.state.sectorChat.at(0).text).toBe('hello neighbours');
    expect(again.state.galaxyChat.at(-1).text).toBe('hello galaxy <b>bold</b>');
    await again.leave();
  });

  it('shows at most the last CHAT_HISTORY messages of a channel', async () => {
    const author = await t.createPlayer(uniqueId('author'));
    const sector = 900;
    for (let i = 0; i < CHAT_HISTORY + 5; i++) await t.chat.append(`sector:${sector}`, { channel: 'sector', authorId: author.userId, authorName: 'A', text: `line ${i}`, sentAt: t.now() + i });
    const room = await t.browse(author.userId, sector);
    const seen = probe(room);
    await seen.stateWhere((s) => s.sectorChat?.length === CHAT_HISTORY);
    expect(room.state.sectorChat.at(0).text).toBe('line 5');
    room.send('chat:send', { channel: 'sector', text: 'newest' });
    await seen.stateWhere((s) => s.sectorChat.at(-1).text === 'newest');
    expect(room.state.sectorChat.length).toBe(CHAT_HISTORY);
    expect(room.state.sectorChat.at(0).text).toBe('line 6');
    await room.leave();
  });

  it('lets a player mute another, for good', async () => {
    const me = await t.createPlayer(uniqueId('quiet'));
    const loud = await t.createPlayer(uniqueId('loud'));
    const room = await t.browse(me.userId, 1);
    const seen = probe(room);
    await seen.next('welcome');
    room.send('chat:mute', { userId: loud.userId, muted: true });
    expect((await seen.next('chat:mutes')).mutes).toEqual([loud.userId]);
    room.send('chat:mute', { userId: me.userId, muted: true });
    expect((await seen.next('error')).code).toBe('chat/mute-self');
    room.send('chat:mute', { userId: 'nobody-at-all', muted: true });
    expect((await seen.next('error')).code).toBe('chat/no-such-player');
    room.send('chat:mute', { userId: loud.userId, muted: 'yes' });
    expect((await seen.next('error')).code).toBe('message/invalid');
    await room.leave();

    const back = await t.browse(me.userId, 1);
    const seenBack = probe(back);
    expect((await seenBack.next('welcome')).mutes).toEqual([loud.userId]);
    back.send('chat:mute', { userId: loud.userId, muted: false });
    expect((await seenBack.next('chat:mutes')).mutes).toEqual([]);
    await back.leave();
  });

  it('refuses a sector that is not one', async () => {
    const me = await t.createPlayer(uniqueId('lost'));
    for (const options of [{ sector: 0 }, { sector: 1.5 }, { sector: '2' }, {}]) {
      await expect((await t.clientFor(me.userId)).joinOrCreate('galaxy', options)).rejects.toThrow(/galaxy\/invalid-options/);
    }
  });
});
