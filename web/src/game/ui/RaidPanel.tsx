'use client';

import { NEWCOMER_PROTECTION_MS, RAID_DISTANCE } from '@starscape/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { resolveRaidTarget, type PreselectedTarget, type RaidPick } from '../../galaxy/raidTarget';
import type { RaidTargetSummary, RaidTargetsResponse } from '../../server/raidTargets';
import { DockedShipRows } from './DockedShipRows';
import type { FleetComposerProps } from './FleetComposer';
import { FlightSummary } from './FlightSummary';
import { planFleet, raidProblem } from './fleetPlan';
import { formatDuration } from './format';
import missions from './missions.module.css';
import styles from './raid.module.css';

const DAY_MS = 24 * 3_600_000;

/** The mission composer's inputs, with a ship pick of its own; `sending`: a raid was sent and is not answered yet. */
export interface RaidPanelProps extends Omit<FleetComposerProps, 'mission' | 'onLaunch'> {
  onLaunch: (targetTownId: string) => void;
  /** picked before the panel opened; it stays pickable even when the list does not hold it */
  preselected?: PreselectedTarget | null;
}

/**
 * Raiding another player's starbase: the starbases open to raids (asked of the web app, which reads them from the
 * database; only names, owners and founding times), a target picked from them, the ships to send and what the
 * flight costs. The server has the last word: a target that became protected or vanished is refused there.
 */
