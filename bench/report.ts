// The one table the benchmark prints, and the markdown file it leaves in bench/results/latest.md.

export interface Row {
  scenario: string;
  clients: string;
  result: string;
  p50: string;
  p99: string;
  target: string;
  /** true met, false missed, null no target (informative). */
  met: boolean | null;
  /** The same work done by PostgreSQL alone (raw-limits.ts), and this result as a share of it. */
  limit?: string;
  ratio?: string;
  /** Where the CPU went (cpu-split.ts). */
  cpu?: string;
}

export interface Header {
  date: string;
  machine: string;
  postgres: string;
  dataset: string;
  load: string;
  command: string;
}

export const fmtInt = (n: number) => Math.round(n).toLocaleString("en");
export const fmtMs = (ms: number) => (ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`);
export const fmtS = (s: number) => `${s.toFixed(s >= 10 ? 1 : 2)} s`;

export function renderTable(rows: Row[]): string {
  const head = ["scenario", "clients", "result", "p50", "p99", "raw limit", "ratio", "target", "met?", "CPU"];
  const cells = rows.map((r) => [
    r.scenario,
    r.clients,
    r.result,
    r.p50,
    r.p99,
    r.limit ?? "-",
    r.ratio ?? "-",
    r.target,
    r.met === null ? "-" : r.met ? "yes" : "**no**",
    r.cpu ?? "-",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}

export function renderReport(header: Header, rows: Row[], notes: string[]): string {
  return [
    `Benchmark of ${header.date}`,
    "",
    `- machine: ${header.machine}`,
    `- PostgreSQL: ${header.postgres}`,
    `- data set: ${header.dataset}`,
    `- load: ${header.load}`,
    `- command: \`${header.command}\``,
    "",
    renderTable(rows),
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
}
