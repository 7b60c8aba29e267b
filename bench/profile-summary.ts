// `npx tsx bench/profile-summary.ts <file.cpuprofile> [top]`: where a CPU profile's time went, by function
// (self time) and by package, as a short table for docs/performance.md.
import fs from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

function where(url: string): string {
  if (!url) return "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return "node";
  if (url.includes("/.next")) return "app bundle";
  return url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
}

export function summarise(file: string, top = 25): string {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const all = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
  const idle = profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").reduce((n, node) => n + (node.hitCount ?? 0), 0);
  // Shares of the time the process was busy: idle time (waiting for the database or the network) apart.
  const total = all - idle || 1;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0 || node.callFrame.functionName === "(idle)") continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || "(anonymous)"} ${where(url)}${url ? `:${lineNumber + 1}` : ""}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
    const pkg =
      functionName === "(idle)" || functionName === "(program)" || functionName === "(garbage collector)" ? functionName : where(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
  }
  const pct = (n: number) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${pct(v)}  ${k}`);
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  return [
    `${file}: ${seconds.toFixed(1)} s profiled, ${((100 * idle) / all).toFixed(0)} % idle`,
    "",
    "By package (self time, share of busy time):",
    ...list(byPackage),
    "",
    "By function (self time, share of busy time):",
    ...list(byFunction),
  ].join("\n");
}

if (process.argv[1] && /profile-summary\.ts$/.test(process.argv[1])) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error("Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]");
    process.exit(1);
  }
  console.log(summarise(file, Number(top ?? 25)));
}
