'use client';

import { useGame } from '../session/GameProvider';
import { BuildingGrid } from './BuildingGrid';
import { ConnectionBanner } from './ConnectionBanner';
import { ResourcePanel } from './ResourcePanel';
import { StatusScreen } from './StatusScreen';
import { Toasts } from './Toasts';
import { TownHeader } from './TownHeader';
import { UpgradeStatus } from './UpgradeStatus';
import styles from './game.module.css';

/** The game page: the town once its state is here, the connection status until then. */
export function GameView() {
  const hasTown = useGame((s) => s.view !== null);
  return (
    <div className={styles.view}>
      {hasTown ? (
        <>
          <TownHeader />
          <ConnectionBanner />
          <ResourcePanel />
          <UpgradeStatus />
          <BuildingGrid />
        </>
      ) : (
        <StatusScreen />
      )}
      <Toasts />
    </div>
  );
}
