import './viewDeleteFix'; // views make @colyseus/schema 3.0.76 drop public fields from full states without it
import { $changes, StateView } from '@colyseus/schema';
import type { TownState } from './TownState';

/** The owner's parts that are absent while empty: each new one must be shown to the owner's view. */
const PARTS_THAT_COME_AND_GO = ['upgrade', 'missionsTaken', 'fleets', 'defenses'] as const;

/**
 * What a town's owner sees: the whole state, `@view()` fields included. One view for all of the owner's
 * connections (two tabs, a reconnection), so each patch is encoded for the owner once; visitors have no view
 * and get the public part only.
 *
 * A view holds the parts it was shown, and in @colyseus/schema 3 the entries of a `@view()` list are parts of
 * their own. So after each write `follow` shows the view what is new: a list or upgrade that appeared (a first
 * fleet, an upgrade started) and new entries of the shipyard queue, fleets and raids.
 */
export class TownOwnerView {
  readonly view = new StateView();
  /** the part of each kind the view was last shown (a plain record: a `Map` per town costs a 184-byte table) */
  private readonly shown: Record<(typeof PARTS_THAT_COME_AND_GO)[number], object | undefined>;
  /**
   * The shipyard queue's entries at the last `follow`, then nulls (an entry can leave and come back:
   * `writeTownState` reuses them). Overwritten in place, never shortened: a town's queue changes every few
   * seconds, and a fresh backing store each time would outlive the young generation.
   */
  private readonly shownOrders: Array<object | null> = [];

  constructor(private readonly state: TownState) {
    this.view.add(state);
    // `add` queued the whole private part to be sent to this view; nobody holds it yet, and each owner who joins
    // gets the whole state anyway (Colyseus's full state for a view), so the queue would only resend it all once
    this.view.changes.clear();
    this.shown = Object.fromEntries(PARTS_THAT_COME_AND_GO.map((key) => [key, state[key]])) as TownOwnerView['shown'];
    this.rememberOrders();
  }

  /** Call after each write of the state. */
  follow(): void {
    for (const key of PARTS_THAT_COME_AND_GO) {
      const part = this.state[key];
      if (part === this.shown[key]) continue;
      this.shown[key] = part;
      if (part) this.view.add(part);
    }
    this.showOrders();
    if (this.state.fleets) this.showEntries(this.state.fleets.values());
    if (this.state.defenses) this.showEntries(this.state.defenses.values());
  }

  /**
   * Shows each entry that joined the queue since the last call, also one the view saw before: a reused entry
   * comes back as a new item, which the view must be told about like any new one (else the owner's client
   * would put it after the new entries of the same patch).
   */
  private showOrders(): void {
    const queue = this.state.shipyard;
    for (let i = 0; i < queue.length; i++) {
      const entry = queue[i]!;
      if (!this.shownOrders.includes(entry)) this.view.add(entry);
    }
    this.rememberOrders();
  }

  private rememberOrders(): void {
    const queue = this.state.shipyard;
    for (let i = 0; i < queue.length; i++) this.shownOrders[i] = queue[i]!;
    for (let i = queue.length; i < this.shownOrders.length; i++) this.shownOrders[i] = null;
  }

  private showEntries(entries: Iterable<object>): void {
    for (const entry of entries) {
      const tree = (entry as { [$changes]?: object })[$changes];
      if (tree && !this.view.visible.has(tree as never)) this.view.add(entry as never);
    }
  }
}
