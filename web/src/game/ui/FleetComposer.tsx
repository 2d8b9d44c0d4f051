'use client';

import { fitCargo, type Mission, type ShipId, type Town } from '@starscape/shared';
import { DockedShipRows } from './DockedShipRows';
import { formatAmount, formatCompact, formatDuration } from './format';
import { KIND_LABEL } from './MissionBoard';
import { VERDICT_TEXT, launchProblem, planFleet, strengthHint } from './fleetPlan';
import { ClockIcon, ResourceIcon, StatIcon } from './icons';
import styles from './missions.module.css';

export interface FleetComposerProps {
  mission: Mission;
  /** the town advanced to `now` */
  town: Town;
  now: number;
  /** the picked counts, already within 0..docked */
  ships: Record<ShipId, number>;
  onChange: (ship: ShipId, count: number) => void;
  live: boolean;
  sending: boolean;
  onLaunch: () => void;
}

/** Picks the ships for one mission and shows what the flight costs and carries before it leaves. */
export function FleetComposer({ mission, town, now, ships, onChange, live, sending, onLaunch }: FleetComposerProps) {
  const plan = planFleet(town, mission, ships, now);
  const problem = launchProblem(town, mission, ships, now);
  const hint = mission.kind === 'salvage' ? null : strengthHint(ships, mission.pirates);
  const reason = !live ? 'Waiting for the link to the game server.' : (problem?.reason ?? null);
  const taken = problem?.code === 'mission/taken';
  const fuelShort = plan.fuel > plan.fuelInStock;
  // bounties and finds come home only as far as the holds go
  const carried = fitCargo(mission.reward, plan.cargo);
  const carriedTotal = carried.metal + carried.crystal + carried.fuel;
  const rewardTotal = mission.reward.metal + mission.reward.crystal + mission.reward.fuel;

  return (
    <section className={`panel ${styles.composer}`} aria-labelledby="composer-title" data-composer={mission.id}>
      <header className={styles.composerHead}>
        <span className={styles.kind} data-kind={mission.kind}>
          {KIND_LABEL[mission.kind]}
        </span>
        <h2 id="composer-title" className={styles.composerTitle}>
          {mission.title}
        </h2>
      </header>

      <DockedShipRows use="send" town={town} ships={ships} onChange={onChange} disabled={taken || sending} />

      <dl className={styles.summary}>
        <div>
          <dt>
            <ClockIcon /> Flight, one way
          </dt>
          <dd className="num">{plan.ships > 0 ? formatDuration(plan.flightMs) : '—'}</dd>
        </div>
        <div data-short={fuelShort || undefined} data-summary="fuel">
          <dt>
            <ResourceIcon resource="fuel" size={14} /> Fuel, round trip
          </dt>
          <dd>
            <span className="num">{formatAmount(plan.fuel)}</span>
            <span className={styles.of}>
              {' '}
              of <span className="num">{formatAmount(plan.fuelInStock)}</span> in stock
            </span>
          </dd>
        </div>
        <div data-warn={(mission.kind === 'salvage' && plan.ships > 0 && plan.cargo === 0) || undefined}>
          <dt>
            <StatIcon stat="cargo" /> Cargo room
          </dt>
          <dd>
            <span className="num">{formatAmount(plan.cargo)}</span>
            {plan.ships > 0 && (
              <span className={styles.of} data-fits={carriedTotal >= rewardTotal || undefined}>
                {' '}
                {carriedTotal >= rewardTotal ? 'holds the whole reward' : `carries ${formatAmount(carriedTotal)} of ${formatAmount(rewardTotal)}`}
              </span>
            )}
          </dd>
        </div>
        {hint && (
          <div data-verdict={hint.verdict} title="A rough guess (your attack × hull against theirs); the battle also weighs range, shields and evasion">
            <dt>
              <StatIcon stat="attack" /> {mission.kind === 'expedition' ? 'If ambushed' : 'Strength'}
            </dt>
            <dd>
              <strong className={styles.verdict}>{plan.ships > 0 ? VERDICT_TEXT[hint.verdict] : '—'}</strong>
              <span className={styles.versus}>
                attack · hull: you <span className="num">{formatCompact(hint.mine.attack)}</span> · <span className="num">{formatCompact(hint.mine.hull)}</span>, pirates{' '}
                <span className="num">{formatCompact(hint.theirs.attack)}</span> · <span className="num">{formatCompact(hint.theirs.hull)}</span>
              </span>
            </dd>
          </div>
        )}
      </dl>

      <div className={styles.launch}>
        <button type="button" className="btn btn-primary" data-launch={mission.id} disabled={problem !== null || sending || !live} aria-describedby={reason ? 'launch-why' : undefined} onClick={onLaunch}>
          {sending ? (
            <>
              <span className="spinner" aria-hidden="true" /> Launching…
            </>
          ) : plan.ships > 0 ? (
            `Launch ${plan.ships.toLocaleString('en-US')} ${plan.ships === 1 ? 'ship' : 'ships'}`
          ) : (
            'Launch'
          )}
        </button>
        {reason && !sending && (
          <span id="launch-why" className={styles.reason} data-reason={problem?.code}>
            {reason}
          </span>
        )}
      </div>
    </section>
  );
}
