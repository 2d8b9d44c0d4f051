/**
 * A CPU profile of a server process over the measured window only, taken through its V8 inspector (the
 * process runs with `--inspect`), and a summary of where the time went: by function (self time) and by
 * package. `node --cpu-prof` would cover the whole run, joins and shutdown included.
 */
import { writeFile } from 'node:fs/promises';
import { WebSocket } from 'ws';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A minimal Chrome DevTools Protocol session. */
export class Inspector {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
    });
  }

  static connect(url: string): Promise<Inspector> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { maxPayload: 2 ** 30 });
      socket.once('open', () => resolve(new Inspector(socket)));
      socket.once('error', reject);
    });
  }

  call<T>(method: string, params?: object): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** Starts sampling (every `intervalUs`); the returned function stops it and hands back the profile. */
export async function startProfile(inspectorUrl: string, intervalUs = 500): Promise<() => Promise<CpuProfile>> {
  const inspector = await Inspector.connect(inspectorUrl);
  await inspector.call('Profiler.enable');
  await inspector.call('Profiler.setSamplingInterval', { interval: intervalUs });
  await inspector.call('Profiler.start');
  return async () => {
    const { profile } = await inspector.call<{ profile: CpuProfile }>('Profiler.stop');
    inspector.close();
    return profile;
  };
}

/** Which package (or part of Node, or of the project) a frame belongs to. */
export function ownerOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const project = /\/(server|shared|prisma)\/(src|bench|generated)\/(.*)$/.exec(url);
  return project ? `${project[1]}/${project[2]}/${project[3]}` : url;
}

/** Where a frame is: its owner, and for a package the file within it. */
export function whereOf(frame: CallFrame): string {
  if (!frame.url) return '';
  const owner = ownerOf(frame);
  const file = frame.url.includes('node_modules/') ? `/${frame.url.split('/').pop()}` : '';
  return `${owner}${file}:${frame.lineNumber + 1}`;
}

export interface ProfileSummary {
  /** sampled time, idle excluded, in ms */
  busyMs: number;
  idleMs: number;
  byFunction: Array<{ name: string; where: string; selfMs: number; share: number }>;
  byOwner: Array<{ owner: string; selfMs: number; share: number }>;
  /** time inside (self and below) each function whose `name@owner:line` matches the watch pattern */
  inclusive: Array<{ name: string; totalMs: number; share: number }>;
}

/**
 * Which samples to count: all of them, or only those inside long tasks (stretches of at least `minMs` without
 * an idle sample: the event loop was blocked that long, and everything waiting was late).
 */
function sampleFilter(profile: CpuProfile, idleIds: Set<number>, longTasksMs: number | undefined): (i: number) => boolean {
  if (longTasksMs === undefined) return () => true;
  const inLong = new Uint8Array(profile.samples.length);
  let start = 0;
  let busyUs = 0;
  const close = (end: number) => {
    if (busyUs >= longTasksMs * 1000) inLong.fill(1, start, end);
  };
  for (let i = 0; i < profile.samples.length; i++) {
    if (idleIds.has(profile.samples[i]!)) {
      close(i);
      start = i + 1;
      busyUs = 0;
    } else busyUs += profile.timeDeltas[i + 1] ?? 0;
  }
  close(profile.samples.length);
  return (i) => inLong[i] === 1;
}

/**
 * Self time by function and by owner; total time below the functions whose `name@owner:line` matches `watch`.
 * With `longTasksMs`, only the samples inside long tasks (see `sampleFilter`) count.
 */
export function summarizeProfile(profile: CpuProfile, watch: RegExp, top = 25, longTasksMs?: number): ProfileSummary & { longTasks?: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const counted = sampleFilter(profile, idleIds, longTasksMs);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    if (!counted(i)) continue;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  let idleUs = 0;
  let busyUs = 0;
  const fn = new Map<string, { name: string; where: string; us: number }>();
  const owner = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const where = whereOf(callFrame);
    const key = `${callFrame.functionName}@${where}`;
    const entry = fn.get(key) ?? { name: callFrame.functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    fn.set(key, entry);
    const o = ownerOf(callFrame);
    owner.set(o, (owner.get(o) ?? 0) + us);
  }

  // inclusive time of watched functions: a node's subtree, counted once per watched name along a path
  const totalUs = new Map<number, number>();
  const subtree = (id: number): number => {
    const node = byId.get(id)!;
    let sum = selfUs.get(id) ?? 0;
    for (const child of node.children ?? []) sum += subtree(child);
    totalUs.set(id, sum);
    return sum;
  };
  subtree(profile.nodes[0]!.id);
  const inclusive = new Map<string, number>();
  const walk = (id: number, open: Set<string>) => {
    const node = byId.get(id)!;
    const { callFrame } = node;
    const name = `${callFrame.functionName || '(anonymous)'}@${whereOf(callFrame)}`;
    let next = open;
    if (watch.test(name) && !open.has(name)) {
      inclusive.set(name, (inclusive.get(name) ?? 0) + totalUs.get(id)!);
      next = new Set(open).add(name);
    }
    for (const child of node.children ?? []) walk(child, next);
  };
  walk(profile.nodes[0]!.id, new Set());

  const share = (us: number) => (busyUs > 0 ? us / busyUs : 0);
  return {
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    byFunction: [...fn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: f.us / 1000, share: share(f.us) })),
    byOwner: [...owner.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([o, us]) => ({ owner: o, selfMs: us / 1000, share: share(us) })),
    inclusive: [...inclusive.entries()].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, totalMs: us / 1000, share: share(us) })),
  };
}

export async function saveProfile(file: string, profile: CpuProfile): Promise<void> {
  await writeFile(file, JSON.stringify(profile));
}
