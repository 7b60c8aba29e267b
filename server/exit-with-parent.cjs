// Preloaded (node --require) into the Next.js process that server/start.ts spawns. That process runs in
// its own process group, so if start.ts dies without forwarding a signal (SIGKILL, a crash), nothing
// else would stop it: it would keep the port and the PGlite lock. The IPC channel to start.ts closes
// when start.ts dies; treat that as SIGTERM, which closes the database and exits.
//
// Only in that one process: `next dev` forks its worker with the same flags, and the worker needs its
// own IPC channel to its parent left alone. The marker variable is removed before Next can pass it on.
if (process.env.GAMIFY_EXIT_WITH_PARENT === "1" && process.channel) {
  delete process.env.GAMIFY_EXIT_WITH_PARENT;
  process.channel.unref(); // the channel alone must not keep a finished process (next build) alive
  process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
}
