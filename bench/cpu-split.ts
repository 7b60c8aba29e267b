import fs from "node:fs";
import { descendants } from "./server";

// Where the CPU went during a scenario: the server under test (its process tree), PostgreSQL (every process
// named postgres), and the rest (the load client, and on a shared machine anything else), as shares of the
// machine's busy time, read from /proc before and after. A missed target then has a cause: a server at 90 %
// is the server's; PostgreSQL at 90 % is the database's.

export interface CpuTicks {
  busy: number;
  server: number;
  postgres: number;
}

function processTicks(pid: number): { comm: string; ticks: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // exited while we looked
  }
}

export function readCpuTicks(serverPid: number): CpuTicks {
  const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const busy = cpu.slice(0, 8).reduce((a, b) => a + b, 0) - cpu[3]! - cpu[4]!;
  const server = [serverPid, ...descendants(serverPid)].reduce((sum, pid) => sum + (processTicks(pid)?.ticks ?? 0), 0);
  let postgres = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const p = processTicks(Number(entry));
    if (p && (p.comm === "postgres" || p.comm.startsWith("postgres:"))) postgres += p.ticks;
  }
  return { busy, server, postgres };
}

/** "server 48 %, PostgreSQL 41 %, rest 11 %" of the busy CPU between two readings. */
export function describeCpuSplit(before: CpuTicks, after: CpuTicks): string {
  const busy = Math.max(after.busy - before.busy, 1);
  const share = (n: number) => `${Math.round((100 * Math.max(n, 0)) / busy)} %`;
  const server = after.server - before.server;
  const postgres = after.postgres - before.postgres;
  return `server ${share(server)}, PostgreSQL ${share(postgres)}, rest ${share(busy - server - postgres)}`;
}
