import { Encoder, Reflection, TypeContext, schema } from '@colyseus/schema';
import { SchemaSerializer, type Room } from 'colyseus.js';
import { describe, expect, it } from 'vitest';
import { forgetReflectedTypes } from './reflectedTypes';

// A state with inheritance, like the town's (`TownState` extends `PublicTownState`): what makes
// @colyseus/schema file the reflected child class under its parent for good.
const Starbase = schema({ name: 'string' }, 'Starbase');
const Town = Starbase.extends({ level: 'number' }, 'Town');

function serverState() {
  const state = new Town();
  state.name = 'Vega Station';
  state.level = 7;
  const encoder = new Encoder(state);
  return { handshake: Reflection.encode(encoder), fullState: encoder.encodeAll() };
}

/** What colyseus.js does when it joins a room: a schema serializer takes the server's reflection. */
function joinedRoom(handshake: Buffer): Room {
  const serializer = new SchemaSerializer();
  serializer.handshake(handshake, { offset: 0 });
  return { serializer } as unknown as Room;
}

describe('forgetReflectedTypes', () => {
  it("takes a joined room's reflected classes out of the page-wide registry, which keeps them otherwise", () => {
    const { handshake } = serverState();
    const before = TypeContext.inheritedTypes.size;
    const room = joinedRoom(handshake);
    expect(TypeContext.inheritedTypes.size).toBe(before + 1); // the library keeps each join's classes
    forgetReflectedTypes(room);
    expect(TypeContext.inheritedTypes.size).toBe(before);
  });

  it('keeps the registry the same size over many joins and reconnections', () => {
    const { handshake } = serverState();
    const before = TypeContext.inheritedTypes.size;
    for (let i = 0; i < 50; i++) forgetReflectedTypes(joinedRoom(handshake));
    expect(TypeContext.inheritedTypes.size).toBe(before);
  });

  it('leaves the room decoding its state', () => {
    const { handshake, fullState } = serverState();
    const room = joinedRoom(handshake);
    forgetReflectedTypes(room);
    const serializer = room.serializer as SchemaSerializer;
    serializer.setState(fullState, { offset: 0 });
    expect(serializer.getState().toJSON()).toEqual({ name: 'Vega Station', level: 7 });
  });

  it('does nothing for a room without a schema decoder', () => {
    const before = TypeContext.inheritedTypes.size;
    forgetReflectedTypes({ serializer: undefined } as unknown as Room);
    forgetReflectedTypes({ serializer: {} } as unknown as Room);
    expect(TypeContext.inheritedTypes.size).toBe(before);
  });
});
