'use client';

import { useGame } from '../session/GameProvider';
import { BattleNotice } from './BattleNotice';
import { BuildingGrid } from './BuildingGrid';
import { ConnectionBanner } from './ConnectionBanner';
import { FleetStrip } from './FleetStrip';
import { FleetView } from './FleetView';
import { BuildingIcon, ShipIcon } from './icons';
import { ResourcePanel } from './ResourcePanel';
import { ShipyardView } from './ShipyardView';
import { StatusScreen } from './StatusScreen';
import { Toasts } from './Toasts';
import { TownHeader } from './TownHeader';
import { UpgradeStatus } from './UpgradeStatus';
import { useViewTab } from './useViewTab';
import { VIEW_TABS } from './viewTab';
import { ViewTabs, tabId, tabPanelId } from './ViewTabs';
import styles from './game.module.css';

/**
 * The game page: the town once its state is here, the connection status until then. Resources, the
 * construction bay and the docked fleet stay on top; below them one section at a time (Base, Shipyard, Fleet),
 * chosen with tabs and kept in the URL hash.
 */
export function GameView() {
  const hasTown = useGame((s) => s.view !== null);
  return (
    <div className={styles.view}>
      {hasTown ? <Town /> : <StatusScreen />}
      <Toasts />
    </div>
  );
}

function Town() {
  const [tab, setTab] = useViewTab();
  const inProduction = useGame((s) => s.view?.town.shipyard.reduce((sum, o) => sum + o.remaining, 0) ?? 0);
  const fleetsAway = useGame((s) => s.view?.town.fleets.length ?? 0);
  return (
    <>
      <TownHeader />
      <ConnectionBanner />
      <BattleNotice />
      <ResourcePanel />
      <div className={styles.overview}>
        <UpgradeStatus />
        <FleetStrip
          onOpenShipyard={tab === 'shipyard' ? undefined : () => setTab('shipyard')}
          onOpenFleets={tab === 'fleet' ? undefined : () => setTab('fleet')}
        />
      </div>
      <ViewTabs
        tab={tab}
        onSelect={setTab}
        tabs={{
          base: { label: 'Base', icon: <BuildingIcon building="commandCenter" size={18} /> },
          shipyard: {
            label: 'Shipyard',
            icon: <BuildingIcon building="shipyard" size={18} />,
            badge: inProduction > 0 ? inProduction.toLocaleString('en-US') : null,
            badgeLabel: `${inProduction} ships in production`,
          },
          fleet: {
            label: 'Fleet',
            icon: <ShipIcon ship="fighter" size={18} />,
            badge: fleetsAway > 0 ? String(fleetsAway) : null,
            badgeLabel: `${fleetsAway} ${fleetsAway === 1 ? 'fleet' : 'fleets'} away`,
          },
        }}
      />
      {VIEW_TABS.map((t) => (
        <div key={t} role="tabpanel" id={tabPanelId(t)} aria-labelledby={tabId(t)} hidden={t !== tab} className={styles.tabPanel} data-view={t}>
          {/* only the open section is rendered: the others would re-render 4×/s for nothing */}
          {t === tab && (t === 'base' ? <BuildingGrid /> : t === 'shipyard' ? <ShipyardView /> : <FleetView />)}
        </div>
      ))}
    </>
  );
}
