'use client';

import { fitCargo, type Mission, type ShipId, type Town } from '@starscape/shared';
import { DockedShipRows } from './DockedShipRows';
import { FlightSummary } from './FlightSummary';
import { formatAmount, formatCompact } from './format';
import { KIND_LABEL } from './MissionBoard';
import { VERDICT_TEXT, launchProblem, planFleet, strengthHint } from './fleetPlan';
import { StatIcon } from './icons';
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
  /** a launch was sent and is not answered yet */
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
  // bounties and finds come home only as far as the holds go
  const carried = fitCargo(mission.reward, plan.cargo);
  const carriedTotal = carried.metal + carried.crystal + carried.fuel;
  const rewardTotal = mission.reward.metal + mission.reward.crystal + mission.reward.fuel;
  const fits = carriedTotal >= rewardTotal;
  const cargoNote = plan.ships === 0 ? null : fits ? 'holds the whole reward' : `carries ${formatAmount(carriedTotal)} of ${formatAmount(rewardTotal)}`;

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

      <FlightSummary plan={plan} cargoNote={cargoNote} cargoFits={fits} cargoWarn={mission.kind === 'salvage' && plan.ships > 0 && plan.cargo === 0}>
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
      </FlightSummary>

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
