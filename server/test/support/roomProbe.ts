import type { Room } from 'colyseus.js';

/**
 * Records what a colyseus.js room receives: every message by type and every state change, with helpers
 * that wait for the next one. Attach right after joining (messages sent at join arrive after the join resolves).
 */
export function probe(room: Room) {
  const messages: Array<{ type: string | number; message: any }> = [];
  let stateChanges = 0;
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());

  room.onMessage('*', (type, message) => {
    messages.push({ type, message });
    wake();
  });
  room.onStateChange(() => {
    stateChanges++;
    wake();
  });

  async function until<T>(check: () => T | undefined, what: string, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  return {
    messages,
    get stateChanges() {
      return stateChanges;
    },
    /** the first not-yet-taken message of `type` */
    async next(type: string, timeoutMs?: number): Promise<any> {
      const found = await until(() => {
        const i = messages.findIndex((m) => m.type === type);
        return i >= 0 ? messages.splice(i, 1)[0] : undefined;
      }, `message "${type}"`, timeoutMs);
      return found.message;
    },
    /** resolves after `count` more state changes */
    async stateChange(count = 1, timeoutMs?: number): Promise<void> {
      const target = stateChanges + count;
      await until(() => (stateChanges >= target ? true : undefined), `${count} state change(s)`, timeoutMs);
    },
    /** resolves once `predicate(state)` holds */
    async stateWhere(predicate: (state: any) => boolean, timeoutMs?: number): Promise<void> {
      await until(() => (predicate(room.state) ? true : undefined), 'a state condition', timeoutMs);
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
