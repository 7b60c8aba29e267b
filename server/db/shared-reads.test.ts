import { describe, expect, it } from "vitest";
import { shareIdenticalReads } from "./shared-reads";

// The sharing rule on its own, with executions whose end the test decides. (test/leaderboards.test.ts checks
// the same rule on a real database under concurrent writes.)
function controlledQuery() {
  const executions: { text: string; params: unknown[]; settle(rows: unknown[] | Error): void }[] = [];
  const query = (text: string, params: unknown[] = []) =>
    new Promise<unknown[]>((resolve, reject) => {
      executions.push({ text, params, settle: (rows) => (rows instanceof Error ? reject(rows) : resolve(rows)) });
    });
  return { executions, read: shareIdenticalReads(query as never) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("identical reads sharing an execution", () => {
  it("reads asked while one runs share the next execution, which starts only after it ended", async () => {
    const { executions, read } = controlledQuery();
    const first = read("SELECT page", [1]);
    const waiting = [read("SELECT page", [1]), read("SELECT page", [1]), read("SELECT page", [1])];
    await tick();
    expect(executions).toHaveLength(1); // the three wait: they were asked after the running one started

    executions[0]!.settle(["before"]);
    await expect(first).resolves.toEqual(["before"]);
    await tick();
    expect(executions).toHaveLength(2);
    const late = read("SELECT page", [1]); // asked after the second started: not served by it
    executions[1]!.settle(["after"]);
    expect(await Promise.all(waiting)).toEqual([["after"], ["after"], ["after"]]);
    await tick();
    expect(executions).toHaveLength(3);
    executions[2]!.settle(["latest"]);
    await expect(late).resolves.toEqual(["latest"]);
  });

  it("different statements or parameters never share", async () => {
    const { executions, read } = controlledQuery();
    const reads = [read("SELECT page", [1]), read("SELECT page", [2]), read("SELECT other", [1])];
    await tick();
    expect(executions.map((e) => [e.text, e.params])).toEqual([
      ["SELECT page", [1]],
      ["SELECT page", [2]],
      ["SELECT other", [1]],
    ]);
    executions.forEach((e, i) => e.settle([i]));
    expect(await Promise.all(reads)).toEqual([[0], [1], [2]]);
  });

  it("a failed execution fails only the reads it served; the ones waiting get their own", async () => {
    const { executions, read } = controlledQuery();
    const first = read("SELECT page", [1]);
    const waiting = read("SELECT page", [1]);
    executions[0]!.settle(new Error("connection lost"));
    await expect(first).rejects.toThrow("connection lost");
    await tick();
    executions[1]!.settle(["fine"]);
    await expect(waiting).resolves.toEqual(["fine"]);
    const again = read("SELECT page", [1]);
    await tick();
    executions[2]!.settle(["still fine"]);
    await expect(again).resolves.toEqual(["still fine"]);
  });
});
