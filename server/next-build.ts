import fs from "node:fs";
import path from "node:path";

// Whether the production build in a dist folder still matches the sources: the demo builds only when it must
// (a build takes minutes on a small machine) and never serves yesterday's code after a `git pull`.

/** What the build reads: a change to any of these makes it stale. Tests and docs are not built. */
const SOURCES = ["app", "components", "server", "public", "prisma/schema.prisma", "package.json", "package-lock.json"];
const CONFIG_FILES = /^(next\.config\.\w+|postcss\.config\.\w+|tsconfig\.json|proxy\.ts|instrumentation\.ts)$/;
const SKIPPED = /\.test\.tsx?$/;

/** The latest modification time (ms) of the files a build reads, under `root`. */
export function newestSourceChange(root: string): number {
  let newest = 0;
  const visit = (file: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return; // a source that does not exist here (no public/ folder, say)
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file)) if (name !== "node_modules" && !name.startsWith(".")) visit(path.join(file, name));
    } else if (!SKIPPED.test(file)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const source of SOURCES) visit(path.join(root, source));
  for (const name of fs.readdirSync(root)) if (CONFIG_FILES.test(name)) visit(path.join(root, name));
  return newest;
}

export type BuildState = "missing" | "stale" | "current";

/** "missing" without a build, "stale" when a source changed after it, else "current". */
export function buildState(root: string, distDir: string): BuildState {
  let builtAt: number;
  try {
    builtAt = fs.statSync(path.join(root, distDir, "BUILD_ID")).mtimeMs;
  } catch {
    return "missing";
  }
  return newestSourceChange(root) > builtAt ? "stale" : "current";
}
