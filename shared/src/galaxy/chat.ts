import { fail, ok, type Result } from '../errors';

/** Chat channels: the sector's own, and one for the whole galaxy. */
export const CHAT_CHANNELS = ['sector', 'galaxy'] as const;
export type ChatChannel = (typeof CHAT_CHANNELS)[number];

/** Longest chat message, in characters (after trimming). */
export const CHAT_MAX_LENGTH = 280;
/** Messages each channel keeps (and shows to a player who joins). */
export const CHAT_HISTORY = 50;
/** A player may send this many messages at once, then one per CHAT_REFILL_MS. */
export const CHAT_BURST = 5;
export const CHAT_REFILL_MS = 2000;

// C0/C1 controls except tab, bidi overrides and zero-width characters: invisible text used to spoof or garble
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/**
 * The text a chat message is stored and shown with: trimmed, inner runs of whitespace (newlines included)
 * collapsed to one space. Refused when empty, longer than CHAT_MAX_LENGTH, or holding control or invisible
 * formatting characters. Plain text only: clients must render it as text, never as markup.
 */
export function chatText(raw: string): Result<string> {
  if (UNSAFE.test(raw)) return fail('chat/invalid-text');
  const text = raw.replace(/\s+/gu, ' ').trim();
  if (text.length === 0) return fail('chat/empty');
  if ([...text].length > CHAT_MAX_LENGTH) return fail('chat/too-long');
  return ok(text);
}

/** A token bucket per player: CHAT_BURST tokens, one back every CHAT_REFILL_MS. Plain data, kept by the room. */
export interface ChatAllowance {
  tokens: number;
  at: number;
}

/** Takes one message from the allowance at `now`: the allowance after it, or null when the player must wait. */
export function spendChat(allowance: ChatAllowance | undefined, now: number): ChatAllowance | null {
  const current = allowance ?? { tokens: CHAT_BURST, at: now };
  const refilled = Math.min(CHAT_BURST, current.tokens + Math.max(0, now - current.at) / CHAT_REFILL_MS);
  if (refilled < 1) return null;
  return { tokens: refilled - 1, at: now };
}
