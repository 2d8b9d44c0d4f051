'use client';

import type { ReactNode } from 'react';
import type { FleetPlanSummary } from './fleetPlan';
import { formatAmount, formatDuration } from './format';
import { ClockIcon, ResourceIcon, StatIcon } from './icons';
import styles from './missions.module.css';

export interface FlightSummaryProps {
  plan: FleetPlanSummary;
  /** after the cargo room, what it means for this flight ("for loot"); none: the bare number */
  cargoNote?: string | null;
  /** the note says the whole reward fits (shown as good news) */
  cargoFits?: boolean;
  /** the cargo room is a problem for this flight (shown as bad news) */
  cargoWarn?: boolean;
  /** further rows (`<div><dt/><dd/></div>`), e.g. the strength estimate */
  children?: ReactNode;
}

/** What a fleet's flight costs and carries, before it leaves: flight time, fuel for the round trip, cargo room. */
export function FlightSummary({ plan, cargoNote, cargoFits, cargoWarn, children }: FlightSummaryProps) {
  const fuelShort = plan.fuel > plan.fuelInStock;
  return (
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
      <div data-warn={cargoWarn || undefined}>
        <dt>
          <StatIcon stat="cargo" /> Cargo room
        </dt>
        <dd>
          <span className="num">{formatAmount(plan.cargo)}</span>
          {cargoNote && (
            <span className={styles.of} data-fits={cargoFits || undefined}>
              {' '}
              {cargoNote}
            </span>
          )}
        </dd>
      </div>
      {children}
    </dl>
  );
}
