import type { ChatLine } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { authorHue, chatTime, countUnread, mutedPlayers, visibleLines } from './chatLines';

const line = (id: string, authorId: string, sentAt: number): ChatLine => ({ id, channel: 'galaxy', authorId, authorName: authorId, text: id, sentAt });
const lines = [line('a', 'rex', 1), line('b', 'spam', 2), line('c', 'me', 3), line('d', 'rex', 4), line('e', 'spam', 5)];

describe('muted authors', () => {
  it('hides their lines and says how many', () => {
    const shown = visibleLines(lines, { selfId: 'me', mutes: ['spam'] });
    expect(shown.lines.map((l) => l.id)).toEqual(['a', 'c', 'd']);
    expect(shown.hidden).toBe(2);
  });

  it('never hides the reader’s own lines', () => {
    expect(visibleLines(lines, { selfId: 'me', mutes: ['me'] }).hidden).toBe(0);
  });

  it('lists the muted players by name, unknown names last', () => {
    expect(mutedPlayers(['u3', 'u1', 'u2'], { u1: 'Zed', u2: 'Amy' })).toEqual([
      { userId: 'u2', name: 'Amy' },
      { userId: 'u1', name: 'Zed' },
      { userId: 'u3', name: null },
    ]);
  });
});

describe('unread lines', () => {
  const reader = { selfId: 'me', mutes: [] as string[] };

  it('are the lines after the last one seen, not counting the reader’s own', () => {
    expect(countUnread(lines, { id: 'a', sentAt: 1 }, reader)).toBe(3);
    expect(countUnread(lines, { id: 'e', sentAt: 5 }, reader)).toBe(0);
  });

  it('leave out muted authors', () => {
    expect(countUnread(lines, { id: 'a', sentAt: 1 }, { selfId: 'me', mutes: ['spam'] })).toBe(1);
  });

  it('are counted by time once the line seen has scrolled out of the history', () => {
    expect(countUnread(lines.slice(2), { id: 'gone', sentAt: 3 }, reader)).toBe(2);
  });

  it('are every line when nothing had been there to see, and none before the chat’s first state', () => {
    expect(countUnread(lines, { id: '', sentAt: 0 }, reader)).toBe(4);
    expect(countUnread(lines, null, reader)).toBe(0);
  });
});

describe('how a line looks', () => {
  it('gives each author a steady colour', () => {
    expect(authorHue('u-rex')).toBe(authorHue('u-rex'));
    expect(authorHue('u-rex')).not.toBe(authorHue('u-vega'));
    expect(authorHue('')).toBeGreaterThanOrEqual(0);
    expect(authorHue('anything')).toBeLessThan(360);
  });

  it('shows the time of day for today’s lines and the date for older ones', () => {
    const now = new Date(2026, 2, 14, 18, 30).getTime();
    expect(chatTime(new Date(2026, 2, 14, 9, 5).getTime(), now)).toBe('09:05');
    expect(chatTime(new Date(2026, 2, 3, 21, 40).getTime(), now)).toBe('3 Mar, 21:40');
  });
});
