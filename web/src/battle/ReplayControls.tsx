'use client';

import type { BattleSide, CombatOrder } from '@starscape/shared';
import { PLAYBACK_SPEEDS, formatBattleClock } from './interpolate';
import { LossStrip } from './LossStrip';
import type { ReplayEngine, ReplayStatus } from './replayEngine';
import styles from './battle.module.css';

/** Play/pause, restart, the battle clock, speed, and the scrub bar over the losses strip. */
export function ReplayControls({
  engine,
  status,
  losses,
  follow,
  onFollow,
  orders,
}: {
  engine: ReplayEngine;
  status: ReplayStatus;
  losses: Readonly<Record<BattleSide, readonly number[]>>;
  follow: boolean;
  onFollow: (follow: boolean) => void;
  /** drawn as marks on the scrub bar (the attacker's above, the defender's below) */
  orders: readonly CombatOrder[];
}) {
  const { step, start, end, playing, speed, ended } = status;
  const span = Math.max(1, end - start);
  const progress = ((step - start) / span) * 100;
  return (
    <div className={styles.controls}>
      <div className={styles.scrub} style={{ ['--progress' as string]: `${progress}%` }}>
        <LossStrip losses={losses} />
        <div className={styles.scrubFill} aria-hidden="true" />
        {orders
          .filter((order) => order.step >= start && order.step <= end)
          .map((order, i) => (
            <span
              key={i}
              className={styles.orderMark}
              data-side={order.side}
              style={{ left: `${((order.step - start) / span) * 100}%` }}
              aria-hidden="true"
            />
          ))}
        <input
          type="range"
          className={styles.range}
          min={start}
          max={end}
          step={1}
          value={step}
          onChange={(e) => engine.seek(Number(e.currentTarget.value))}
          aria-label="Battle time"
          aria-valuetext={`${formatBattleClock(step - start)} of ${formatBattleClock(span)}, step ${step - start} of ${span}`}
        />
      </div>
      <div className={styles.buttons}>
        <button
          type="button"
          className={`btn btn-primary ${styles.play}`}
          onClick={() => engine.toggle()}
          aria-label={playing ? 'Pause' : ended ? 'Watch again' : 'Play'}
          title="Space"
        >
          {playing ? <PauseIcon /> : ended ? <AgainIcon /> : <PlayIcon />}
          <span className={styles.playText}>{playing ? 'Pause' : ended ? 'Again' : 'Play'}</span>
        </button>
        <button type="button" className={`btn ${styles.iconButton}`} onClick={() => engine.seek(start)} aria-label="Back to the start" title="Back to the start">
          <RestartIcon />
        </button>
        <div className={styles.clock}>
          <span className="num">
            {formatBattleClock(step - start)}
            <span className={styles.clockTotal}> / {formatBattleClock(span)}</span>
          </span>
          <span className={`num ${styles.stepCount}`}>
            step {step - start}/{span}
          </span>
        </div>
        <button
          type="button"
          className={`btn ${styles.iconButton} ${styles.follow}`}
          aria-pressed={follow}
          onClick={() => onFollow(!follow)}
          aria-label="Follow the fighting"
          title={follow ? 'Camera follows the fighting (click for the whole arena)' : 'Whole arena (click to follow the fighting)'}
        >
          <FollowIcon />
        </button>
        <div className={styles.speeds} role="group" aria-label="Playback speed">
          {PLAYBACK_SPEEDS.map((s) => (
            <button key={s} type="button" className={styles.speed} aria-pressed={s === speed} onClick={() => engine.setSpeed(s)}>
              {s}×
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

function PlayIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M7 4.5v15l12.5-7.5L7 4.5Z" fill="currentColor" />
    </svg>
  );
}

function PauseIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M6.5 4.5h4v15h-4zM13.5 4.5h4v15h-4z" fill="currentColor" />
    </svg>
  );
}

function AgainIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M4 12a8 8 0 1 0 2.6-5.9M4 4v4.5h4.5" />
    </svg>
  );
}

function FollowIcon() {
  return (
    <svg width="17" height="17" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
      <path d="M4 8V4h4M20 8V4h-4M4 16v4h4M20 16v4h-4" />
      <circle cx="12" cy="12" r="3" />
    </svg>
  );
}

function RestartIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M5 4.5h2.5v15H5zM19.5 4.5v15L9 12l10.5-7.5Z" fill="currentColor" />
    </svg>
  );
}
