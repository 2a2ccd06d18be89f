// Where a thread spends its time: V8 CPU profiles summed into self time per function, and a
// profiler run in process through node:inspector (the host bench uses it inside the extension
// host to name what costs the event loop its time).
import { Session } from 'node:inspector';
import { setTimeout as sleep } from 'node:timers/promises';

export interface HotFunction {
  /** `function file:line`. */
  readonly name: string;
  /** Share of the samples, in per cent; idle time is its own entry, `(idle)`. */
  readonly percent: number;
}

/** The part of a V8 CPU profile (Profiler.stop) that self time needs. */
export interface CpuProfile {
  readonly nodes: readonly { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: readonly number[] }[];
  readonly samples?: readonly number[];
}

/** Where the profiled thread's time went: functions by self time, and by time with their callees. */
export interface ProfileSummary {
  readonly self: readonly HotFunction[];
  readonly inclusive: readonly HotFunction[];
}

/** Profiles this thread for `ms` and returns the `top` functions by self time and by inclusive time. */
export async function profileThread(ms: number, top = 20): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) => new Promise<T>((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
  try {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
    await sleep(ms);
    const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
    return { self: selfTime(profile).slice(0, top), inclusive: inclusiveTime(profile).slice(0, top) };
  } finally {
    session.disconnect();
  }
}

/** Self time per function from a profile's samples, most first. */
export function selfTime(profile: CpuProfile): HotFunction[] {
  const counts = new Map<number, number>();
  for (const id of profile.samples ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  const byName = new Map<string, number>();
  for (const node of profile.nodes) byName.set(nameOf(node), (byName.get(nameOf(node)) ?? 0) + (counts.get(node.id) ?? 0));
  return ranked(byName, profile);
}

/**
 * Time spent in each function or its callees: every sample counts once for each distinct function
 * on its stack. The profiler's pseudo-frames ((root), (idle), (program), (garbage collector)) are left out.
 */
export function inclusiveTime(profile: CpuProfile): HotFunction[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byName = new Map<string, number>();
  for (const leaf of profile.samples ?? []) {
    const names = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const name = nameOf(byId.get(id)!);
      if (!name.startsWith('(')) names.add(name);
    }
    for (const name of names) byName.set(name, (byName.get(name) ?? 0) + 1);
  }
  return ranked(byName, profile);
}

function nameOf(node: CpuProfile['nodes'][number]): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return url ? `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}` : functionName || '(anonymous)';
}

/** Sample counts by name as shares of all samples, most first. */
function ranked(byName: ReadonlyMap<string, number>, profile: CpuProfile): HotFunction[] {
  const total = Math.max(1, profile.samples?.length ?? 0);
  return [...byName].sort((a, b) => b[1] - a[1]).map(([name, count]) => ({ name, percent: (100 * count) / total }));
}
