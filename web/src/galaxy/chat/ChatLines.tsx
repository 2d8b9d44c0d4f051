'use client';

import type { ChatLine } from '@starscape/shared';
import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import { authorHue, chatTime } from './chatLines';
import styles from './chat.module.css';

export interface ChatLinesProps {
  lines: readonly ChatLine[];
  /** lines of muted authors left out */
  hidden: number;
  selfId: string | null;
  onMute(userId: string): void;
  onShowMuted(): void;
  /** what to say while there is nothing to show */
  empty: string;
}

/** How close to the bottom counts as "reading the newest": the list then follows new lines down. */
const STICK_PX = 48;

/**
 * The lines of one channel, oldest first, scrolled to the newest while the reader is there. Text is rendered as
 * text nodes only: a message can never become markup.
 */
export function ChatLines({ lines, hidden, selfId, onMute, onShowMuted, empty }: ChatLinesProps) {
  const list = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  useLayoutEffect(() => {
    const el = list.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  // the list also shrinks under it (an error line shows below the field): stay with the newest
  useEffect(() => {
    const el = list.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const now = Date.now();
  return (
    <div className={styles.linesWrap}>
      {hidden > 0 && (
        <button type="button" className={styles.hiddenNote} onClick={onShowMuted} data-hidden-count={hidden}>
          {hidden} hidden from muted players
        </button>
      )}
      <ol
        ref={list}
        className={styles.lines}
        aria-live="polite"
        aria-relevant="additions"
        onScroll={(event) => {
          const el = event.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
        }}
      >
        {lines.length === 0 ? (
          <li className={styles.emptyLines}>{empty}</li>
        ) : (
          lines.map((line) => <Line key={line.id} line={line} own={line.authorId === selfId} now={now} onMute={onMute} />)
        )}
      </ol>
    </div>
  );
}

const Line = memo(function Line({ line, own, now, onMute }: { line: ChatLine; own: boolean; now: number; onMute(userId: string): void }) {
  return (
    <li className={styles.line} data-chat-line={line.id} data-author={line.authorId} data-own={own || undefined}>
      <div className={styles.lineHead}>
        <span className={styles.author} style={own ? undefined : { color: `hsl(${authorHue(line.authorId)} 85% 74%)` }}>
          {line.authorName}
        </span>
        <time className={styles.time} dateTime={new Date(line.sentAt).toISOString()}>
          {chatTime(line.sentAt, now)}
        </time>
        {!own && line.authorId && (
          <button type="button" className={styles.muteButton} data-mute={line.authorId} onClick={() => onMute(line.authorId)} title={`Mute ${line.authorName}`}>
            Mute
          </button>
        )}
      </div>
      <p className={styles.text}>{line.text}</p>
    </li>
  );
});
