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
  /** the shipyard queue's entries at the last `follow` (an entry can leave and come back: `writeTownState` reuses them) */
  private readonly shownOrders: object[] = [];

  constructor(private readonly state: TownState) {
    this.view.add(state);
    // `add` queued the whole private part to be sent to this view; nobody holds it yet, and each owner who joins
    // gets the whole state anyway (Colyseus's full state for a view), so the queue would only resend it all once
    this.view.changes.clear();
    this.shown = Object.fromEntries(PARTS_THAT_COME_AND_GO.map((key) => [key, state[key]])) as TownOwnerView['shown'];
    for (const entry of state.shipyard) this.shownOrders.push(entry);
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
    for (const entry of queue) if (!this.shownOrders.includes(entry)) this.view.add(entry);
    this.shownOrders.length = 0;
    for (const entry of queue) this.shownOrders.push(entry);
  }

  private showEntries(entries: Iterable<object>): void {
    for (const entry of entries) {
      const tree = (entry as { [$changes]?: object })[$changes];
      if (tree && !this.view.visible.has(tree as never)) this.view.add(entry as never);
    }
  }
}
