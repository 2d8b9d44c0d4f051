'use client';

import { CHAT_MAX_LENGTH } from '@starscape/shared';
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { chatDraft } from './chatDraft';
import styles from './chat.module.css';

export interface ChatComposerProps {
  /** where the message goes ("Sector 3", "Galaxy") */
  channelLabel: string;
  live: boolean;
  /** why the last message was refused */
  error: string | null;
  /** a refused message's text to take back, when the field is empty */
  returned: string | null;
  onReturnedTaken(): void;
  onTyping(): void;
  /** sends; true when it went out (the field is then cleared) */
  onSend(text: string): boolean;
}

/** The message field: a live character counter, Enter to send, the reason shown inline when a message is refused. */
export function ChatComposer({ channelLabel, live, error, returned, onReturnedTaken, onTyping, onSend }: ChatComposerProps) {
  const [text, setText] = useState('');
  const draft = chatDraft(text);
  const errorId = useId();
  const counterId = useId();

  useEffect(() => {
    if (returned === null) return;
    setText((current) => (current.trim() === '' ? returned : current));
    onReturnedTaken();
  }, [returned, onReturnedTaken]);

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (onSend(text)) setText('');
  };
  const key = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  return (
    <form className={styles.composer} onSubmit={send}>
      <div className={styles.field}>
        <textarea
          className={styles.input}
          rows={2}
          value={text}
          placeholder={live ? `Message ${channelLabel}` : 'Connecting to comms…'}
          aria-label={`Message to ${channelLabel}`}
          aria-describedby={`${counterId}${error ? ` ${errorId}` : ''}`}
          aria-invalid={draft.counter === 'over' || undefined}
          onChange={(event) => {
            setText(event.target.value);
            onTyping();
          }}
          onKeyDown={key}
          data-chat-input
        />
        <div className={styles.fieldFoot}>
          <span id={counterId} className={`num ${styles.counter}`} data-counter={draft.counter} aria-live={draft.counter === 'ok' ? 'off' : 'polite'}>
            {draft.length}/{CHAT_MAX_LENGTH}
          </span>
          <button type="submit" className={`btn btn-sm btn-primary ${styles.send}`} disabled={!live || draft.text === null} data-chat-send>
            Send
          </button>
        </div>
      </div>
      {error && (
        <p id={errorId} className={styles.error} role="alert" data-chat-error>
          {error}
        </p>
      )}
    </form>
  );
}
