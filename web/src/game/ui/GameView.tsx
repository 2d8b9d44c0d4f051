'use client';

import { GalaxyIcon } from '../../galaxy/map/GalaxyIcon';
import { GalaxyProvider } from '../../galaxy/session/GalaxyProvider';
import { useGame } from '../session/GameProvider';
import { BattleNotice } from './BattleNotice';
import { BuildingGrid } from './BuildingGrid';
import { ChatPanel } from './ChatPanel';
import { ConnectionBanner } from './ConnectionBanner';
import { FleetStrip } from './FleetStrip';
import { FleetView } from './FleetView';
import { GalaxyView } from './GalaxyView';
import { BuildingIcon, ShipIcon } from './icons';
import { ResourcePanel } from './ResourcePanel';
import { ShipyardView } from './ShipyardView';
import { StatusScreen } from './StatusScreen';
import { Toasts } from './Toasts';
import { TownHeader } from './TownHeader';
import { UpgradeStatus } from './UpgradeStatus';
import { useViewRoute } from './useViewTab';
import { VIEW_TABS, routeOf, type ViewRoute, type ViewTab } from './viewTab';
import { ViewTabs, tabId, tabPanelId } from './ViewTabs';
import styles from './game.module.css';

/**
 * The game page: the town once its state is here, the connection status until then. Resources, the
 * construction bay and the docked fleet stay on top; below them one section at a time (Base, Shipyard, Fleet,
 * Galaxy), chosen with tabs and kept in the URL hash. The chat rides along on every section.
 */
export function GameView() {
  const hasTown = useGame((s) => s.view !== null);
  const [route, setRoute] = useViewRoute();
  return (
    <GalaxyProvider viewing={route.tab === 'galaxy' ? (route.sector ?? 'home') : null}>
      <div className={styles.view}>
        {hasTown ? <Town route={route} setRoute={setRoute} /> : <StatusScreen />}
        {hasTown && <ChatPanel />}
        <Toasts />
      </div>
    </GalaxyProvider>
  );
}

/** What a visitor is offered: the starbase's buildings and the galaxy, not its stores, shipyard or fleets. */
const VISITOR_TABS: readonly ViewTab[] = ['base', 'galaxy'];

function Town({ route: asked, setRoute }: { route: ViewRoute; setRoute: (route: ViewRoute) => void }) {
  const visitor = useGame((s) => s.role === 'visitor');
  const shown = visitor ? VISITOR_TABS : VIEW_TABS;
  // a link into a section a visitor is not offered opens the buildings
  const route = shown.includes(asked.tab) ? asked : routeOf('base');
  const tab = route.tab;
  const setTab = (next: typeof tab) => {
    // the open section again keeps what is picked in it (a sector, a raid target)
    if (next !== tab) setRoute(routeOf(next));
  };
  const inProduction = useGame((s) => s.view?.town.shipyard.reduce((sum, o) => sum + o.remaining, 0) ?? 0);
  const fleetsAway = useGame((s) => s.view?.town.fleets.length ?? 0);
  return (
    <>
      <TownHeader />
      <ConnectionBanner />
      {visitor ? (
        <VisitorNote />
      ) : (
        <>
          <BattleNotice />
          <ResourcePanel />
          <div className={styles.overview}>
            <UpgradeStatus />
            <FleetStrip
              onOpenShipyard={tab === 'shipyard' ? undefined : () => setTab('shipyard')}
              onOpenFleets={tab === 'fleet' ? undefined : () => setTab('fleet')}
            />
          </div>
        </>
      )}
      <ViewTabs
        tab={tab}
        shown={shown}
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
          galaxy: { label: 'Galaxy', icon: <GalaxyIcon size={18} /> },
        }}
      />
      {shown.map((t) => (
        <div key={t} role="tabpanel" id={tabPanelId(t)} aria-labelledby={tabId(t)} hidden={t !== tab} className={styles.tabPanel} data-view={t}>
          {/* only the open section is rendered: the others would re-render 4×/s for nothing */}
          {t === tab && <Section route={route} setRoute={setRoute} />}
        </div>
      ))}
    </>
  );
}

/** In place of the stores, construction bay and docked fleet, for a visitor: what they can and cannot see. */
function VisitorNote() {
  const owner = useGame((s) => s.view?.meta.ownerName);
  return (
    <section className={`panel ${styles.visitorNote}`} aria-label="Visiting">
      <p>
        You are visiting <strong>{owner || 'another commander'}</strong>&rsquo;s starbase. Its buildings are in plain sight; its stores, docked
        ships, shipyard and fleets are for its commander&rsquo;s eyes only.
      </p>
      <a className="btn" href="/play">
        Back to your starbase
      </a>
    </section>
  );
}

function Section({ route, setRoute }: { route: ViewRoute; setRoute: (route: ViewRoute) => void }) {
  switch (route.tab) {
    case 'base':
      return <BuildingGrid />;
    case 'shipyard':
      return <ShipyardView />;
    case 'fleet':
      return <FleetView raidTarget={route.raidTarget} />;
    case 'galaxy':
      return (
        <GalaxyView
          sector={route.sector}
          onSector={(sector) => setRoute({ tab: 'galaxy', sector })}
          onRaid={(townId) => setRoute({ tab: 'fleet', raidTarget: townId })}
        />
      );
  }
}
