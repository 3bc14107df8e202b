import path from 'node:path';

/** The parts of a V8 .cpuprofile (node --cpu-prof) this summary reads. */
type CpuProfile = {
  startTime: number;
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
};

/**
 * A short text of a CPU profile: the frames with the most self time (work done in the function
 * itself) and with the most inclusive time (the function and what it called, each sample counted
 * once per function however deep its recursion), as shares of all samples.
 */
export function summarizeProfile(profile: CpuProfile, options: { rows?: number; skipMs?: number } = {}): string {
  const rows = options.rows ?? 25;
  const skipUs = (options.skipMs ?? 0) * 1000;
  const parentOf = new Map<number, number>();
  const nameOf = new Map<number, string>();
  const packageOf = new Map<number, string>();
  for (const node of profile.nodes) {
    // Where the time goes by library: node_modules/<name>, or the project's src/<folder>, or node itself.
    const frameUrl = node.callFrame.url;
    const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frameUrl)?.[1];
    const inSource = /\/src\/([^/]+(?:\/[^/]+)?)\//.exec(frameUrl)?.[1];
    const inNode = frameUrl ? 'node' : `node ${node.callFrame.functionName}`;
    packageOf.set(node.id, inModules ?? (inSource ? `src/${inSource}` : frameUrl.startsWith('file:') ? frameUrl : inNode));
    for (const child of node.children ?? []) parentOf.set(child, node.id);
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? `${path.basename(path.dirname(url))}/${path.basename(url)}:${lineNumber + 1}` : '';
    nameOf.set(node.id, `${functionName || '(anonymous)'} ${file}`.trim());
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  let at = 0;
  profile.samples.forEach((id, index) => {
    const weight = profile.timeDeltas[index] ?? 0;
    at += weight;
    if (at < skipUs) return;
    total += weight;
    const where = packageOf.get(id)!;
    byPackage.set(where, (byPackage.get(where) ?? 0) + weight);
    const name = nameOf.get(id)!;
    self.set(name, (self.get(name) ?? 0) + weight);
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) seen.add(nameOf.get(node)!);
    for (const frame of seen) inclusive.set(frame, (inclusive.get(frame) ?? 0) + weight);
  });
  const top = (by: Map<string, number>) =>
    [...by]
      .sort((a, b) => b[1] - a[1])
      .slice(0, rows)
      .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n');
  return `Samples over ${(total / 1e6).toFixed(1)} s\n\nSelf time by library\n${top(byPackage)}\n\nSelf time\n${top(self)}\n\nInclusive time\n${top(inclusive)}\n`;
}
