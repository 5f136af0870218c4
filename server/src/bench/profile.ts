/** The parts of a V8 .cpuprofile (what `node --cpu-prof` and the inspector write) read here. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time in ms, idle excluded. */
  busyMs: number;
  /** Share of busy time spent in each function itself (self time), largest first. */
  functions: { name: string; share: number }[];
  /** Share of busy time by where the code lives: an npm package, the app, Node, GC. */
  areas: { area: string; share: number }[];
}

/** Which package (or the app, or Node itself) a frame's script belongs to. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.includes('/shared/dist/')) return '@attune/shared';
  const src = url.indexOf('/server/src/');
  if (src >= 0)
    return (
      'app:' +
      url
        .slice(src + '/server/src/'.length)
        .split('/')[0]!
        .replace(/\.js$/, '')
    );
  return url;
}

/** Self time per function and per area, as shares of the busy (non-idle) samples. */
export function summarise(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // A sample's time is the delta to the next one (V8's own convention).
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  }
  const fn = new Map<string, number>();
  const area = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busy += us;
    const where = areaOf(frame.url, frame.functionName);
    const name = `${frame.functionName || '(anonymous)'} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    area.set(where, (area.get(where) ?? 0) + us);
  }
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => ({ k, share: busy ? v / busy : 0 }));
  return {
    busyMs: busy / 1000,
    functions: ranked(fn)
      .slice(0, top)
      .map(({ k, share }) => ({ name: k, share })),
    areas: ranked(area)
      .slice(0, top)
      .map(({ k, share }) => ({ area: k, share })),
  };
}

export function formatSummary(label: string, s: ProfileSummary, requests: number): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  return [
    `${label}: ${s.busyMs.toFixed(0)} ms busy over ${requests} requests = ${(s.busyMs / Math.max(1, requests)).toFixed(3)} ms of Node CPU per request`,
    '  by area (self time):',
    ...s.areas.map((a) => `    ${pct(a.share)}  ${a.area}`),
    '  top functions (self time):',
    ...s.functions.map((f) => `    ${pct(f.share)}  ${f.name}`),
  ].join('\n');
}
