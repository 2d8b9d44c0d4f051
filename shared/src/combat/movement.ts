import { COMBAT_UNIT_TYPES, type BattleSide, type BattleState } from './Battle';

/** Ships close in until this far inside their reach, so a target drifting by a unit stays in reach. */
const RANGE_SLACK = 10;
/** Extra room ships keep between their hulls. */
const SEPARATION_GAP = 12;

/** Scratch buffers for `move`, grown on demand and fully rewritten every step (they carry nothing between steps). */
let scratchSize = 0;
let xs = new Float64Array(0);
let ys = new Float64Array(0);
let radius = new Float64Array(0);
let mobile = new Uint8Array(0);
let moveX = new Float64Array(0);
let moveY = new Float64Array(0);
let pushX = new Float64Array(0);
let pushY = new Float64Array(0);
let cellOf = new Int32Array(0);
let byCell = new Int32Array(0);
let cellStart = new Int32Array(0);

function ensureScratch(units: number, cells: number) {
  if (units > scratchSize) {
    scratchSize = Math.max(units, 2 * scratchSize, 64);
    xs = new Float64Array(scratchSize);
    ys = new Float64Array(scratchSize);
    radius = new Float64Array(scratchSize);
    mobile = new Uint8Array(scratchSize);
    moveX = new Float64Array(scratchSize);
    moveY = new Float64Array(scratchSize);
    pushX = new Float64Array(scratchSize);
    pushY = new Float64Array(scratchSize);
    cellOf = new Int32Array(scratchSize);
    byCell = new Int32Array(scratchSize);
  }
  if (cells + 1 > cellStart.length) cellStart = new Int32Array(cells + 1);
}

/**
 * Moves every mobile active unit: toward its target until in reach (or, for a fleeing side, straight to its own
 * edge, escaping when it crosses it), plus a push away from overlapping hulls, capped at the unit's speed.
 * Positions are truncated to whole units and kept inside the arena.
 */
export function move(state: BattleState, fleeing: Record<BattleSide, boolean>) {
  const { ships, stats, width, height } = state;
  const active: number[] = [];
  for (const s of ships) if (s.status === 'active') active.push(s.id);
  const m = active.length;
  let maxRadius = 0;
  for (const type of COMBAT_UNIT_TYPES) maxRadius = Math.max(maxRadius, stats[type].radius);
  // Units closer than `cell` may overlap, so each needs checking only against its own and the next grid cells.
  // (never finer than 1/128 of the arena, so an odd snapshot cannot ask for a huge grid)
  const cell = Math.max(2 * maxRadius + SEPARATION_GAP, Math.ceil(Math.max(width, height) / 128));
  const columns = Math.floor(width / cell) + 1;
  const cells = columns * (Math.floor(height / cell) + 1);
  ensureScratch(m, cells);
  cellStart.fill(0, 0, cells + 1);
  for (let k = 0; k < m; k++) {
    const s = ships[active[k]!]!;
    const st = stats[s.type];
    xs[k] = s.x;
    ys[k] = s.y;
    radius[k] = st.radius;
    mobile[k] = st.speed > 0 ? 1 : 0;
    moveX[k] = 0;
    moveY[k] = 0;
    pushX[k] = 0;
    pushY[k] = 0;
    const c = Math.floor(s.x / cell) + columns * Math.floor(s.y / cell);
    cellOf[k] = c;
    cellStart[c + 1]!++;
    if (st.speed === 0) continue;
    if (fleeing[s.side]) {
      moveX[k] = s.side === 'attacker' ? -st.speed : st.speed;
      continue;
    }
    if (s.target < 0) continue;
    const t = ships[s.target]!;
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const d = Math.sqrt(dx * dx + dy * dy);
    const reach = st.range + stats[t.type].radius - RANGE_SLACK;
    if (d > reach) {
      const go = Math.min(st.speed, d - reach);
      moveX[k] = (dx * go) / d;
      moveY[k] = (dy * go) / d;
    }
  }
  // Counting sort by cell: within a cell, units stay in id order, so the pass below always runs in the same order.
  for (let c = 0; c < cells; c++) cellStart[c + 1]! += cellStart[c]!;
  for (let k = 0; k < m; k++) byCell[cellStart[cellOf[k]!]!++] = k;
  for (let c = cells; c > 0; c--) cellStart[c] = cellStart[c - 1]!;
  cellStart[0] = 0;
  // Overlapping hulls push each other apart, half each (all of it onto the mobile one against a turret).
  // Each pair is seen once: within a cell, and from a cell to its east, south-west, south and south-east neighbours.
  for (let c = 0; c < cells; c++) {
    const column = c % columns;
    for (let i = cellStart[c]!; i < cellStart[c + 1]!; i++) {
      const a = byCell[i]!;
      separate(a, byCell, i + 1, cellStart[c + 1]!);
      if (column + 1 < columns) separate(a, byCell, cellStart[c + 1]!, cellStart[c + 2]!);
      if (c + columns < cells) {
        const below = c + columns;
        if (column > 0) separate(a, byCell, cellStart[below - 1]!, cellStart[below]!);
        separate(a, byCell, cellStart[below]!, cellStart[below + 1]!);
        if (column + 1 < columns) separate(a, byCell, cellStart[below + 1]!, cellStart[below + 2]!);
      }
    }
  }
  for (let k = 0; k < m; k++) {
    if (!mobile[k]) continue;
    const s = ships[active[k]!]!;
    const speed = stats[s.type].speed;
    let px = pushX[k]!;
    let py = pushY[k]!;
    const p2 = px * px + py * py;
    if (p2 > speed * speed) {
      const scale = speed / Math.sqrt(p2);
      px *= scale;
      py *= scale;
    }
    const nx = s.x + Math.trunc(moveX[k]! + px);
    const ny = s.y + Math.trunc(moveY[k]! + py);
    if (fleeing[s.side] && (s.side === 'attacker' ? nx <= 0 : nx >= width)) {
      s.status = 'escaped';
      s.x = s.side === 'attacker' ? 0 : width;
      s.y = Math.max(0, Math.min(height, ny));
      s.target = -1;
      continue;
    }
    s.x = Math.max(0, Math.min(width, nx));
    s.y = Math.max(0, Math.min(height, ny));
  }
}

/** Pushes unit `a` and the units `list[from..to)` apart where their hulls (plus the gap) overlap. */
function separate(a: number, list: Int32Array, from: number, to: number) {
  const ax = xs[a]!;
  const ay = ys[a]!;
  const ar = radius[a]!;
  const ma = mobile[a]!;
  for (let i = from; i < to; i++) {
    const b = list[i]!;
    const mb = mobile[b]!;
    if (ma + mb === 0) continue;
    const dx = xs[b]! - ax;
    const dy = ys[b]! - ay;
    const min = ar + radius[b]! + SEPARATION_GAP;
    const d2 = dx * dx + dy * dy;
    if (d2 >= min * min) continue;
    const d = Math.sqrt(d2);
    // Two units on the same spot: the one sorted first goes up, the other down.
    const ux = d === 0 ? 0 : dx / d;
    const uy = d === 0 ? 1 : dy / d;
    const share = (min - d) / (ma + mb);
    if (ma) {
      pushX[a] = pushX[a]! - ux * share;
      pushY[a] = pushY[a]! - uy * share;
    }
    if (mb) {
      pushX[b] = pushX[b]! + ux * share;
      pushY[b] = pushY[b]! + uy * share;
    }
  }
}
