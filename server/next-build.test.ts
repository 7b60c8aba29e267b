import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildState } from "./next-build";

// On a scratch project: a build is redone when missing or when a source it reads changed after it.
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gamify-build-"));
  roots.push(root);
  fs.mkdirSync(path.join(root, "app"));
  fs.writeFileSync(path.join(root, "app", "page.tsx"), "export default 1;");
  fs.writeFileSync(path.join(root, "package.json"), "{}");
  return root;
}

const touch = (file: string, at: Date) => fs.utimesSync(file, at, at);

function build(root: string, at: Date) {
  fs.mkdirSync(path.join(root, ".next"), { recursive: true });
  fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
  touch(path.join(root, ".next", "BUILD_ID"), at);
}

describe("the production build's freshness", () => {
  const before = new Date("2026-12-01T10:00:00Z");
  const after = new Date("2026-12-01T11:00:00Z");

  it("is missing without a BUILD_ID", () => {
    expect(buildState(project(), ".next")).toBe("missing");
  });

  it("is current when every source is older, and stale once a page, a server file or the config changes", () => {
    const root = project();
    touch(path.join(root, "app", "page.tsx"), before);
    touch(path.join(root, "package.json"), before);
    build(root, after);
    expect(buildState(root, ".next")).toBe("current");

    fs.mkdirSync(path.join(root, "server"));
    fs.writeFileSync(path.join(root, "server", "rules.ts"), "export {};");
    expect(buildState(root, ".next")).toBe("stale");

    touch(path.join(root, "server", "rules.ts"), before);
    fs.writeFileSync(path.join(root, "next.config.mjs"), "export default {};");
    expect(buildState(root, ".next")).toBe("stale");
  });

  it("ignores test files, which the build does not read", () => {
    const root = project();
    touch(path.join(root, "app", "page.tsx"), before);
    touch(path.join(root, "package.json"), before);
    build(root, after);
    fs.writeFileSync(path.join(root, "app", "page.test.ts"), "");
    expect(buildState(root, ".next")).toBe("current");
  });
});
