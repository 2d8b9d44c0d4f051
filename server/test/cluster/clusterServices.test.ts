import { afterEach, describe, expect, it } from 'vitest';
import { standalone } from '../../src/cluster/clusterServices';

describe('a standalone process’s presence', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  afterEach(() => {
    process.off('warning', onWarning);
  });

  it('takes one listener per sector room on a channel without a listener-leak warning (a leak check that cries wolf)', async () => {
    process.on('warning', onWarning);
    const presence = standalone().presence!;
    const unsubscribes = Array.from({ length: 25 }, () => {
      const listener = () => undefined;
      void presence.subscribe('starscape:online', listener);
      return () => presence.unsubscribe('starscape:online', listener);
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    for (const unsubscribe of unsubscribes) unsubscribe();
  });
});
