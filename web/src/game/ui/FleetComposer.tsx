'use client';

import { SHIPS, SHIP_INFO, fitCargo, type Mission, type ShipId, type Town } from '@starscape/shared';
import { formatAmount, formatCompact, formatDuration } from './format';
import { KIND_LABEL } from './MissionBoard';
import { VERDICT_TEXT, launchProblem, planFleet, strengthHint } from './fleetPlan';
import { ClockIcon, ResourceIcon, ShipIcon, StatIcon } from './icons';
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
  const totalDocked = SHIPS.reduce((sum, s) => sum + town.ships[s], 0);
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

      {totalDocked === 0 ? (
        <p className={styles.noShips}>No ships docked. Build some in the Shipyard, or wait for a fleet to come home.</p>
      ) : (
        <ul className={styles.rows} aria-label="Ships to send">
          {SHIPS.filter((s) => town.ships[s] > 0).map((s) => (
            <ShipRow key={s} ship={s} docked={town.ships[s]} count={ships[s]} onChange={(n) => onChange(s, n)} disabled={taken || sending} />
          ))}
        </ul>
      )}

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

function ShipRow({ ship, docked, count, onChange, disabled }: { ship: ShipId; docked: number; count: number; onChange: (count: number) => void; disabled: boolean }) {
  const info = SHIP_INFO[ship];
  const inputId = `send-${ship}`;
  return (
    <li className={styles.row} data-send-ship={ship} data-count={count}>
      <span className={styles.rowShip}>
        <ShipIcon ship={ship} size={22} />
        <label htmlFor={inputId} className={styles.rowName}>
          {info.name}
          <span className={styles.rowDocked}>
            <span className="num">{docked.toLocaleString('en-US')}</span> docked
          </span>
        </label>
      </span>
      <span className={styles.rowControls}>
        <button type="button" className={styles.step} aria-label={`One ${info.name} fewer`} disabled={disabled || count <= 0} onClick={() => onChange(count - 1)}>
          −
        </button>
        <input
          id={inputId}
          className={`num no-spin ${styles.countInput}`}
          type="number"
          inputMode="numeric"
          min={0}
          max={docked}
          step={1}
          value={count}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value === '' ? 0 : Number(event.target.value))}
        />
        <button type="button" className={styles.step} aria-label={`One ${info.name} more`} disabled={disabled || count >= docked} onClick={() => onChange(count + 1)}>
          +
        </button>
        <button type="button" className={styles.chip} aria-pressed={count === docked} disabled={disabled} onClick={() => onChange(docked)}>
          All
        </button>
        <button type="button" className={styles.chip} aria-pressed={count === 0} disabled={disabled} onClick={() => onChange(0)}>
          None
        </button>
      </span>
    </li>
  );
}
