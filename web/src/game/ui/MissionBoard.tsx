'use client';

import { SHIPS, SHIP_INFO, type Mission, type MissionBoard as Board, type ShipCounts, type Town } from '@starscape/shared';
import { CostList } from './CostList';
import { formatCountdown } from './format';
import { ClockIcon, ShipIcon } from './icons';
import styles from './missions.module.css';

export const KIND_LABEL: Record<Mission['kind'] | 'raid', string> = {
  patrol: 'Patrol',
  salvage: 'Salvage',
  expedition: 'Expedition',
  raid: 'Raid',
};

/** "3 Fighters, 1 Frigate" */
export function shipList(ships: ShipCounts): string {
  return SHIPS.filter((s) => (ships[s] ?? 0) > 0)
    .map((s) => `${ships[s]} ${ships[s] === 1 ? SHIP_INFO[s].name : `${SHIP_INFO[s].name}s`}`)
    .join(', ');
}

function Opposition({ mission }: { mission: Mission }) {
  if (mission.kind === 'salvage') return <span className="muted">No pirates expected</span>;
  const ships = SHIPS.filter((s) => (mission.pirates[s] ?? 0) > 0);
  return (
    <span className={styles.pirates}>
      {mission.kind === 'expedition' && <span className={styles.maybe}>Possible ambush:</span>}
      {ships.map((s) => (
        <span key={s} className={styles.pirate} title={SHIP_INFO[s].name}>
          <ShipIcon ship={s} size={16} />
          <span className="num">{mission.pirates[s]}</span>
          <span className={styles.pirateName}>{mission.pirates[s] === 1 ? SHIP_INFO[s].name : `${SHIP_INFO[s].name}s`}</span>
        </span>
      ))}
    </span>
  );
}

const REWARD_LABEL: Record<Mission['kind'], string> = {
  patrol: 'Bounty',
  salvage: 'Wreckage',
  expedition: 'Possible find',
};

/** The four missions of the current board; one is picked for the composer below. Flown ones are marked. */
export function MissionBoard({ board, town, now, selectedId, onSelect }: { board: Board; town: Town; now: number; selectedId: string; onSelect: (id: string) => void }) {
  return (
    <section aria-labelledby="missions-title">
      <div className={styles.sectionHead}>
        <h2 id="missions-title" className={styles.sectionTitle}>
          Mission board
        </h2>
        <span className={styles.refresh} data-refreshes-at={board.refreshesAt} title="A new board is drawn then; fleets already out keep their mission">
          <ClockIcon /> New missions in <span className="num">{formatCountdown(board.refreshesAt - now)}</span>
        </span>
      </div>
      <ul className={styles.board}>
        {board.missions.map((m) => {
          const taken = town.missionsTaken.includes(m.id);
          const selected = m.id === selectedId && !taken;
          return (
            <li
              key={m.id}
              className={`panel ${styles.mission}`}
              data-mission={m.id}
              data-kind={m.kind}
              data-taken={taken || undefined}
              data-selected={selected || undefined}
              // the whole card picks the mission for a pointer; the button below is the accessible control
              onClick={taken ? undefined : () => onSelect(m.id)}
            >
              <div className={styles.missionHead}>
                <span className={styles.kind} data-kind={m.kind}>
                  {KIND_LABEL[m.kind]}
                </span>
                {taken && <span className={styles.flown}>Flown</span>}
                <span className={styles.distance} title="One-way distance: flight time depends on your slowest ship">
                  Distance <span className="num">{m.distance.toLocaleString('en-US')}</span>
                </span>
              </div>
              <h3 className={styles.missionTitle}>{m.title}</h3>
              <p className={styles.missionText}>{m.description}</p>
              <dl className={styles.facts}>
                <div className={styles.fact}>
                  <dt className={styles.factLabel}>You face</dt>
                  <dd>
                    <Opposition mission={m} />
                  </dd>
                </div>
                <div className={styles.fact}>
                  <dt className={styles.factLabel}>{REWARD_LABEL[m.kind]}</dt>
                  <dd>
                    <CostList cost={m.reward} label={REWARD_LABEL[m.kind]} />
                  </dd>
                </div>
              </dl>
              <button type="button" className={styles.pick} aria-pressed={selected} disabled={taken} onClick={() => onSelect(m.id)}>
                {taken ? '✓ Flown' : selected ? 'Selected: compose below' : 'Pick this mission'}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
