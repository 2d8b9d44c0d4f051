/**
 * Memory fixes for `@colyseus/schema` 3.0.76. A town changes once every few seconds, and what the encoder keeps
 * between two changes either outlives the young generation (garbage made after one change that lives until the
 * next dies in the old generation, which is what full garbage collections spend their time on) or stays live for
 * good (and every full collection marks it again). BENCHMARKS.md has the measurements.
 *
 * - A schema object's record of its pending changes (`ChangeTree.indexedOperations` and the change set
 *   `changes`) exists only while it has some. Stock, `endEncode` gives each changed object a new empty record
 *   after every patch, which lived until the next change and died in the old generation (about 1.5 KB per player
 *   action). Emptied in place instead (session 6), the records stayed live for good: 24 objects and 2.4 KB per
 *   player in a heap snapshot, a sixth of a player's heap. Here `endEncode` drops them, and the next change
 *   makes new ones (`lazyChangeRecords`), which the patch right after it drops again: they die young. Every read
 *   makes them too; outside a change, only an attach or a detach reads them, and both queue the object for the
 *   next patch.
 * - A list's copies (`reuseListCopies`) and an encoder's queues of what changed (`reuseChangeLists`) are
 *   emptied and reused in place: they are the same few objects whatever changed.
 *
 * Each patch checks that the stock code it replaces does what it redoes, and refuses a version that does
 * something else. Both module copies are patched, as in `stringEncodingFix.ts`. Imported for its effect by
 * `createGameServer`.
 */
import { createRequire } from 'node:module';
import { ArraySchema as EsmArraySchema, ChangeTree as EsmChangeTree, Encoder as EsmEncoder } from '@colyseus/schema';
import { shortenList } from '../../shortenList';

interface ChangeSet {
  indexes: Record<number, number>;
  operations: Array<number | undefined>;
  queueRootNode?: unknown;
}
type EndEncode = ((this: Tree, changeSetName: 'changes' | 'filteredChanges') => void) & { starscapeLazy?: true };
interface Tree {
  indexedOperations: Record<number, number>;
  changes: ChangeSet;
  filteredChanges?: ChangeSet;
  isNew: boolean;
  ref: Record<string, (() => void) | undefined>;
}
/** The own fields behind a tree's two lazy records (`undefined`: no pending change). */
interface LazyTree extends Tree {
  starscapeOperations: Record<number, number> | undefined;
  starscapeChanges: ChangeSet | undefined;
}

/** The hook a collection runs after each encode (`$onEncodeEnd` in @colyseus/schema 3, not exported). */
const ON_ENCODE_END = '~onEncodeEnd';

const newChangeSet = (): ChangeSet => ({ indexes: {}, operations: [], queueRootNode: undefined });

function lazyChangeRecords(ChangeTree: { prototype: { endEncode: EndEncode } }): void {
  const proto = ChangeTree.prototype;
  const original = proto.endEncode;
  if (original.starscapeLazy) return;
  checkHook(original);
  Object.defineProperty(proto, 'indexedOperations', {
    get(this: LazyTree) {
      return (this.starscapeOperations ??= {});
    },
    set(this: LazyTree, record: Record<number, number> | undefined) {
      this.starscapeOperations = record;
    },
    configurable: true,
  });
  Object.defineProperty(proto, 'changes', {
    get(this: LazyTree) {
      return (this.starscapeChanges ??= newChangeSet());
    },
    set(this: LazyTree, set: ChangeSet | undefined) {
      this.starscapeChanges = set;
    },
    configurable: true,
  });
  const lazy: EndEncode = function (this: Tree, changeSetName) {
    const tree = this as LazyTree;
    tree.starscapeOperations = undefined; // stock empties it whole, whichever set ended: it holds both sets' fields
    if (changeSetName === 'changes') tree.starscapeChanges = undefined;
    else tree.filteredChanges = newChangeSet(); // as stock (nothing here filters)
    tree.ref[ON_ENCODE_END]?.call(tree.ref); // stock's other work, kept
    tree.isNew = false;
  };
  lazy.starscapeLazy = true;
  proto.endEncode = lazy;
}

/** Refuses to patch a version whose `endEncode` does something else than this one redoes. */
function checkHook(original: EndEncode): void {
  const read: Array<string | symbol> = [];
  const ref = new Proxy({}, { get: (_target, key) => void read.push(key) });
  const probe = { indexedOperations: { 1: 0 }, changes: { indexes: { 1: 0 }, operations: [1] }, isNew: true, ref } as unknown as Tree;
  original.call(probe, 'changes');
  const emptied = Object.keys(probe.indexedOperations).length === 0 && probe.changes.operations.length === 0;
  if (read.join() !== ON_ENCODE_END || !emptied || probe.isNew) throw new Error('changeSetReuse: @colyseus/schema changed its ChangeTree.endEncode; review this patch');
}

interface List {
  items: unknown[];
  tmpItems: unknown[];
  deletedIndexes: Record<number, boolean>;
}
type OnEncodeEnd = ((this: List) => void) & { starscapeReused?: true };

