/**
 * A memory fix for `@colyseus/schema` 3.0.76: after each patch, every schema object that changed gets a new
 * record of its pending changes (`ChangeTree.endEncode` makes a new `indexedOperations` object and a new change
 * set), and the next change grows those new objects again. A town changes once every few seconds, so each of
 * them outlived the young generation: about 1.5 KB per player action went to the old generation only to die
 * there at the next action, which is what full garbage collections spend their time on (BENCHMARKS.md).
 *
 * The fix empties the same objects instead: the keys of `indexedOperations` and of the change set's `indexes`
 * are deleted (their storage stays, ready for the next change) and its `operations` list is emptied. The keys
 * to delete are the field indexes in the change sets' `operations` lists: @colyseus/schema writes each key
 * together with such an entry (`setOperationAtIndex`). Finding them with `for…in` instead made about 700 bytes
 * of garbage per record and patch (V8 collects an object's element keys into a fresh array), 2.9 KB per player
 * action. A record with many keys (a state's first patch, which holds every field) is replaced by a new one
 * instead: deleting most keys of a dense record makes V8 keep it as a dictionary, larger and slower than the
 * holey array a few changed fields at a time use. Nothing else holds these records: encoders read a change set
 * through its `ChangeTree`, and `endEncode` runs only once every view of the patch has been encoded
 * (`Encoder.discardChanges`). Both module copies are patched, as in `stringEncodingFix.ts`. Imported for its
 * effect by `createGameServer`.
 */
import { createRequire } from 'node:module';
import { ArraySchema as EsmArraySchema, ChangeTree as EsmChangeTree, Encoder as EsmEncoder } from '@colyseus/schema';
import { shortenList } from '../../shortenList';

interface ChangeSet {
  indexes: Record<number, number>;
  operations: Array<number | undefined>;
  queueRootNode?: unknown;
}
type EndEncode = ((this: Tree, changeSetName: 'changes' | 'filteredChanges') => void) & { starscapeReused?: true };
interface Tree {
  indexedOperations: Record<number, number>;
  changes: ChangeSet;
  filteredChanges?: ChangeSet;
  isNew: boolean;
  ref: Record<string, (() => void) | undefined>;
}

/** The hook a collection runs after each encode (`$onEncodeEnd` in @colyseus/schema 3, not exported). */
const ON_ENCODE_END = '~onEncodeEnd';

/** Records with more keys than this are replaced rather than emptied (V8 keeps up to about 24 deletions fast). */
const REPLACE_ABOVE_KEYS = 16;

const NO_OPERATIONS: ReadonlyArray<number | undefined> = [];

/** Deletes the keys `operations` names: a change set's field indexes (negative: a whole-list operation; `undefined`: taken back). */
function deleteKeys(record: Record<number, unknown>, operations: ReadonlyArray<number | undefined>): void {
  for (let i = 0; i < operations.length; i++) {
    const key = operations[i];
    if (key !== undefined && key >= 0) delete record[key];
  }
}

/** `record` without the keys the change lists name, or a new empty record when it held many keys. */
function emptied<T extends Record<number, unknown>>(record: T, operations: ReadonlyArray<number | undefined>, more = NO_OPERATIONS): T {
  if (operations.length + more.length > REPLACE_ABOVE_KEYS) return {} as T;
  deleteKeys(record, operations);
  deleteKeys(record, more);
  return record;
}

function reuseChangeSets(ChangeTree: { prototype: { endEncode: EndEncode } }): void {
  const original = ChangeTree.prototype.endEncode;
  if (original.starscapeReused) return;
  checkHook(original);
  const reused: EndEncode = function (this: Tree, changeSetName) {
    const set = this[changeSetName]!;
    // the operations of both sets: the original empties `indexedOperations` whole, and it holds both sets' fields
    const other = changeSetName === 'changes' ? this.filteredChanges : this.changes;
    this.indexedOperations = emptied(this.indexedOperations, set.operations, other?.operations);
    set.indexes = emptied(set.indexes, set.operations);
    shortenList(set.operations);
    set.queueRootNode = undefined;
    this.ref[ON_ENCODE_END]?.call(this.ref); // the original's other work, kept
    this.isNew = false;
  };
  reused.starscapeReused = true;
  ChangeTree.prototype.endEncode = reused;
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
reuseChangeSets(EsmChangeTree as unknown as { prototype: { endEncode: EndEncode } });
reuseChangeSets(cjsSchema.ChangeTree);
reuseListCopies(EsmArraySchema);
reuseListCopies(cjsSchema.ArraySchema);
reuseChangeLists(EsmEncoder as unknown as { prototype: { discardChanges: DiscardChanges } });
reuseChangeLists(cjsSchema.Encoder);
