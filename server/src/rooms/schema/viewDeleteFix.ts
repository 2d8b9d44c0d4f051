/**
 * A fix for `@colyseus/schema` 3.0.76: removing a `@view()` field of a schema object that also has public
 * fields (the town's `upgrade`, or a list that empties) drops the wrong entry from the object's record of
 * everything it holds. `ChangeTree.delete` removes the field from `allChanges`, where only public fields are
 * kept; not finding it there, it removes the last entry instead, a public field (the town's `energyUse`, then
 * `energySupply`, …). Patches go on as before, but every full state from then on (each new joiner, owner or
 * visitor) lacks those fields. Found by the fault suite: an owner who joined after an upgrade was cancelled
 * had no `energyUse`.
 *
 * The fix: for a schema object (not a list or map, whose own bookkeeping relies on that fallback when items are
 * spliced), the removal only touches the record that holds the field. Both module copies are patched, as in
 * `stringEncodingFix.ts`. Imported for its effect by `TownOwnerView`, which is what gives towns views.
 */
import { createRequire } from 'node:module';
import { ChangeTree as EsmChangeTree, Schema as EsmSchema } from '@colyseus/schema';

interface ChangeSet {
  indexes: Record<number, number | undefined>;
  operations: Array<number | undefined>;
}
type Delete = ((this: Tree, index: number, operation?: number, allChangesIndex?: number) => unknown) & { starscapeFixed?: true };
interface Tree {
  ref: unknown;
  allChanges: ChangeSet;
  allFilteredChanges?: ChangeSet;
}

const nothing = (): ChangeSet => ({ indexes: {}, operations: [] });

function fixDelete(ChangeTree: { prototype: { delete: Delete } }, Schema: abstract new (...args: never[]) => object): void {
  const original = ChangeTree.prototype.delete;
  if (original.starscapeFixed) return;
  const fixed: Delete = function (this: Tree, index, operation, allChangesIndex = index) {
    if (!(this.ref instanceof Schema)) return original.call(this, index, operation, allChangesIndex);
    const { allChanges, allFilteredChanges } = this;
    // where the field is not recorded, let the removal find nothing rather than take the last entry
    if (allChanges.indexes[allChangesIndex] === undefined) this.allChanges = nothing();
    if (allFilteredChanges && allFilteredChanges.indexes[allChangesIndex] === undefined) this.allFilteredChanges = nothing();
    try {
      return original.call(this, index, operation, allChangesIndex);
    } finally {
      this.allChanges = allChanges;
      if (allFilteredChanges) this.allFilteredChanges = allFilteredChanges;
    }
  };
  fixed.starscapeFixed = true;
  ChangeTree.prototype.delete = fixed;
}

type Module = { ChangeTree: { prototype: { delete: Delete } }; Schema: abstract new (...args: never[]) => object };
fixDelete(EsmChangeTree as unknown as Module['ChangeTree'], EsmSchema as unknown as Module['Schema']);
const cjs = createRequire(import.meta.url)('@colyseus/schema') as Module;
fixDelete(cjs.ChangeTree, cjs.Schema);
