'use client';

import { SHIPS, advance } from '@starscape/shared';
import { useGame, useGameCommands } from '../session/GameProvider';
import { useServerNow } from '../session/useServerNow';
import { NoShipyard } from './NoShipyard';
import { ShipCard } from './ShipCard';
import { ShipyardQueue } from './ShipyardQueue';
import b from './buildings.module.css';
import styles from './shipyard.module.css';

/**
 * The Shipyard section: the queue and one card per ship type, or, without a shipyard, what it takes to
 * build one. Between patches the town is predicted with the rules' own `advance`, so ships dock on time
 * even before the server's patch says so (and the patch, when it comes, says the same).
 */
export function ShipyardView() {
  const town = useGame((s) => s.view?.town);
  const isOwner = useGame((s) => s.role === 'owner');
  const live = useGame((s) => s.status === 'live');
  const pending = useGame((s) => s.pending);
  const commands = useGameCommands();
  const now = useServerNow(250);
  if (!town) return null;
  // the town as it is now: ships done by now docked, a finished upgrade (a new shipyard level) applied
  const current = advance(town, now);
  const level = current.buildings.shipyard;
  if (level === 0) return <NoShipyard town={town} now={now} />;
  return (
    <div className={styles.view}>
      <p className={styles.lead}>
        <span className="badge">Shipyard level {level}</span>
        <span className="muted">
          Build speed <strong className={styles.speed}>×{1 + level}</strong>. Orders are paid in full when placed and built one ship after another;
          cancelling refunds the ships not built yet.
        </span>
      </p>
      <ShipyardQueue
        queue={current.shipyard}
        now={now}
        isOwner={isOwner}
        live={live}
        cancellingId={pending?.kind === 'cancelOrder' ? pending.orderId : null}
        onCancel={(orderId) => commands?.cancelShipOrder(orderId)}
      />
      <section aria-labelledby="ships-title">
        <h2 id="ships-title" className={b.sectionTitle}>
          Ships
        </h2>
        <div className={b.grid}>
          {SHIPS.map((ship) => (
            <ShipCard
              key={ship}
              ship={ship}
              town={current}
              docked={current.ships[ship]}
              queued={current.shipyard.reduce((sum, o) => (o.ship === ship ? sum + o.remaining : sum), 0)}
              now={now}
              isOwner={isOwner}
              live={live}
              sending={pending?.kind === 'order' && pending.ship === ship}
              onOrder={(s, count) => commands?.orderShips(s, count)}
            />
          ))}
        </div>
      </section>
    </div>
  );
}
