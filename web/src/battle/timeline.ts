import { BATTLE_SIDES, cloneBattle, ordersByStep, stepInPlace, type BattleSide, type BattleState, type CombatOrder } from '@starscape/shared';

const NO_ORDERS: readonly CombatOrder[] = [];

/** At most this many states are kept for seeking, whatever the battle's length (about 150 kB each at 1000 ships). */
export const MAX_CHECKPOINTS = 64;
/** Steps between checkpoints to begin with; doubled each time the checkpoints would exceed MAX_CHECKPOINTS. */
export const FIRST_CHECKPOINT_INTERVAL = 20;

/**
 * A recorded battle laid out in time: runs the shared simulation from the record (`initial` + `orders`) to its end
 * once, keeping a bounded set of checkpoints so any step can be reached again by simulating at most one interval
 * from the nearest checkpoint before it. Everything is produced by `stepInPlace`, exactly as the server resolved it.
 *
 * Building is incremental (`build(budget)`), so a long battle can be laid out a slice at a time without freezing
 * the page.
 */
export class ReplayTimeline {
  /** the step the record starts at (0 for every battle created by `createBattle`) */
  readonly start: number;
  private readonly byStep: Map<number, CombatOrder[]>;
  /** checkpoints[i] is the state at step `start + i * interval` */
  private checkpoints: BattleState[];
  private interval: number;
  /** the simulation while the timeline is being built */
  private frontier: BattleState;
  private final: BattleState | null = null;
  /** units each side lost during each step (index: step − start), for the scrub bar's strip */
  private readonly lost: Record<BattleSide, number[]> = { attacker: [], defender: [] };
  private destroyed: Record<BattleSide, number>;

  constructor(
    initial: BattleState,
    orders: readonly CombatOrder[],
    private readonly options: { maxCheckpoints?: number; interval?: number } = {},
  ) {
    this.start = initial.step;
    this.byStep = ordersByStep(orders);
    this.interval = Math.max(1, Math.floor(options.interval ?? FIRST_CHECKPOINT_INTERVAL));
    this.checkpoints = [cloneBattle(initial)];
    this.frontier = cloneBattle(initial);
    this.destroyed = countDestroyed(initial);
    if (initial.winner !== null) this.final = cloneBattle(initial);
  }

  /** The orders that apply before simulating `step` (in the canonical order). */
  ordersAt(step: number): readonly CombatOrder[] {
    return this.byStep.get(step) ?? NO_ORDERS;
  }

  /** Whether the end has been reached; until then `end` and `stateAt` beyond the frontier are not available. */
  get built(): boolean {
    return this.final !== null;
  }

  /** The step the battle ends at (its winner is decided there). Throws until built. */
  get end(): number {
    return this.finalState.step;
  }

  /** The last state of the battle. Throws until built. Do not mutate it. */
  get finalState(): BattleState {
    if (!this.final) throw new Error('the replay timeline is not built yet');
    return this.final;
  }

  /** Steps simulated so far while building (for a progress bar). */
  get builtTo(): number {
    return this.final?.step ?? this.frontier.step;
  }

  /** Steps between the checkpoints kept now. */
  get checkpointInterval(): number {
    return this.interval;
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** Units each side lost during each step so far (index: step − start; read only). */
  get losses(): Readonly<Record<BattleSide, readonly number[]>> {
    return this.lost;
  }

  /** Simulates up to `maxSteps` more steps toward the end; true once the end is reached. */
  build(maxSteps = Infinity): boolean {
    let budget = maxSteps;
    const state = this.frontier;
    while (this.final === null && budget > 0) {
      stepInPlace(state, this.ordersAt(state.step));
      budget--;
      const destroyed = countDestroyed(state);
      for (const side of BATTLE_SIDES) {
        this.lost[side].push(destroyed[side] - this.destroyed[side]);
      }
      this.destroyed = destroyed;
      if ((state.step - this.start) % this.interval === 0) this.keep(state);
      if (state.winner !== null) this.final = cloneBattle(state);
    }
    return this.final !== null;
  }

  /** Runs `build` to the end and returns this. */
  buildAll(): this {
    this.build();
    return this;
  }

  /** A fresh state at `step` (clamped to the battle), the caller's to mutate. Builds as far as needed. */
  stateAt(step: number): BattleState {
    const target = Math.max(this.start, Math.floor(step));
    if (this.final === null && target > this.frontier.step) this.build(target - this.frontier.step);
    const clamped = this.final ? Math.min(target, this.final.step) : target;
    const index = Math.min(this.checkpoints.length - 1, Math.floor((clamped - this.start) / this.interval));
    const state = cloneBattle(this.checkpoints[index]!);
    while (state.step < clamped && state.winner === null) stepInPlace(state, this.ordersAt(state.step));
    return state;
  }

  private keep(state: BattleState) {
    this.checkpoints.push(cloneBattle(state));
    const max = Math.max(2, Math.floor(this.options.maxCheckpoints ?? MAX_CHECKPOINTS));
    if (this.checkpoints.length <= max) return;
    // Thin out: keep every other checkpoint (those on the doubled interval); memory stays bounded.
    this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 0);
    this.interval *= 2;
  }
}

function countDestroyed(state: BattleState): Record<BattleSide, number> {
  const count = { attacker: 0, defender: 0 };
  for (const s of state.ships) if (s.status === 'destroyed') count[s.side]++;
  return count;
}
