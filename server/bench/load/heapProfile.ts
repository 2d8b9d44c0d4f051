/**
 * Memory readings of a server process through its V8 inspector (the process runs with `--inspect`):
 * - the live heap after a full collection, to compare per player what the rooms keep (RSS also counts the
 *   headroom V8 leaves between collections, and that depends on its growth policy);
 * - what the measured window promoted to the old generation, by allocation site: V8's sampling heap profiler
 *   keeping the objects that outlived a scavenge (those the young generation's collections freed are left out).
 *   Promoted bytes are what the major collections have to mark and sweep again; per action, they say which code
 *   makes the old generation grow. An overcount to keep in mind: a full collection also frees the young
 *   generation, and V8 files the young objects that die there under "collected by a major collection" too, so a
 *   window with a full collection in it adds some short-lived allocations (at 4,000 players, session 19: 949 B
 *   per action sampled against 760 B from the old generation's growth between scavenges in `--trace-gc`). Compare
 *   sites between runs, and check a total against `--node-options=--trace-gc`.
 */
import { writeFile } from 'node:fs/promises';
import { Inspector, ownerOf, whereOf, type CallFrame } from './profile';

interface SamplingNode {
  callFrame: CallFrame;
  selfSize: number;
  children: SamplingNode[];
}
export interface SamplingHeapProfile {
  head: SamplingNode;
}

/**
 * Forces a full collection of all the garbage the heap can give back (what `HeapProfiler.collectGarbage` runs:
 * V8's collection for a smaller footprint, the young generation shrunk too) and returns the bytes of live objects.
 */
export async function collectAllGarbage(inspectorUrl: string): Promise<number> {
  const inspector = await Inspector.connect(inspectorUrl);
  try {
    await inspector.call('HeapProfiler.enable');
    await inspector.call('HeapProfiler.collectGarbage');
    const { usedSize } = await inspector.call<{ usedSize: number }>('Runtime.getHeapUsage');
    await inspector.call('HeapProfiler.disable');
    return usedSize;
  } finally {
    inspector.close();
  }
}

/** Starts sampling what outlives the young generation; the returned function stops and hands back the profile. */
export async function startPromotionProfile(inspectorUrl: string, samplingIntervalBytes = 4096): Promise<() => Promise<SamplingHeapProfile>> {
  const inspector = await Inspector.connect(inspectorUrl);
  await inspector.call('HeapProfiler.enable');
  await inspector.call('HeapProfiler.startSampling', {
    samplingInterval: samplingIntervalBytes,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  });
  return async () => {
    const { profile } = await inspector.call<{ profile: SamplingHeapProfile }>('HeapProfiler.stopSampling');
    inspector.close();
    return profile;
  };
}

export interface PromotionSummary {
  totalBytes: number;
  /** by the function that allocated, with its caller */
  bySite: Array<{ site: string; caller: string; bytes: number }>;
  byOwner: Array<{ owner: string; bytes: number }>;
}

export function summarizePromotion(profile: SamplingHeapProfile, top = 20): PromotionSummary {
  const bySite = new Map<string, { site: string; caller: string; bytes: number }>();
  const byOwner = new Map<string, number>();
  let totalBytes = 0;
  const visit = (node: SamplingNode, caller: CallFrame | undefined) => {
    if (node.selfSize > 0) {
      totalBytes += node.selfSize;
      const site = `${node.callFrame.functionName || '(anonymous)'} ${whereOf(node.callFrame)}`;
      const from = caller ? `${caller.functionName || '(anonymous)'} ${whereOf(caller)}` : '';
      const key = `${site}\u0000${from}`;
      const entry = bySite.get(key) ?? { site, caller: from, bytes: 0 };
      entry.bytes += node.selfSize;
      bySite.set(key, entry);
      const owner = ownerOf(node.callFrame);
      byOwner.set(owner, (byOwner.get(owner) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child, node.callFrame);
  };
  visit(profile.head, undefined);
  return {
    totalBytes,
    bySite: [...bySite.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top),
    byOwner: [...byOwner].map(([owner, bytes]) => ({ owner, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, top),
  };
}

export async function savePromotionProfile(file: string, profile: SamplingHeapProfile): Promise<void> {
  await writeFile(file, JSON.stringify(profile));
}
