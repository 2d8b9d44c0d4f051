import type { ChatLine } from '@starscape/shared';
import type { ChatMarker } from '../session/galaxyStore';

/** Who reads the chat: their own lines are never hidden nor unread. */
export interface Reader {
  selfId: string | null;
  mutes: readonly string[];
}

const shown = (line: ChatLine, { selfId, mutes }: Reader) => line.authorId === selfId || !mutes.includes(line.authorId);

/** The lines to show (muted authors' left out) and how many were left out. */
export function visibleLines(lines: readonly ChatLine[], reader: Reader): { lines: ChatLine[]; hidden: number } {
  const out = lines.filter((line) => shown(line, reader));
  return { lines: out, hidden: lines.length - out.length };
}

/**
 * Lines after `seen` that the reader would see and did not write. Lines follow their marker in the list; once the
 * marker has scrolled out of the history, every line sent after it counts. Null marker: nothing is unread yet.
 */
export function countUnread(lines: readonly ChatLine[], seen: ChatMarker | null, reader: Reader): number {
  if (!seen) return 0;
  const at = seen.id ? lines.findIndex((line) => line.id === seen.id) : -1;
  const after = at >= 0 ? lines.slice(at + 1) : lines.filter((line) => line.sentAt > seen.sentAt);
  return after.filter((line) => line.authorId !== reader.selfId && shown(line, reader)).length;
}

/** The muted players with the names the page knows them by, alphabetically. */
export function mutedPlayers(mutes: readonly string[], names: Readonly<Record<string, string>>): { userId: string; name: string | null }[] {
  return mutes
    .map((userId) => ({ userId, name: names[userId] ?? null }))
    .sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.userId.localeCompare(b.userId));
}

/** A steady hue (0–359) for an author's name, so a voice is recognisable down the list. */
export function authorHue(userId: string): number {
  let hash = 2166136261;
  for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 16777619);
  return (hash >>> 0) % 360;
}

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dated = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "14:05" for a line sent today (by the local calendar), "3 Mar, 14:05" before. */
export function chatTime(sentAt: number, now: number): string {
  const sent = new Date(sentAt);
  const today = new Date(now);
  const sameDay = sent.getFullYear() === today.getFullYear() && sent.getMonth() === today.getMonth() && sent.getDate() === today.getDate();
  return (sameDay ? clock : dated).format(sent);
}
