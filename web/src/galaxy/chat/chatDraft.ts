import { CHAT_MAX_LENGTH, chatText, type ErrorCode } from '@starscape/shared';

/** How close to the limit the counter turns amber. */
export const NEAR_LIMIT = 20;

/** What the chat input knows about its text before sending it. */
export interface ChatDraft {
  /** the text as the server will store it (trimmed, whitespace collapsed); null when it would be refused */
  text: string | null;
  /** characters the message has, counted as the server counts them */
  length: number;
  /** characters left before CHAT_MAX_LENGTH (negative: too many) */
  remaining: number;
  counter: 'ok' | 'near' | 'over';
  /** why the server would refuse it, by the server's own rule (`chatText`) */
  problem: ErrorCode | null;
}

/** Checks a draft with the same normalization the server applies, for the live counter and the Send button. */
export function chatDraft(raw: string): ChatDraft {
  const length = [...raw.replace(/\s+/gu, ' ').trim()].length;
  const remaining = CHAT_MAX_LENGTH - length;
  const checked = chatText(raw);
  return {
    text: checked.ok ? checked.value : null,
    length,
    remaining,
    counter: remaining < 0 ? 'over' : remaining <= NEAR_LIMIT ? 'near' : 'ok',
    problem: checked.ok ? null : checked.code,
  };
}
