'use client';

import type { BattleSide, CombatRole } from '@starscape/shared';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { formatBattleClock } from './interpolate';
import type { LiveBattleConnection } from './liveBattleConnection';
import type { LiveBattleHud, LiveStoreApi } from './liveBattleStore';
import { toldOrder } from './orderCaption';
import { UNIT_SHAPES } from './shapes';
import styles from './battle.module.css';
import live from './liveBattle.module.css';

/** How long a refused order's reason stays up. */
const REFUSAL_MS = 6_000;

/** Under the arena: the clock, the link, and for a commander the orders. */
export function LiveOrderBar({
  store,
  connection,
  side,
  commander,
  follow,
  onFollow,
  names,
}: {
  store: LiveStoreApi;
  connection: LiveBattleConnection | null;
  side: BattleSide | null;
  commander: boolean;
  follow: boolean;
  onFollow: (follow: boolean) => void;
  names: Record<BattleSide, string>;
}) {
  const hud = useStore(store, (s) => s.hud);
  const status = useStore(store, (s) => s.status);
  const role = useStore(store, (s) => s.role);
  const pending = useStore(store, (s) => s.pending);
  const refusal = useStore(store, (s) => s.refusal);
  const own = hud && side ? hud.sides[side] : null;
  useEffect(() => {
    if (!refusal) return;
    const timer = setTimeout(() => store.getState().actions.dismissRefusal(), REFUSAL_MS);
    return () => clearTimeout(timer);
  }, [refusal, store]);
  const canOrder = commander && status === 'live' && hud !== null && hud.winner === null && connection !== null;

  return (
    <div className={live.bar}>
      <div className={live.clock}>
        <span className={`num ${live.clockNow}`}>
          {formatBattleClock(hud?.step ?? 0)}
          <span className={live.clockTotal}> / {formatBattleClock(hud?.maxSteps ?? 0)}</span>
        </span>
        <span className={live.roleLine}>{roleText(role, side, names)}</span>
      </div>
      {commander ? (
        <div className={live.orders}>
          <p className={live.stance} data-stance={own?.retreating ? 'retreat' : own && own.focus >= 0 ? 'focus' : 'engage'}>
            {stanceText(own, hud)}
          </p>
          <div className={live.buttons}>
            <button
              type="button"
              className="btn btn-danger"
              data-order="retreat"
              disabled={!canOrder || own?.retreating === true}
              aria-busy={pending === 'retreat' || undefined}
              onClick={() => connection?.order({ kind: 'retreat' })}
              title="Fly every ship to your edge and out of the battle (turrets stay)"
            >
              {pending === 'retreat' && <span className="spinner" aria-hidden="true" />}
              Retreat
            </button>
            <button
              type="button"
              className="btn"
              data-order="engage"
              disabled={!canOrder || (own !== null && !own.retreating && own.focus < 0)}
              aria-busy={pending === 'engage' || undefined}
              onClick={() => connection?.order({ kind: 'engage' })}
              title="Cancel the retreat and the focus: every ship picks its own target again"
            >
              {pending === 'engage' && <span className="spinner" aria-hidden="true" />}
              Engage
            </button>
          </div>
          <p className={live.hint}>{hintText(own, hud, pending)}</p>
        </div>
      ) : (
        <p className={live.spectating}>
          {role === 'spectator' ? 'You are watching as a spectator: only the two commanders give orders.' : status === 'live' ? 'Watching live.' : ''}
        </p>
      )}
      <button
        type="button"
        className={`btn btn-sm ${styles.follow} ${live.followButton}`}
        aria-pressed={follow}
        onClick={() => onFollow(!follow)}
        title={follow ? 'Camera follows the fighting (click for the whole arena)' : 'Whole arena (click to follow the fighting)'}
      >
        Follow the fighting
      </button>
      {refusal && (
        <p className={live.refusal} role="alert">
          {refusal}
        </p>
      )}
      {hud && hud.orders.length > 0 && (
        <ol className={live.orderLog} aria-label="Orders given">
          {hud.orders.map((order, i) => (
            <li key={i} data-side={order.side}>
              <span className="num">{formatBattleClock(order.step)}</span> {toldOrder(order, side, names, hud.types)}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function roleText(role: CombatRole | null, side: BattleSide | null, names: Record<BattleSide, string>): string {
  if (role === 'attacker' || role === 'defender') return `You command the ${role}s`;
  if (role === 'spectator') return 'Spectator';
  return side ? `${names[side]} · ${side}` : 'Connecting…';
}

function stanceText(own: LiveBattleHud['sides'][BattleSide] | null, hud: LiveBattleHud | null): string {
  if (!own || !hud) return 'Waiting for the battle…';
  if (hud.winner) return 'The battle is over.';
  if (own.retreating) return 'Your ships are retreating to your edge.';
  if (own.focus >= 0) return `Your ships focus fire on a ${UNIT_SHAPES[hud.types[own.focus] ?? 'fighter'].name.toLowerCase()}.`;
  return 'Your ships fight on their own, each picking its target.';
}

function hintText(own: LiveBattleHud['sides'][BattleSide] | null, hud: LiveBattleHud | null, pending: string | null): string {
  if (pending === 'focus') return 'Focus order sent…';
  if (!own || !hud || hud.winner) return '';
  if (own.retreating) return 'Engage turns them back to the fight.';
  return 'Tap or click an enemy ship to focus fire on it.';
}
