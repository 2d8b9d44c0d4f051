/**
 * Shortens `list` to `length` items (default: empties it) and keeps its storage. Setting `length` gives an
 * array's storage back (V8 trims it), so the next `push` allocates it again; `pop` trims only arrays far larger
 * than what they hold. For lists kept for good that empty and fill with every change (a town's change records,
 * its shipyard list): storage allocated per change outlives the young generation (BENCHMARKS.md).
 */
export function shortenList(list: unknown[], length = 0): void {
  while (list.length > length) list.pop();
}
