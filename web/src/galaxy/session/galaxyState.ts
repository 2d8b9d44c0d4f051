import { SECTOR_SLOTS, type ChatChannel, type ChatLine, type GalaxyTown } from '@starscape/shared';

/**
 * A galaxy room's state as `room.state.toJSON()` gives it (towns a map by id, chats arrays), or the schema
 * instances themselves. Typed loosely on purpose: it comes off the wire.
 */
export interface RawGalaxyState {
  sector?: unknown;
  sectorCount?: unknown;
  towns?: unknown;
  sectorChat?: unknown;
  galaxyChat?: unknown;
}

/** One sector as the page shows it: plain, immutable data, never schema instances. */
export interface SectorView {
  sector: number;
  /** sectors 1..sectorCount exist (this one may lie beyond, when a link asked for it) */
  sectorCount: number;
  /** the sector's starbases by slot, each slot at most once */
  towns: GalaxyTown[];
  /** oldest first */
  sectorChat: ChatLine[];
  /** oldest first */
  galaxyChat: ChatLine[];
}

const record = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The entries of a map as JSON (an object by key), a `Map`, or a schema `MapSchema` (which has `forEach`). */
function entries(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Map) return [...v.values()];
  const r = record(v);
  if (!r) return [];
  if (typeof r.forEach === 'function') {
    const out: unknown[] = [];
    (r.forEach as (cb: (value: unknown) => void) => void)((value) => out.push(value));
    return out;
  }
  return Object.values(r);
}

function town(v: unknown): GalaxyTown | null {
  const r = record(v);
  const townId = str(r?.townId);
  const slot = num(r?.slot, -1);
  if (!r || !townId || !Number.isInteger(slot) || slot < 0 || slot >= SECTOR_SLOTS) return null;
  return {
    townId,
    name: str(r.name) || 'Unnamed starbase',
    ownerId: str(r.ownerId),
    ownerName: str(r.ownerName) || 'Unknown commander',
    slot,
    points: Math.max(0, Math.floor(num(r.points))),
    online: r.online === true,
    protectedUntil: num(r.protectedUntil),
  };
}

function towns(v: unknown): GalaxyTown[] {
  const bySlot = new Map<number, GalaxyTown>();
  for (const entry of entries(v)) {
    const t = town(entry);
    // two starbases cannot share a slot; should a patch ever say so, the first one stays drawn
    if (t && !bySlot.has(t.slot)) bySlot.set(t.slot, t);
  }
  return [...bySlot.values()].sort((a, b) => a.slot - b.slot);
}

function line(v: unknown, channel: ChatChannel): ChatLine | null {
  const r = record(v);
  const id = str(r?.id);
  if (!r || !id) return null;
  return {
    id,
    // a line sits in the list of its channel, whatever it says about itself
    channel,
    authorId: str(r.authorId),
    authorName: str(r.authorName) || 'Unknown commander',
    text: str(r.text),
    sentAt: num(r.sentAt),
  };
}

function chat(v: unknown, channel: ChatChannel): ChatLine[] {
  const seen = new Set<string>();
  const out: ChatLine[] = [];
  for (const entry of entries(v)) {
    const l = line(entry, channel);
    if (l && !seen.has(l.id)) {
      seen.add(l.id);
      out.push(l);
    }
  }
  return out;
}

/**
 * Converts a galaxy room state into a `SectorView`, or null while the state is still empty (before the first
 * patch). Odd entries are dropped rather than shown half-broken; missing numbers become 0, never NaN.
 */
export function toSectorView(raw: RawGalaxyState | null | undefined): SectorView | null {
  const sector = num(raw?.sector);
  if (!raw || !Number.isInteger(sector) || sector < 1) return null;
  return {
    sector,
    sectorCount: Math.max(1, Math.floor(num(raw.sectorCount, 1))),
    towns: towns(raw.towns),
    sectorChat: chat(raw.sectorChat, 'sector'),
    galaxyChat: chat(raw.galaxyChat, 'galaxy'),
  };
}

/** Schema state → plain JSON (`toJSON` exists on every @colyseus/schema instance); anything else as it is. */
export function plainState(state: unknown): RawGalaxyState {
  const withJson = state as { toJSON?: () => RawGalaxyState } | null;
  return typeof withJson?.toJSON === 'function' ? withJson.toJSON() : ((state ?? {}) as RawGalaxyState);
}
