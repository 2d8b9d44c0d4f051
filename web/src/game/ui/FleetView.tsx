'use client';

import { SHIPS, advance, missionBoard, type ShipId } from '@starscape/shared';
import { useState } from 'react';
import { useGalaxy } from '../../galaxy/session/GalaxyProvider';
import { pendingRaidTarget } from '../session/GameConnection';
import { useGame, useGameCommands } from '../session/GameProvider';
import { useServerNow } from '../session/useServerNow';
import { clampShips, dispatchShips } from './fleetPlan';
import { FleetComposer } from './FleetComposer';
import { FleetsAway } from './FleetsAway';
import { MissionBoard } from './MissionBoard';
import { RaidPanel } from './RaidPanel';
import styles from './missions.module.css';

const NO_SHIPS = Object.fromEntries(SHIPS.map((s) => [s, 0])) as Record<ShipId, number>;

/**
 * The Fleet section: the mission board (drawn on this side from the same seed as the server's), the
 * composer for the picked mission, the fleets away, and the raid panel. Ticks once a second: every number
 * here is a countdown or a stock. `raidTarget`: a starbase picked elsewhere (the galaxy map, a profile) to raid.
 */
export function FleetView({ raidTarget = null }: { raidTarget?: string | null }) {
  const town = useGame((s) => s.view?.town);
  const townId = useGame((s) => s.view?.meta.townId ?? '');
  const isOwner = useGame((s) => s.role === 'owner');
  const live = useGame((s) => s.status === 'live');
  const pending = useGame((s) => s.pending);
  const commands = useGameCommands();
  const now = useServerNow(1000);
  const [picked, setPicked] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<ShipId, number>>(NO_SHIPS);
  const [raidCounts, setRaidCounts] = useState<Record<ShipId, number>>(NO_SHIPS);
  // what the galaxy map showed of the target, if the player came from there
  const known = useGalaxy((s) => (raidTarget ? (s.knownTowns[raidTarget] ?? null) : null));
  if (!town) return null;

  // the town as it is now: ships built by now docked, fleets due home landed
  const current = advance(town, now);
  const board = missionBoard(townId, now, town.speed);
  const open = board.missions.filter((m) => !current.missionsTaken.includes(m.id));
  // the picked mission while it is open, else the first one not flown yet (after a launch: the next one)
  const selected = open.find((m) => m.id === picked) ?? open[0] ?? board.missions[0]!;
  const withinDock = (wanted: Record<ShipId, number>) => Object.fromEntries(SHIPS.map((s) => [s, clampShips(wanted[s], current.ships[s])])) as Record<ShipId, number>;
  const ships = withinDock(counts);
  // the raid panel keeps its own pick: choosing ships for one never changes the other
  const raidShips = withinDock(raidCounts);
  const raiding = pendingRaidTarget(pending) !== null;
  const sending = pending?.kind === 'dispatch' && !raiding;

  return (
    <div className={styles.view}>
      <MissionBoard board={board} town={current} now={now} selectedId={selected.id} onSelect={setPicked} />
      <div className={styles.lower}>
        {isOwner && (
          <FleetComposer
            mission={selected}
            town={current}
            now={now}
            ships={ships}
            onChange={(ship, count) => setCounts({ ...ships, [ship]: clampShips(count, current.ships[ship]) })}
            live={live}
            sending={sending}
            onLaunch={() => {
              commands?.dispatchFleet(selected.id, dispatchShips(ships));
              setCounts(NO_SHIPS);
            }}
          />
        )}
        <FleetsAway fleets={current.fleets} now={now} speed={town.speed} />
      </div>
      {isOwner && (
        <RaidPanel
          town={current}
          now={now}
          ships={raidShips}
          onChange={(ship, count) => setRaidCounts({ ...raidShips, [ship]: clampShips(count, current.ships[ship]) })}
          live={live}
          sending={raiding}
          preselected={raidTarget ? { townId: raidTarget, name: known?.name ?? null, ownerName: known?.ownerName ?? null } : null}
          onLaunch={(targetTownId) => {
            commands?.raid(targetTownId, dispatchShips(raidShips));
            setRaidCounts(NO_SHIPS);
          }}
        />
      )}
    </div>
  );
}
