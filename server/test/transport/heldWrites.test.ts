import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '@colyseus/core';
import { heldSockets, holdWrites, releaseHeldWrites } from '../../src/transport/heldWrites';
import { InputTick } from '../../src/transport/InputTick';

/** A real loopback TCP connection: `server` is the game server's side, what `received` holds came through. */
async function connection(): Promise<{ server: net.Socket; client: net.Socket; received: () => string; close: () => void }> {
  const listener = net.createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
  const client = net.connect((listener.address() as net.AddressInfo).port, '127.0.0.1');
  const server = await accepted;
  server.setNoDelay(true);
  let text = '';
  client.on('data', (chunk) => (text += chunk.toString()));
  return {
    server,
    client,
    received: () => text,
    close: () => {
      client.destroy();
      server.destroy();
      listener.close();
    },
  };
}

/** A Colyseus WebSocket client as `holdWrites` sees it: its ws socket's TCP socket. */
function clientOn(socket: net.Socket | null): Client {
  return { ref: { _socket: socket } } as unknown as Client;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('holdWrites', () => {
  const open: Array<() => void> = [];
  afterEach(() => {
    releaseHeldWrites();
    for (const close of open.splice(0)) close();
  });

  it('keeps what is written in this turn and sends it at the turn’s end, in order, in one write', async () => {
    const c = await connection();
    open.push(c.close);
    const client = clientOn(c.server);
    holdWrites(client);
    c.server.write('patch 1;');
    holdWrites(client); // a second hold in the same turn changes nothing
    c.server.write('patch 2;');
    expect(c.server.writableCorked).toBe(1);
    expect(c.server.writableLength).toBe(16); // still in the process
    expect(heldSockets()).toBe(1);

    await turn(); // the check phase: the hold's own setImmediate released it
    expect(c.server.writableCorked).toBe(0);
    expect(heldSockets()).toBe(0);
    await until(() => c.received().length === 16);
    expect(c.received()).toBe('patch 1;patch 2;');
  });

  it('sends at once when released by the input tick, before it naps', async () => {
    const c = await connection();
    open.push(c.close);
    let corkedAtNap: number | undefined;
    const tick = new InputTick({
      tickMs: 50,
      quietBusyShare: 1.01, // always quiet: every short turn naps
      sleep: () => (corkedAtNap = c.server.writableCorked),
    });
    tick.atEachTurnEnd(releaseHeldWrites);
    tick.start();
    tick.stop(); // the test ends the turn itself
    holdWrites(clientOn(c.server));
    c.server.write('patch;');
    tick.turnEnded(); // as the real loop's check phase would
    expect(corkedAtNap).toBe(0);
    await until(() => c.received() === 'patch;');
    expect(c.received()).toBe('patch;');
  });

  it('writes each socket of the turn, and holds again in the next turn', async () => {
    const a = await connection();
    const b = await connection();
    open.push(a.close, b.close);
    holdWrites(clientOn(a.server));
    holdWrites(clientOn(b.server));
    a.server.write('to a;');
    b.server.write('to b;');
    expect(heldSockets()).toBe(2);
    releaseHeldWrites();
    await until(() => a.received() !== '' && b.received() !== '');
    expect([a.received(), b.received()]).toEqual(['to a;', 'to b;']);

    holdWrites(clientOn(a.server));
    a.server.write('again;');
    expect(a.server.writableCorked).toBe(1);
    await turn();
    await until(() => a.received() === 'to a;again;');
    expect(a.received()).toBe('to a;again;');
  });

  it('leaves alone a client without a socket, and a socket already closed', async () => {
    const c = await connection();
    open.push(c.close);
    holdWrites(clientOn(null));
    c.server.destroy();
    holdWrites(clientOn(c.server));
    expect(heldSockets()).toBe(0);
  });
});
