'use client';

import type { BattleOutcome, BattleSide, BattleState, CombatOrder, CombatUnitType } from '@starscape/shared';
import { COMBAT_UNIT_TYPES } from '@starscape/shared';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { BattleCanvas } from './BattleCanvas';
import { Legend } from './Legend';
import { ReplayControls } from './ReplayControls';
import { ReplayEngine } from './replayEngine';
import { ReplayHud } from './ReplayHud';
import { orderCaption, recentOrders } from './orderCaption';
import { UNIT_SHAPES } from './shapes';
import { RESULT_LABEL, outcomeDifference, resultFor } from './report';
import { ReplayTimeline } from './timeline';
import styles from './battle.module.css';

export interface BattleReplayProps {
  /** the record, validated on the server with the shared schemas */
  initial: BattleState;
  orders: CombatOrder[];
  /** the stored outcome the replay must reach (null when it could not be read) */
  recorded: BattleOutcome | null;
  viewerSide: BattleSide | null;
  names: Record<BattleSide, string>;
}

/** Steps laid out per slice while building, then a yield to the page (long battles build without freezing it). */
const BUILD_SLICE_MS = 12;

/**
 * The replay player: lays the record out with the shared simulation (`ReplayTimeline`), then plays it on
 * `BattleCanvas` with play/pause, speed, a scrub bar and the keyboard (space, ← →). At the end it compares the
 * outcome it reached with the stored one.
 */
export function BattleReplay(props: BattleReplayProps) {
  const { initial, orders } = props;
  const [ready, setReady] = useState<{ engine: ReplayEngine; timeline: ReplayTimeline } | null>(null);
  const [progress, setProgress] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeline = new ReplayTimeline(initial, orders);
    const slice = () => {
      if (cancelled) return;
      const began = performance.now();
      try {
        while (!timeline.built && performance.now() - began < BUILD_SLICE_MS) timeline.build(20);
      } catch (error) {
        setFailure(error instanceof Error ? error.message : String(error));
        return;
      }
      if (!timeline.built) {
        setProgress((timeline.builtTo - timeline.start) / Math.max(1, initial.maxSteps - timeline.start));
        timer = setTimeout(slice, 0);
        return;
      }
      const engine = new ReplayEngine(timeline);
      if (!window.matchMedia('(prefers-reduced-motion: reduce)').matches) engine.play();
      setReady({ engine, timeline });
    };
    slice();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [initial, orders]);

  if (failure) {
    return (
      <div className={styles.replayMessage} role="alert">
        The replay could not be simulated: {failure}
      </div>
    );
  }
  if (!ready) {
    return (
      <div className={styles.replayLoading} aria-busy="true">
        <div className={styles.arenaPlaceholder}>
          <span className="spinner" aria-hidden="true" />
          <span>Rebuilding the battle… {Math.round(progress * 100)}%</span>
        </div>
      </div>
    );
  }
  return <ReplayStage {...props} engine={ready.engine} timeline={ready.timeline} />;
}

function ReplayStage({ engine, timeline, recorded, viewerSide, names, initial, orders }: BattleReplayProps & { engine: ReplayEngine; timeline: ReplayTimeline }) {
  const status = useSyncExternalStore(engine.subscribe, engine.getStatus, engine.getStatus);
  const [follow, setFollow] = useState(true);
  const lastNow = useRef(0);
  const frame = useCallback(
    (now: number) => {
      const elapsed = lastNow.current === 0 ? 0 : now - lastNow.current;
      lastNow.current = now;
      engine.tick(elapsed);
      return engine.frame();
    },
    [engine],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      const tag = target?.tagName;
      const typing = tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable || (tag === 'INPUT' && (target as HTMLInputElement).type !== 'range');
      if (typing) return;
      if (event.key === ' ' || event.code === 'Space') {
        if (tag === 'BUTTON') return; // the focused button's own click handles it
        event.preventDefault();
        engine.toggle();
      } else if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && tag !== 'INPUT') {
        event.preventDefault();
        engine.seek(Math.round(engine.position) + (event.key === 'ArrowLeft' ? -10 : 10));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [engine]);

  const check = useMemo(() => {
    if (!status.ended) return null;
    const replayed = engine.replayedOutcome();
    if (!replayed) return null;
    if (!recorded) return { ok: false, replayed, text: 'The recorded outcome is unreadable, so this replay cannot be checked against it.' };
    const difference = outcomeDifference(replayed, recorded);
    return difference ? { ok: false, replayed, text: `The replay differs from the recorded outcome (${difference}).` } : { ok: true, replayed, text: 'Replay matches the recorded outcome' };
  }, [status.ended, engine, recorded]);

  const types = useMemo(() => COMBAT_UNIT_TYPES.filter((t: CombatUnitType) => initial.ships.some((s) => s.type === t)), [initial]);
  const perspective = viewerSide ?? 'attacker';
  const winner = check?.replayed.winner ?? null;
  const result = winner ? resultFor(winner, perspective) : null;

  return (
    <div className={styles.replay}>
      <BattleCanvas frame={frame} follow={follow} label={`Replay of the battle between ${names.attacker} and ${names.defender}`}>
        <ReplayHud standing={status.standing} names={names} viewerSide={viewerSide} clockSteps={status.step - status.start} />
        <div className={styles.captions} aria-live="off">
          {recentOrders(orders, status.step).map((order) => (
            <span key={`${order.step}-${order.side}-${order.kind}`} className={styles.caption} data-side={order.side}>
              {orderCaption(
                order,
                viewerSide === order.side ? 'You' : names[order.side],
                viewerSide === order.side || names[order.side] === 'Pirates',
                order.kind === 'focus' ? UNIT_SHAPES[initial.ships[order.targetId]?.type ?? 'fighter'].name : undefined,
              )}
            </span>
          ))}
        </div>
        {status.ended && result && winner && (
          <div className={styles.endCard} data-result={result}>
            <span className={styles.endEyebrow}>{viewerSide ? 'Battle over' : winner === 'draw' ? 'Battle over' : `${names[winner]} won`}</span>
            <strong className={styles.endTitle}>{viewerSide ? RESULT_LABEL[result] : winner === 'draw' ? 'Draw' : `${winner === 'attacker' ? 'Attacker' : 'Defender'} victory`}</strong>
            <button type="button" className="btn btn-sm" onClick={() => engine.play()}>
              Watch again
            </button>
          </div>
        )}
      </BattleCanvas>
      <ReplayControls engine={engine} status={status} losses={timeline.losses} follow={follow} onFollow={setFollow} orders={orders} />
      <div className={styles.checkLine} role="status" aria-live="polite">
        {check ? (
          <span className={check.ok ? styles.checkOk : styles.checkBad}>
            <span aria-hidden="true">{check.ok ? '✓' : '⚠'}</span> {check.text}
          </span>
        ) : (
          <span className="muted">
            Re-simulated in your browser from the battle record: {formatCount(initial.ships.length, 'unit')}, the same seed, the same orders.
            <span className={styles.keysHint}> Space plays and pauses, ← → skip a second.</span>
          </span>
        )}
      </div>
      <Legend types={types} names={names} />
    </div>
  );
}

function formatCount(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
