import { describe, expect, it } from 'vitest';
import { colyseusLogger, type Logger } from '../../src/logger';

function recording(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

describe("Colyseus's messages in the game's log", () => {
  it('keeps their level, marked as Colyseus’s, with every argument as text', () => {
    const { logger, lines } = recording();
    const colyseus = colyseusLogger(logger);
    colyseus.info('room', 'disposed', { roomId: 'r1' });
    colyseus.warn('deprecated option');
    colyseus.trace('deep detail');
    expect(lines).toEqual(['info colyseus: room disposed {"roomId":"r1"}', 'warn colyseus: deprecated option', 'debug colyseus: deep detail']);
  });

  it('logs what a client’s join or frame threw as a warning with its stack, and a client that left mid-join at debug', () => {
    const { logger, lines } = recording();
    const colyseus = colyseusLogger(logger);
    const undecodable = new Error('Unexpected end of MessagePack data');
    colyseus.error(undecodable.stack); // Colyseus passes the stack as a string
    const earlyLeave = new Error('early_leave');
    colyseus.error(earlyLeave.stack);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    colyseus.error(circular);
    expect(lines[0]).toMatch(/^warn colyseus: Error: Unexpected end of MessagePack data\n\s+at /);
    expect(lines[1]).toBe('debug colyseus: a client left before its join was done');
    expect(lines[2]).toBe('warn colyseus: [object Object]');
    expect(lines.some((line) => line.startsWith('error'))).toBe(false);
  });
});
