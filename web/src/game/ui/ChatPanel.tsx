'use client';

import type { ChatChannel } from '@starscape/shared';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { ChatComposer } from '../../galaxy/chat/ChatComposer';
import { ChatLines } from '../../galaxy/chat/ChatLines';
import { countUnread, mutedPlayers, visibleLines } from '../../galaxy/chat/chatLines';
import { MutedPlayers } from '../../galaxy/chat/MutedPlayers';
import { useGalaxy, useGalaxyCommands } from '../../galaxy/session/GalaxyProvider';
import { chatLines } from '../../galaxy/session/galaxyStore';
import styles from '../../galaxy/chat/chat.module.css';

const OPEN_KEY = 'starscape:chat-open';

/**
 * The chat of the game page, on every tab: the player's sector channel and the galaxy-wide one, with unread counts
 * on the channel not in view, a field with a live counter, and muting. Docked at the bottom left on wide screens,
 * where it folds to a bar showing the newest line; under the content on narrow ones.
 */
export function ChatPanel() {
  const [open, setOpen] = useStoredOpen();
  const [channel, setChannel] = useState<ChatChannel>('sector');
  const [showMuted, setShowMuted] = useState(false);
  const connection = useGalaxyCommands();
  const sector = useGalaxy((s) => s.chatSector);
  const live = useGalaxy((s) => s.chatSector !== null && s.links[s.chatSector]?.status === 'live');
  const selfId = useGalaxy((s) => s.you?.userId ?? null);
  const mutes = useGalaxy((s) => s.mutes);
  const names = useGalaxy((s) => s.names);
  const sectorLines = useGalaxy((s) => chatLines(s, 'sector'));
  const galaxyLines = useGalaxy((s) => chatLines(s, 'galaxy'));
  const seen = useGalaxy((s) => s.seen);
  const error = useGalaxy((s) => s.chatError);
  const returned = useGalaxy((s) => s.returnedDraft);
  const actions = useGalaxy((s) => s.actions);

  const reader = useMemo(() => ({ selfId, mutes }), [selfId, mutes]);
  const unread: Record<ChatChannel, number> = {
    sector: countUnread(sectorLines, seen.sector, reader),
    galaxy: countUnread(galaxyLines, seen.galaxy, reader),
  };
  const current = channel === 'sector' ? sectorLines : galaxyLines;
  const shown = useMemo(() => visibleLines(current, reader), [current, reader]);
  // folded, the bar shows the newest line of either channel: the chat looks alive without taking room
  const newest = useMemo(() => {
    const last = [visibleLines(sectorLines, reader).lines.at(-1), visibleLines(galaxyLines, reader).lines.at(-1)];
    return last.reduce<(typeof last)[number]>((a, b) => (!a ? b : !b ? a : b.sentAt >= a.sentAt ? b : a), undefined) ?? null;
  }, [sectorLines, galaxyLines, reader]);

  // what is in view is read
  useEffect(() => {
    if (open) actions.markSeen(channel);
  }, [open, channel, current, actions]);

  const sectorLabel = sector === null ? 'Sector' : `Sector ${sector}`;
  const channelLabel = channel === 'sector' ? sectorLabel : 'Galaxy';
  const totalUnread = unread.sector + unread.galaxy;
  const mute = useCallback((userId: string) => connection?.mute(userId, true), [connection]);
  const onReturnedTaken = useCallback(() => actions.draftTaken(), [actions]);
  const onTyping = useCallback(() => actions.clearChatError(), [actions]);

  return (
    <aside className={styles.panel} data-chat-panel data-open={open} aria-label="Chat">
      <header className={styles.head}>
        <button type="button" className={styles.toggle} onClick={() => setOpen(!open)} aria-expanded={open} data-chat-toggle>
          <span className={styles.liveDot} data-live={live} aria-hidden="true" />
          <span className={styles.headTitle}>Comms</span>
          {!open && totalUnread > 0 && (
            <span className={`num ${styles.unread}`} aria-label={`${totalUnread} unread`} data-unread={totalUnread}>
              {totalUnread}
            </span>
          )}
          {!open && newest && (
            <span className={styles.preview}>
              <span className={styles.previewAuthor}>{newest.authorName}:</span> {newest.text}
            </span>
          )}
          <span className={styles.chevron} aria-hidden="true">
            {open ? '▾' : '▴'}
          </span>
        </button>
        {open && (
          <button type="button" className={styles.mutedToggle} aria-pressed={showMuted} onClick={() => setShowMuted(!showMuted)} data-muted-toggle>
            Muted{mutes.length > 0 ? ` · ${mutes.length}` : ''}
          </button>
        )}
      </header>
      {open && (
        <div className={styles.bodyWrap}>
          <div className={styles.channels} role="tablist" aria-label="Chat channels">
            {(['sector', 'galaxy'] as const).map((c) => (
              <button
                key={c}
                type="button"
                role="tab"
                aria-selected={c === channel}
                className={styles.channel}
                onClick={() => setChannel(c)}
                data-chat-channel={c}
              >
                {c === 'sector' ? sectorLabel : 'Galaxy'}
                {c !== channel && unread[c] > 0 && (
                  <span className={`num ${styles.unread}`} aria-label={`${unread[c]} unread`} data-unread={unread[c]}>
                    {unread[c]}
                  </span>
                )}
              </button>
            ))}
          </div>
          {showMuted ? (
            <MutedPlayers players={mutedPlayers(mutes, names)} onUnmute={(userId) => connection?.mute(userId, false)} onClose={() => setShowMuted(false)} />
          ) : (
            <ChatLines
              lines={shown.lines}
              hidden={shown.hidden}
              selfId={selfId}
              onMute={mute}
              onShowMuted={() => setShowMuted(true)}
              empty={live ? (channel === 'sector' ? 'No messages in this sector yet. Say hello to your neighbours.' : 'The galaxy is quiet. Be the first to speak.') : 'Tuning in…'}
            />
          )}
          <ChatComposer
            channelLabel={channelLabel}
            live={live}
            error={error}
            returned={returned}
            onReturnedTaken={onReturnedTaken}
            onTyping={onTyping}
            onSend={(text) => connection?.sendChat(channel, text) ?? false}
          />
        </div>
      )}
    </aside>
  );
}

