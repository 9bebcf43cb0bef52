/** Summarises a V8 .cpuprofile: top functions by self time, and self time by package / src folder. */
import * as fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: { name: string; where: string; selfMs: number; percent: number }[];
  groups: { group: string; selfMs: number; percent: number }[];
}

function groupOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const src = url.indexOf('/dist/src/');
  if (src >= 0) return `src/${url.slice(src + '/dist/src/'.length).split('/')[0]}`;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url.replace(/^file:\/\//, '');
}

export function summarize(file: string, top = 30): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
    startTime: number;
    endTime: number;
  };
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const samples = profile.samples.length;
  const perSample = totalMs / samples;
  const fn = new Map<string, { name: string; where: string; hits: number }>();
  const groups = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const where = url ? `${url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = fn.get(key) ?? { name, where, hits: 0 };
    entry.hits += hits;
    fn.set(key, entry);
    const group = groupOf(url, name);
    groups.set(group, (groups.get(group) ?? 0) + hits);
  }
  const pct = (hits: number) => Math.round((hits / samples) * 1000) / 10;
  return {
    totalMs,
    functions: [...fn.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: Math.round(f.hits * perSample), percent: pct(f.hits) })),
    groups: [...groups.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([group, hits]) => ({ group, selfMs: Math.round(hits * perSample), percent: pct(hits) })),
  };
}
