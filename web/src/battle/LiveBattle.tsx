'use client';

import { COMBAT_UNIT_TYPES, type BattleSide, type CombatUnitType } from '@starscape/shared';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { BattleCanvas } from './BattleCanvas';
import type { FrameSource } from './frame';
import { Legend } from './Legend';
import { useRoomConnection } from '../game/session/useRoomConnection';
import { LiveBattleConnection } from './liveBattleConnection';
import { LiveOrderBar } from './LiveOrderBar';
import { createLiveStore, type LiveBattleHud, type LiveStatus, type LiveStoreApi } from './liveBattleStore';
import { recentOrders, toldOrder } from './orderCaption';
import { ReplayHud } from './ReplayHud';
import { RESULT_LABEL, otherSide, resultFor } from './report';
import styles from './battle.module.css';
import live from './liveBattle.module.css';

/** After the battle is decided, the end card stays this long before the page asks for the report. */
const RESULT_HOLD_MS = 2_500;
/** Then (or at once, when the room is gone) the page reloads the report this often until it is finished. */
const REFRESH_EVERY_MS = 1_500;

const NO_FRAME: FrameSource = () => null;

export interface LiveBattleProps {
  battleId: string;
  /** the sides' names from the record (the room's own names replace them once it answers) */
  names: Record<BattleSide, string>;
  /** the viewer's side by the record (the room's welcome confirms it) */
  viewerSide: BattleSide | null;
}

/**
 * A battle being fought, watched live: joins its `combat` room, draws it on `BattleCanvas` (gliding between the
 * room's patches), shows both sides' standing and the battle clock, and lets a commander order a retreat, an
 * engage (back to the targeting AI) or focus fire (a click on an enemy ship). When the battle is decided it
 * shows the result, then reloads the page until the finished report (and its replay) is there.
 */
export function LiveBattle({ battleId, names: recordNames, viewerSide }: LiveBattleProps) {
  const [store] = useState(createLiveStore);
  const connection = useRoomConnection(() => new LiveBattleConnection(battleId, store), [battleId, store]);
  const [follow, setFollow] = useState(true);

  const status = useStore(store, (s) => s.status);
  const role = useStore(store, (s) => s.role);
  const hud = useStore(store, (s) => s.hud);
  const problem = useStore(store, (s) => s.problem);
  useReportRefresh(store, hud?.winner != null || status === 'over');

  const names = hud?.names ?? recordNames;
  // the side told from: the room's word once it welcomed us, the record's until then
  const side: BattleSide | null = role === null ? viewerSide : role === 'spectator' ? null : role;
  const commander = role === 'attacker' || role === 'defender';
  const winner = hud?.winner ?? null;

  const onShipClick = commander && connection && winner === null ? (id: number) => connection.order({ kind: 'focus', targetId: id }) : undefined;
  const unitTypes = hud?.types;
  const types = useMemo(() => COMBAT_UNIT_TYPES.filter((t: CombatUnitType) => unitTypes?.includes(t) ?? false), [unitTypes]);

  return (
    <div
      className={styles.replay}
      data-live-battle={battleId}
      data-role={role ?? undefined}
      data-step={hud?.step ?? 0}
      data-winner={winner ?? ''}
      data-status={status}
    >
      <BattleCanvas
        frame={connection?.stream.frame ?? NO_FRAME}
        follow={follow}
        onShipClick={onShipClick}
        clickableSide={side === null ? undefined : otherSide(side)}
        className={onShipClick ? live.commandable : undefined}
        label={`Live battle between ${names.attacker} and ${names.defender}`}
      >
        {hud ? (
          <>
            <ReplayHud standing={hud.standing} names={names} viewerSide={side} clockSteps={hud.step} />
            {winner === null && (
              <span className={live.liveBadge} data-status={status}>
                <span className={live.liveDot} aria-hidden="true" />
                {status === 'live' ? 'Live' : status === 'reconnecting' || status === 'connecting' ? 'Reconnecting' : 'Link lost'}
              </span>
            )}
            <Captions hud={hud} side={side} names={names} />
            {winner && <EndCard winner={winner} side={side} names={names} />}
          </>
        ) : (
          <Waiting status={status} problem={problem} />
        )}
      </BattleCanvas>
      <LiveOrderBar store={store} connection={connection} side={side} commander={commander} follow={follow} onFollow={setFollow} names={names} />
      <Legend types={types} names={names} />
    </div>
  );
}

/** While the view waits for the battle (joining, or the room is gone): what is going on, over the dark arena. */
function Waiting({ status, problem }: { status: LiveStatus; problem: { message: string; signedOut: boolean } | null }) {
  if (status === 'over') {
    return (
      <div className={live.waiting} role="status">
        <span className="spinner" aria-hidden="true" />
        <span>Waiting for this battle’s result…</span>
      </div>
    );
  }
  if (status === 'offline') {
    return (
      <div className={live.waiting} role="alert">
        <span>{problem?.message ?? 'Cannot reach the game server.'}</span>
        {problem?.signedOut && (
          <Link className="btn btn-sm btn-primary" href="/login">
            Log in again
          </Link>
        )}
      </div>
    );
  }
  return (
    <div className={live.waiting} role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{problem ? `${problem.message} Trying again…` : 'Joining the battle…'}</span>
    </div>
  );
}

function Captions({ hud, side, names }: { hud: LiveBattleHud; side: BattleSide | null; names: Record<BattleSide, string> }) {
  return (
    <div className={styles.captions} aria-live="polite">
      {recentOrders(hud.orders, hud.step + 1).map((order) => (
        <span key={`${order.step}-${order.side}-${order.kind}`} className={styles.caption} data-side={order.side}>
          {toldOrder(order, side, names, hud.types)}
        </span>
      ))}
    </div>
  );
}

function EndCard({ winner, side, names }: { winner: NonNullable<LiveBattleHud['winner']>; side: BattleSide | null; names: Record<BattleSide, string> }) {
  const result = resultFor(winner, side ?? 'attacker');
  return (
    <div className={styles.endCard} data-result={side ? result : winner === 'draw' ? 'draw' : 'neutral'} role="status">
      <span className={styles.endEyebrow}>{side || winner === 'draw' ? 'Battle over' : `${names[winner]} won`}</span>
      <strong className={styles.endTitle}>{side && result ? RESULT_LABEL[result] : winner === 'draw' ? 'Draw' : `${winner === 'attacker' ? 'Attacker' : 'Defender'} victory`}</strong>
      <span className={live.loadingReport}>
        <span className="spinner" aria-hidden="true" /> Loading the battle report…
      </span>
    </div>
  );
}

/**
 * Once the battle is decided (or its room is gone), reloads the server page every so often until it has the
 * finished report; the page then renders the report and the replay in place of this view.
 */
function useReportRefresh(store: LiveStoreApi, waiting: boolean) {
  const router = useRouter();
  useEffect(() => {
    if (!waiting) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      router.refresh();
      timer = setTimeout(tick, REFRESH_EVERY_MS);
    };
    // let a decided battle's end sink in first; a room that is simply gone has nothing more to show
    timer = setTimeout(tick, store.getState().hud?.winner ? RESULT_HOLD_MS : 0);
    return () => clearTimeout(timer);
  }, [waiting, store, router]);
}
