'use client';

import { MAX_FLEETS_IN_FLIGHT, SHIPS, SHIP_INFO, type FleetInFlight } from '@starscape/shared';
import Link from 'next/link';
import { CostList } from './CostList';
import { flightPhase, type FlightPhase } from './flightPhase';
import { formatCountdown } from './format';
import { ShipIcon } from './icons';
import { KIND_LABEL } from './MissionBoard';
import styles from './missions.module.css';
import away from './fleetsAway.module.css';

const STATUS_TEXT: Record<FlightPhase['status'], string> = {
  outbound: 'Outbound',
  arriving: 'Arriving…',
  fighting: 'Fighting',
  returning: 'Returning',
  docking: 'Docking…',
};

/** Every fleet away, oldest first, with a live countdown to its next moment. */
export function FleetsAway({ fleets, now, speed }: { fleets: readonly FleetInFlight[]; now: number; speed: number }) {
  return (
    <section className={`panel ${styles.away}`} aria-labelledby="away-title" data-fleets-away={fleets.length}>
      <header className={styles.sectionHead}>
        <h2 id="away-title" className={styles.sectionTitle}>
          Fleets away
        </h2>
        <span className={`num ${styles.awayCount}`} title={`At most ${MAX_FLEETS_IN_FLIGHT} fleets can be away at once`}>
          {fleets.length} / {MAX_FLEETS_IN_FLIGHT}
        </span>
      </header>
      {fleets.length === 0 ? (
        <p className={styles.noFleets}>No fleets away. Pick a mission, choose your ships and launch.</p>
      ) : (
        <ol className={styles.fleets}>
          {fleets.map((f) => (
            <FleetRow key={f.id} fleet={f} phase={flightPhase(f, now, speed)} />
          ))}
        </ol>
      )}
    </section>
  );
}

function FleetRow({ fleet, phase }: { fleet: FleetInFlight; phase: FlightPhase }) {
  const carrying = fleet.cargo.metal + fleet.cargo.crystal + fleet.cargo.fuel > 0;
  return (
    <li className={styles.fleet} data-fleet={fleet.id} data-status={fleet.status} data-phase={phase.status}>
      <div className={styles.fleetHead}>
        <span className={styles.kind} data-kind={fleet.mission.kind}>
          {KIND_LABEL[fleet.mission.kind]}
        </span>
        <span className={styles.fleetTitle}>{fleet.mission.title}</span>
        <span className={styles.status} data-phase={phase.status}>
          {STATUS_TEXT[phase.status]}
        </span>
      </div>
      <ul className={styles.fleetShips} aria-label="Ships in this fleet">
        {SHIPS.filter((s) => fleet.ships[s] > 0).map((s) => (
          <li key={s} title={SHIP_INFO[s].name}>
            <ShipIcon ship={s} size={16} />
            <span className="num">{fleet.ships[s].toLocaleString('en-US')}</span>
            <span className="sr-only">{SHIP_INFO[s].name}</span>
          </li>
        ))}
      </ul>
      {(phase.status === 'outbound' || phase.status === 'returning') && (
        <div className={styles.timer}>
          <div
            className={styles.track}
            data-direction={phase.status}
            role="progressbar"
            aria-label={phase.status === 'outbound' ? 'Flight out' : 'Flight home'}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(phase.progress * 100)}
          >
            <span style={{ width: `${phase.progress * 100}%` }} />
          </div>
          <span className={styles.eta}>
            {phase.status === 'outbound' ? 'arrives in' : 'lands in'} <span className="num">{formatCountdown(phase.remaining)}</span>
          </span>
        </div>
      )}
      {phase.status === 'fighting' && (
        <p className={styles.note}>
          Engaged at the target{phase.remaining !== null && (
            <>
              {' · '}survivors turn home in <span className="num">{formatCountdown(phase.remaining)}</span>
            </>
          )}
        </p>
      )}
      {(fleet.battleId || fleet.status === 'returning') && (
        <div className={styles.fleetFoot}>
          {fleet.status === 'returning' &&
            (carrying ? (
              <span className={styles.cargo}>
                <span className={styles.factLabel}>Carrying</span>
                <CostList cost={fleet.cargo} label="Cargo carried home" />
              </span>
            ) : (
              phase.status !== 'fighting' && <span className={styles.note}>Holds empty</span>
            ))}
          {fleet.battleId &&
            (fleet.status === 'fighting' ? (
              // the battle is being fought right now: watch it (and command it) live
              <Link className={`btn btn-sm btn-primary ${away.watch}`} href={`/battles/${encodeURIComponent(fleet.battleId)}`} data-watch-battle={fleet.battleId}>
                <span className={away.watchDot} aria-hidden="true" />
                Watch live
              </Link>
            ) : (
              <Link className={styles.report} href={`/battles/${encodeURIComponent(fleet.battleId)}`} data-battle-link={fleet.battleId}>
                Battle report →
              </Link>
            ))}
        </div>
      )}
    </li>
  );
}
