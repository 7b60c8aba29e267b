import type { ImportProgress, ImportSummary } from "./index";

// What the import command prints: a progress line at most once a second, and a summary at the end.

const n = (value: number) => value.toLocaleString("en-US");

function duration(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
    : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function printProgress(write: (line: string) => void = (line) => console.log(line)) {
  let last = 0;
  return (p: ImportProgress) => {
    if (Date.now() - last < 1000 && p.bytesDone < p.bytesTotal) return;
    last = Date.now();
    const done = p.counts.created + p.counts.duplicate + p.counts.ignored + p.counts.failed;
    const percent = p.bytesTotal > 0 ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 100;
    const eta = p.etaSeconds === null ? "" : `, about ${duration(p.etaSeconds)} left`;
    write(`${percent}% of the file: ${n(done)} lines (${n(Math.round(p.rate))}/s)${eta}`);
  };
}

export function describeImport(file: string, s: ImportSummary): string {
  if (s.alreadyDone) return `${file} was imported already (${n(s.counts.created)} recorded). Run with --restart to read it again.`;
  const resumed = s.resumedAt ? ` Resumed at line ${n(s.resumedAt.line + 1)}.` : "";
  const what = s.format === "xapi" ? "statements applied" : "events recorded";
  const lines = [
    `Imported ${file} in ${duration(s.seconds)}: ${n(s.counts.created)} ${what}, ${n(s.counts.duplicate)} already in, ` +
      `${n(s.counts.ignored)} ignored, ${n(s.counts.failed)} failed.${resumed}`,
    ...s.failures.map((f) => `  line ${n(f.line)}: ${f.message}`),
  ];
  if (s.counts.failed > s.failures.length) lines.push(`  … and ${n(s.counts.failed - s.failures.length)} more.`);
  return lines.join("\n");
}
