// Runs one load scenario in its own process (bench/load.ts), so the client's CPU is not the server's.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { LoadResult, LoadSpec } from "./load";

const running = new Set<ChildProcess>();

/** Runs one scenario; `onStarted` is called once its load is running. */
export function runLoad(spec: LoadSpec, onStarted?: (child: ChildProcess) => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join("bench", "load.ts"), JSON.stringify(spec)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    running.add(child);
    let buffer = "";
    let result: LoadResult | null = null;
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const message = JSON.parse(line) as { started?: boolean; result?: LoadResult };
          if (message.started) onStarted?.(child);
          if (message.result) result = message.result;
        } catch {
          process.stdout.write(`${line}\n`);
        }
      }
    });
    child.on("exit", (code) => {
      running.delete(child);
      if (result) resolve(result);
      else reject(new Error(`The load process failed (exit code ${code}).`));
    });
  });
}

/** Kills every load process still running (clean-up on failure or Ctrl+C). */
export function killLoads(): void {
  for (const child of running) if (child.pid) process.kill(child.pid, "SIGKILL");
}