/**
 * Open or folded, remembered in this browser. Until the player chooses: folded where it would float over the game
 * (wide screens), open where it sits under the content (narrow ones).
 */
function useStoredOpen(): [boolean, (open: boolean) => void] {
  const open = useSyncExternalStore(
    subscribeOpen,
    () => readOpen(),
    () => false,
  );
  const setOpen = useCallback((next: boolean) => {
    memoryOpen = next;
    try {
      window.localStorage.setItem(OPEN_KEY, next ? '1' : '0');
    } catch {
      // storage unavailable: the choice holds until the page reloads
    }
    window.dispatchEvent(new Event(OPEN_EVENT));
  }, []);
  return [open, setOpen];
}

const OPEN_EVENT = 'starscape:chat-open';
/** Where the panel docks over the page (matches chat.module.css). */
const DOCKED = '(min-width: 901px)';
let memoryOpen: boolean | null = null;

function readOpen(): boolean {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(OPEN_KEY);
  } catch {
    // storage unavailable: this page's choice, else the default
  }
  if (stored !== null) return stored === '1';
  return memoryOpen ?? !window.matchMedia(DOCKED).matches;
}

function subscribeOpen(onChange: () => void): () => void {
  const docked = window.matchMedia(DOCKED);
  window.addEventListener(OPEN_EVENT, onChange);
  window.addEventListener('storage', onChange);
  docked.addEventListener('change', onChange);
  return () => {
    window.removeEventListener(OPEN_EVENT, onChange);
    window.removeEventListener('storage', onChange);
    docked.removeEventListener('change', onChange);
  };
}
