import { describe, expect, it } from 'vitest';
import { plainState, toSectorView } from './galaxyState';

const vega = { townId: 't-vega', name: "Vega's Starbase", ownerId: 'u-vega', ownerName: 'Vega', slot: 3, points: 120, online: true, protectedUntil: 5_000 };
const rex = { townId: 't-rex', name: "Rex's Starbase", ownerId: 'u-rex', ownerName: 'Rex', slot: 0, points: 9, online: false, protectedUntil: 0 };
const line = (id: string, authorId = 'u-vega', sentAt = 1) => ({ id, channel: 'sector', authorId, authorName: 'Vega', text: `hello ${id}`, sentAt });

describe('a galaxy room state as plain data', () => {
  it('lists the starbases by slot and keeps both chats oldest first', () => {
    const view = toSectorView({
      sector: 2,
      sectorCount: 3,
      towns: { 't-vega': vega, 't-rex': rex },
      sectorChat: [line('a'), line('b')],
      galaxyChat: [{ ...line('g'), channel: 'galaxy' }],
    });
    expect(view).toEqual({
      sector: 2,
      sectorCount: 3,
      towns: [rex, vega],
      sectorChat: [
        { id: 'a', channel: 'sector', authorId: 'u-vega', authorName: 'Vega', text: 'hello a', sentAt: 1 },
        { id: 'b', channel: 'sector', authorId: 'u-vega', authorName: 'Vega', text: 'hello b', sentAt: 1 },
      ],
      galaxyChat: [{ id: 'g', channel: 'galaxy', authorId: 'u-vega', authorName: 'Vega', text: 'hello g', sentAt: 1 }],
    });
  });

  it('reads schema-like collections too (a Map of towns, lists with forEach)', () => {
    const chat = { length: 1, forEach: (cb: (v: unknown) => void) => cb(line('x')) };
    const view = toSectorView({ sector: 1, sectorCount: 1, towns: new Map([['t-rex', rex]]), sectorChat: chat, galaxyChat: [] });
    expect(view?.towns).toEqual([rex]);
    expect(view?.sectorChat.map((l) => l.id)).toEqual(['x']);
  });

  it('is null before the first state', () => {
    expect(toSectorView(null)).toBeNull();
    expect(toSectorView({})).toBeNull();
    expect(toSectorView({ sector: 0 })).toBeNull();
    expect(toSectorView({ sector: 'two' })).toBeNull();
  });

  it('drops odd entries instead of drawing them half-broken', () => {
    const view = toSectorView({
      sector: 1,
      towns: {
        ok: rex,
        noId: { ...vega, townId: '' },
        offGrid: { ...vega, townId: 't-far', slot: 24 },
        fraction: { ...vega, townId: 't-half', slot: 2.5 },
        clash: { ...vega, townId: 't-clash', slot: 0 },
        junk: 'not a town',
      },
      sectorChat: [line('a'), line('a'), { text: 'no id' }, null, line('b', 'u-rex')],
      galaxyChat: 'nonsense',
    });
    expect(view?.towns.map((t) => t.townId)).toEqual(['t-rex']);
    expect(view?.sectorChat.map((l) => l.id)).toEqual(['a', 'b']);
    expect(view?.galaxyChat).toEqual([]);
  });

  it('fills what is missing with safe values: never NaN, never a missing name', () => {
    const view = toSectorView({ sector: 4, towns: { t: { townId: 't', slot: 5, points: Number.NaN, online: 'yes' } }, sectorChat: [{ id: 'l', sentAt: 'then' }] });
    expect(view).toMatchObject({ sector: 4, sectorCount: 1, galaxyChat: [] });
    expect(view?.towns[0]).toEqual({ townId: 't', name: 'Unnamed starbase', ownerId: '', ownerName: 'Unknown commander', slot: 5, points: 0, online: false, protectedUntil: 0 });
    expect(view?.sectorChat[0]).toEqual({ id: 'l', channel: 'sector', authorId: '', authorName: 'Unknown commander', text: '', sentAt: 0 });
  });

  it('takes a line’s channel from the list it is in, not from what it says', () => {
    const view = toSectorView({ sector: 1, galaxyChat: [{ ...line('a'), channel: 'sector' }] });
    expect(view?.galaxyChat[0]?.channel).toBe('galaxy');
  });

  it('uses a schema’s toJSON when there is one', () => {
    expect(plainState({ toJSON: () => ({ sector: 9 }) })).toEqual({ sector: 9 });
    expect(plainState({ sector: 9 })).toEqual({ sector: 9 });
    expect(plainState(null)).toEqual({});
  });
});