/**
 * The same for a list (`ArraySchema`): after each patch @colyseus/schema 3.0.76 makes it a new copy of its items
 * (`tmpItems`, the positions the next patch's operations refer to) and a new `deletedIndexes` record. A town's
 * shipyard list changes with most player actions, so both lived until the next one and died in the old generation
 * (about 110 bytes per action, BENCHMARKS.md). Here the copy is written over the previous one and the record
 * emptied: its keys are positions in `tmpItems` (set by `pop`, `shift` and `splice`, which never leave one at or
 * past its length but after a `clear`, which empties `tmpItems`); a key left over is looked for, and then the
 * record is replaced as before.
 */
function reuseListCopies(ArraySchema: { prototype: object }): void {
  const proto = ArraySchema.prototype as Record<string, OnEncodeEnd | undefined>;
  const original = proto[ON_ENCODE_END];
  if (!original || original.starscapeReused) return;
  checkListHook(original);
  const reused: OnEncodeEnd = function (this: List) {
    const { items, tmpItems: copy, deletedIndexes: deleted } = this;
    for (let i = 0; i < copy.length; i++) delete deleted[i];
    if (hasAnyKey(deleted)) this.deletedIndexes = {};
    for (let i = 0; i < items.length; i++) copy[i] = items[i];
    shortenList(copy, items.length);
  };
  reused.starscapeReused = true;
  proto[ON_ENCODE_END] = reused;
}

function hasAnyKey(record: object): boolean {
  for (const _ in record) return true;
  return false;
}

/** Refuses to patch a version whose list hook does something else than make those two afresh. */
function checkListHook(original: OnEncodeEnd): void {
  const probe: List = { items: [1, 2], tmpItems: [1], deletedIndexes: { 0: true } };
  original.call(probe);
  const fresh = probe.tmpItems.join() === '1,2' && probe.tmpItems !== probe.items && Object.keys(probe.deletedIndexes).length === 0;
  if (!fresh || Object.keys(probe).length !== 3) throw new Error('changeSetReuse: @colyseus/schema changed its ArraySchema encode-end hook; review this patch');
}

/** An encoder's queue of the schema objects that changed since its last patch (`Root.changes`, a linked list). */
interface ChangeTreeList {
  next?: { changeTree: { endEncode(name: ChangeListName): void }; next?: ChangeTreeList['next'] };
  tail?: unknown;
}
type ChangeListName = 'changes' | 'filteredChanges';
interface EncoderRoot {
  root: Record<ChangeListName, ChangeTreeList>;
}
type DiscardChanges = ((this: EncoderRoot) => void) & { starscapeReused?: true };

/**
 * The same for an encoder's queues of what changed (`Encoder.discardChanges`): after each patch @colyseus/schema
 * 3.0.76 ends every queued object's encode and gives the root two new empty queues (changes and filtered
 * changes). A town's encoder patches once per player action, so both lived until the next one. Here the same
 * queues are emptied; nothing else keeps them (the root and `encode` read them through the root each time).
 */
function reuseChangeLists(Encoder: { prototype: { discardChanges: DiscardChanges } }): void {
  const original = Encoder.prototype.discardChanges;
  if (original.starscapeReused) return;
  checkDiscardHook(original);
  const reused: DiscardChanges = function (this: EncoderRoot) {
    endAndEmpty(this.root.changes, 'changes');
    endAndEmpty(this.root.filteredChanges, 'filteredChanges');
  };
  reused.starscapeReused = true;
  Encoder.prototype.discardChanges = reused;
}

function endAndEmpty(list: ChangeTreeList, name: ChangeListName): void {
  for (let node = list.next; node; node = node.next) node.changeTree.endEncode(name);
  list.next = undefined;
  list.tail = undefined;
}

/** Refuses to patch a version whose `discardChanges` does something else than end each queued object and empty both queues. */
function checkDiscardHook(original: DiscardChanges): void {
  const ended: string[] = [];
  const node = (id: string) => ({ changeTree: { endEncode: (name: string) => void ended.push(`${id} ${name}`) }, next: undefined });
  const changes: ChangeTreeList = { next: { ...node('a'), next: node('b') }, tail: undefined };
  const probe: EncoderRoot = { root: { changes, filteredChanges: { next: node('c'), tail: undefined } } };
  original.call(probe);
  const emptyList = (list: ChangeTreeList) => list.next === undefined && list.tail === undefined && Object.keys(list).join() === 'next,tail';
  if (ended.join() !== 'a changes,b changes,c filteredChanges' || !emptyList(probe.root.changes) || !emptyList(probe.root.filteredChanges) || Object.keys(probe.root).length !== 2) {
    throw new Error('changeSetReuse: @colyseus/schema changed its Encoder.discardChanges; review this patch');
  }
}

const cjsSchema = createRequire(import.meta.url)('@colyseus/schema') as {
  ChangeTree: { prototype: { endEncode: EndEncode } };
  ArraySchema: { prototype: object };
  Encoder: { prototype: { discardChanges: DiscardChanges } };
};
lazyChangeRecords(EsmChangeTree as unknown as { prototype: { endEncode: EndEncode } });
lazyChangeRecords(cjsSchema.ChangeTree);
reuseListCopies(EsmArraySchema);
reuseListCopies(cjsSchema.ArraySchema);
reuseChangeLists(EsmEncoder as unknown as { prototype: { discardChanges: DiscardChanges } });
reuseChangeLists(cjsSchema.Encoder);