export function RaidPanel({ town, now, ships, onChange, live, sending, onLaunch, preselected = null }: RaidPanelProps) {
  const list = useRaidTargets();
  const [pickedId, setPickedId] = useState<string | null>(preselected?.townId ?? null);
  const panel = useRef<HTMLElement>(null);
  const preselectedId = preselected?.townId ?? null;
  useEffect(() => {
    if (!preselectedId) return;
    // a target picked on the map: pick it here too, and bring the panel into view
    setPickedId(preselectedId);
    panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [preselectedId]);
  const targets = list.data?.targets ?? [];
  const { target, outside } = resolveRaidTarget(targets, pickedId, preselected);

  const plan = planFleet(town, { distance: RAID_DISTANCE }, ships, now);
  const problem = raidProblem(town, ships, now);
  const reason = !live ? 'Waiting for the link to the game server.' : !target ? 'Pick a starbase to raid.' : (problem?.reason ?? null);
  const protectionDays = NEWCOMER_PROTECTION_MS / DAY_MS;

  return (
    <section ref={panel} className={`panel ${styles.panel}`} aria-labelledby="raid-title" data-raid-panel>
      <header className={styles.head}>
        <span className={missions.kind} data-kind="raid">
          Raid
        </span>
        <h2 id="raid-title" className={styles.title}>
          Raid a starbase
        </h2>
        <button type="button" className={`btn btn-sm ${styles.refresh}`} data-refresh-raid-targets disabled={list.loading} onClick={list.refresh}>
          {list.loading ? <span className="spinner" aria-hidden="true" /> : null} Refresh
        </button>
      </header>
      <p className={styles.intro}>
        A raid flies a distance of <span className="num">{RAID_DISTANCE.toLocaleString('en-US')}</span> to another player&rsquo;s starbase. Its docked ships and
        defense grid fight back; win, and your holds fill with what it stores beyond its protected share. Starbases younger than {protectionDays} days (at this
        server&rsquo;s speed) are protected{town.speed !== 1 ? <> &mdash; here that is {formatDuration(NEWCOMER_PROTECTION_MS / town.speed)}</> : null}.
      </p>

      <div className={styles.columns}>
        <div className={styles.targets}>
          <h3 className={missions.sectionTitle}>Targets</h3>
          <TargetList state={list} targets={targets} outside={outside} pickedId={target?.townId ?? null} onPick={setPickedId} now={now} disabled={sending} />
          {list.data && list.data.protectedCount > 0 && (
            <p className={styles.protectedNote} data-protected-count={list.data.protectedCount}>
              <span className="num">{list.data.protectedCount}</span> {list.data.protectedCount === 1 ? 'newcomer is' : 'newcomers are'} protected right now.
            </p>
          )}
        </div>

        <div className={styles.composer}>
          <p className={styles.targetLine} data-raid-picked={target?.townId}>
            {target ? (
              <>
                Target: <strong>{target.name}</strong> {target.ownerName && <span className="muted">({target.ownerName})</span>}
              </>
            ) : (
              <span className="muted">No target picked yet.</span>
            )}
          </p>
          <DockedShipRows use="raid" town={town} ships={ships} onChange={onChange} disabled={sending} />
          <FlightSummary plan={plan} cargoNote="for loot" />
          <div className={missions.launch}>
            <button
              type="button"
              className="btn btn-primary"
              data-launch-raid={target?.townId}
              disabled={!target || problem !== null || sending || !live}
              aria-describedby={reason ? 'raid-why' : undefined}
              onClick={() => target && onLaunch(target.townId)}
            >
              {sending ? (
                <>
                  <span className="spinner" aria-hidden="true" /> Launching…
                </>
              ) : target ? (
                `Launch raid on ${target.name}`
              ) : (
                'Launch raid'
              )}
            </button>
            {reason && !sending && (
              <span id="raid-why" className={missions.reason} data-reason={target ? problem?.code : 'no-target'}>
                {reason}
              </span>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}

function TargetList({
  state,
  targets,
  outside,
  pickedId,
  onPick,
  now,
  disabled,
}: {
  state: RaidTargetsState;
  targets: readonly RaidTargetSummary[];
  outside: RaidPick | null;
  pickedId: string | null;
  onPick: (townId: string) => void;
  now: number;
  disabled: boolean;
}) {
  const picked = outside && <OutsideTarget target={outside} picked={outside.townId === pickedId} onPick={onPick} disabled={disabled} />;
  if (!state.data) {
    return (
      <>
        {picked && <ul className={styles.list}>{picked}</ul>}
        {state.error ? <p className={styles.problem}>{state.error}</p> : <p className={styles.empty}>Scanning for starbases…</p>}
      </>
    );
  }
  return (
    <>
      {state.error && <p className={styles.problem}>{state.error}</p>}
      {picked && <ul className={styles.list}>{picked}</ul>}
      {targets.length === 0 ? (
        outside ? null : (
        <div className={styles.empty} data-raid-empty>
          <p>No starbase is open to raids right now.</p>
          <p className="muted">Every other starbase is either still under newcomer protection or there are no other players yet. Check back later, or refresh.</p>
        </div>
        )
      ) : (
        <ul className={styles.list}>
          {targets.map((t) => {
            const picked = t.townId === pickedId;
            return (
              <li key={t.townId} className={styles.target} data-raid-target={t.townId} data-selected={picked || undefined}>
                <span className={styles.targetName}>{t.name}</span>
                <span className={styles.targetFacts}>
                  {t.ownerName} · founded {formatAge(now - t.foundedAt)} · {t.defenseLevel > 0 ? `defense grid L${t.defenseLevel}` : 'no defense grid'}
                </span>
                <button type="button" className={styles.pick} aria-pressed={picked} disabled={disabled} onClick={() => onPick(t.townId)}>
                  {picked ? '✓ Target' : 'Pick'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** A target picked on the galaxy map or a profile that the list does not hold (the server checks it on launch). */
function OutsideTarget({ target, picked, onPick, disabled }: { target: RaidPick; picked: boolean; onPick: (townId: string) => void; disabled: boolean }) {
  return (
    <li className={styles.target} data-raid-target={target.townId} data-selected={picked || undefined} data-preselected>
      <span className={styles.targetName}>{target.name}</span>
      <span className={styles.targetFacts}>
        {target.ownerName ? `${target.ownerName} · ` : ''}picked from the galaxy · checked when you launch
      </span>
      <button type="button" className={styles.pick} aria-pressed={picked} disabled={disabled} onClick={() => onPick(target.townId)}>
        {picked ? '✓ Target' : 'Pick'}
      </button>
    </li>
  );
}

/** "3 days ago", "5 hours ago", "long ago" (a starbase from before founding times were kept). */
function formatAge(ms: number): string {
  if (ms > 365 * DAY_MS) return 'long ago';
  const days = Math.floor(ms / DAY_MS);
  if (days >= 1) return `${days} ${days === 1 ? 'day' : 'days'} ago`;
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${hours} ${hours === 1 ? 'hour' : 'hours'} ago`;
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ago`;
}

interface RaidTargetsState {
  data: RaidTargetsResponse | null;
  loading: boolean;
  error: string | null;
  refresh: () => void;
}

/** The raid list from `GET /api/raid-targets`, fetched on mount and on `refresh`; a failed refresh keeps the last list. */
function useRaidTargets(): RaidTargetsState {
  const [data, setData] = useState<RaidTargetsResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    current.current?.abort();
    const abort = new AbortController();
    current.current = abort;
    setLoading(true);
    fetchRaidTargets(abort.signal).then(
      (body) => {
        if (abort.signal.aborted) return;
        setData(body);
        setError(null);
        setLoading(false);
      },
      (problem: unknown) => {
        if (abort.signal.aborted) return;
        setError(problem instanceof Error ? problem.message : 'Could not load the targets.');
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    return () => current.current?.abort();
  }, [refresh]);

  return { data, loading, error, refresh };
}

async function fetchRaidTargets(signal: AbortSignal): Promise<RaidTargetsResponse> {
  let response: Response;
  try {
    response = await fetch('/api/raid-targets', { credentials: 'same-origin', cache: 'no-store', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new Error('Cannot reach Starscape to look for targets. Check your connection and refresh.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401) throw new Error('You were logged out. Log in again to look for targets.');
  if (!response.ok || !isResponse(body)) {
    const message = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : `Could not load the targets (${response.status}).`;
    throw new Error(message);
  }
  return body;
}

function isResponse(body: unknown): body is RaidTargetsResponse {
  return typeof body === 'object' && body !== null && Array.isArray((body as RaidTargetsResponse).targets) && typeof (body as RaidTargetsResponse).protectedCount === 'number';
}
