import { describe, expect, it } from 'vitest';
import { InputTick, nextTurn } from '../../src/transport/InputTick';

/** An input tick on a fake clock: `work` and `waitForIo` move time as a turn would, naps are recorded. */
function pacedLoop(tickMs: number, quietBusyShare = 1.01 /* always quiet */) {
  let clock = 1000;
  let idle = 0;
  const naps: number[] = [];
  const turns: number[] = [];
  const tick = new InputTick({
    tickMs,
    now: () => clock,
    idleMs: () => idle,
    quietBusyShare,
    sleep: (ms) => {
      naps.push(ms);
      clock += ms;
    },
  });
  tick.onTurn((busyMs) => turns.push(busyMs));
  tick.start();
  tick.stop(); // the tests end turns themselves
  return {
    tick,
    naps,
    turns,
    work: (ms: number) => void (clock += ms),
    waitForIo: (ms: number) => {
      clock += ms;
      idle += ms;
    },
  };
}

describe('InputTick', () => {
  it('naps out the rest of the tick after a short turn', () => {
    const loop = pacedLoop(50);
    loop.work(3);
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([47]);
    expect(loop.turns).toEqual([3]);
    loop.work(10); // the next turn: what arrived during the nap
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([47, 40]);
    expect(loop.tick.stats()).toMatchObject({ tickMs: 50, turns: 2, naps: 2, nappedMs: 87, acceptTurns: 0, heldTurns: 0 });
  });

  it('does not nap after a turn that took a tick or longer: a busy loop runs free', () => {
    const loop = pacedLoop(50);
    loop.work(50);
    loop.tick.turnEnded();
    loop.work(120);
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([]);
    expect(loop.turns).toEqual([50, 120]);
    loop.work(1); // caught up: pacing again
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([49]);
  });

  it('handles the first message after a quiet spell at once, and leaves the wait for it out of the busy time', () => {
    const loop = pacedLoop(50);
    loop.waitForIo(400); // asleep in the poll: nothing arrived
    loop.work(2);
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([]); // the message was handled as it came
    expect(loop.turns).toEqual([2]);
    loop.waitForIo(5); // the next one, 5 ms later, waits for the tick
    loop.work(1);
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([44]);
    expect(loop.turns).toEqual([2, 1]);
  });

  it('does not nap after a turn that accepted a connection (libuv accepts one per turn)', () => {
    const loop = pacedLoop(50);
    for (let i = 0; i < 3; i++) {
      loop.work(1);
      loop.tick.accepted();
      loop.tick.turnEnded();
    }
    expect(loop.naps).toEqual([]);
    loop.work(1);
    loop.tick.turnEnded(); // no connection this turn
    expect(loop.naps).toEqual([49]); // the tick counts from the end of the last turn without a nap
    expect(loop.tick.stats()).toMatchObject({ turns: 4, naps: 1, acceptTurns: 3 });
  });

  it('does not nap before work that was queued for the next turn (hurry)', () => {
    const loop = pacedLoop(50);
    loop.work(2);
    loop.tick.hurry();
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([]);
    loop.work(2);
    loop.tick.turnEnded(); // nothing queued this time
    expect(loop.naps).toEqual([48]);
  });

  it('does not nap while a request is held, and naps again once it is released (once)', () => {
    const loop = pacedLoop(50);
    const release = loop.tick.hold();
    const other = loop.tick.hold();
    loop.work(2);
    loop.tick.turnEnded();
    release();
    release(); // a second call changes nothing
    loop.work(2);
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([]); // the other request is still being answered
    other();
    loop.work(2);
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([48]);
  });

  it('does not nap between an answer and the client’s next step, until it arrives or the wait runs out', async () => {
    const loop = pacedLoop(50);
    loop.tick.awaitFollowUp(60_000); // a seat: the client's WebSocket comes a round trip later
    loop.tick.awaitFollowUp(30); // another client's, which never comes
    loop.work(2);
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([]);
    expect(loop.tick.stats()).toMatchObject({ followUps: 2, followUpsTimedOut: 0 });
    loop.tick.followUpArrived(); // the first client's upgrade
    loop.work(2);
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([]); // the second is still awaited
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(loop.tick.stats()).toMatchObject({ followUps: 0, followUpsTimedOut: 1, holds: 0 });
    loop.work(2);
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([48]);
    loop.tick.followUpArrived(); // a request nobody waited for changes nothing
    expect(loop.tick.stats()).toMatchObject({ followUps: 0, holds: 0 });
  });

  it('ends every wait for a follow-up when it stops', () => {
    const tick = new InputTick({ tickMs: 50 });
    tick.start();
    tick.awaitFollowUp(60_000);
    tick.stop();
    expect(tick.stats()).toMatchObject({ followUps: 0, holds: 0, followUpsTimedOut: 0 });
  });

  it('lets work sliced with nextTurn go on turn after turn without naps on the real loop', async () => {
    const tick = new InputTick({ tickMs: 1000 });
    tick.start();
    try {
      for (let slice = 0; slice < 5; slice++) await new Promise<void>((resolve) => nextTurn(resolve));
      expect(tick.stats().turns).toBeGreaterThanOrEqual(4);
      expect(tick.stats().naps).toBe(0);
    } finally {
      tick.stop();
    }
  });

  it('paces only while the loop was busy less than the quiet share of the last second', () => {
    const loop = pacedLoop(50, 0.15);
    for (let t = 0; t < 21; t++) {
      loop.waitForIo(48); // a message every 50 ms, 2 ms of work each: 4 % busy
      loop.work(2);
      loop.tick.turnEnded();
    }
    expect(loop.naps).toEqual([]); // the first second runs free: nothing known yet
    expect(loop.tick.stats()).toMatchObject({ busyShare: 0.04, pacing: 1 });
    loop.work(2);
    loop.tick.turnEnded();
    expect(loop.naps).toEqual([48]); // quiet: paced from now on
    for (let t = 0; t < 20; t++) {
      loop.work(20); // then 40 % busy (20 ms of work, 30 ms of nap)
      loop.tick.turnEnded();
    }
    expect(loop.tick.stats()).toMatchObject({ busyShare: expect.closeTo(0.38, 1), pacing: 0 });
    const naps = loop.naps.length;
    loop.work(2);
    loop.tick.turnEnded();
    expect(loop.naps.length).toBe(naps); // busy: runs free
  });

  it('runs the work that ends each turn before the turn is measured and before its nap', () => {
    const loop = pacedLoop(50);
    const order: string[] = [];
    loop.tick.atEachTurnEnd(() => {
      order.push('end of turn');
      loop.work(2); // e.g. the turn's held writes going out: part of the turn
    });
    loop.tick.onTurn(() => order.push('measured'));
    loop.work(3);
    loop.tick.turnEnded();
    expect(order).toEqual(['end of turn', 'measured']);
    expect(loop.turns).toEqual([5]);
    expect(loop.naps).toEqual([45]);
  });

  it('refuses a tick that is not longer than 0 ms', () => {
    expect(() => new InputTick({ tickMs: 0 })).toThrow(/longer than 0 ms/);
    expect(() => new InputTick({ tickMs: Number.NaN })).toThrow(/longer than 0 ms/);
  });

  it('paces the real event loop: turns end in the check phase, and a stopped tick lets the process idle', async () => {
    const tick = new InputTick({ tickMs: 20, quietBusyShare: 1.01 });
    const busy: number[] = [];
    tick.onTurn((ms) => busy.push(ms));
    tick.start();
    const started = performance.now();
    const timers = 10;
    let fired = 0;
    await new Promise<void>((resolve) => {
      for (let i = 0; i < timers; i++) setTimeout(() => ++fired === timers && resolve(), i); // ten timers 1 ms apart
    });
    const elapsed = performance.now() - started;
    tick.stop();
    const { turns, naps } = tick.stats();
    expect(naps).toBeGreaterThan(0);
    expect(turns).toBeLessThan(timers); // the timers came due together after a nap instead of in a turn each
    expect(elapsed).toBeGreaterThanOrEqual(9);
    expect(busy.every((ms) => ms >= 0 && ms < 1000)).toBe(true);
    const after = tick.stats().turns;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(tick.stats().turns).toBe(after);
  });
});
