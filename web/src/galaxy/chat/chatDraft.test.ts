import { CHAT_MAX_LENGTH } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { chatDraft } from './chatDraft';

describe('the chat input’s check and counter', () => {
  it('counts what the server will store: trimmed, whitespace collapsed', () => {
    expect(chatDraft('  hello \n\n  world  ')).toEqual({ text: 'hello world', length: 11, remaining: CHAT_MAX_LENGTH - 11, counter: 'ok', problem: null });
  });

  it('counts characters, not UTF-16 units: an emoji is one', () => {
    expect(chatDraft('🚀🚀').length).toBe(2);
    expect(chatDraft('🚀'.repeat(CHAT_MAX_LENGTH)).problem).toBeNull();
  });

  it('turns amber near the limit and red past it, where sending is refused', () => {
    expect(chatDraft('x'.repeat(CHAT_MAX_LENGTH - 21)).counter).toBe('ok');
    expect(chatDraft('x'.repeat(CHAT_MAX_LENGTH - 20)).counter).toBe('near');
    expect(chatDraft('x'.repeat(CHAT_MAX_LENGTH))).toMatchObject({ counter: 'near', remaining: 0, problem: null });
    expect(chatDraft('x'.repeat(CHAT_MAX_LENGTH + 1))).toMatchObject({ counter: 'over', remaining: -1, problem: 'chat/too-long', text: null });
  });

  it('refuses an empty message and invisible or control characters, as the server would', () => {
    expect(chatDraft('   ').problem).toBe('chat/empty');
    expect(chatDraft('').problem).toBe('chat/empty');
    expect(chatDraft('hi\u200bthere').problem).toBe('chat/invalid-text');
    expect(chatDraft('bell\u0007').problem).toBe('chat/invalid-text');
  });

  it('leaves markup as plain text: it is shown as typed, never interpreted', () => {
    expect(chatDraft('<img src=x onerror=alert(1)>').text).toBe('<img src=x onerror=alert(1)>');
  });
});
