/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) */
// Preloaded into the server under test by `npm run bench -- --profile` (NODE_OPTIONS="--require ...";
// Node refuses --cpu-prof there). In the production server process only (server/start.ts start): SIGUSR2 ends the current profile,
// writes it as BENCH_PROFILE_DIR/segment-<n>.cpuprofile and starts the next one, so the benchmark gets one
// profile per scenario; SIGTERM writes the last one and exits. Open them in Chrome DevTools, or summarise
// them with bench/profile-summary.ts.
const dir = process.env.BENCH_PROFILE_DIR;
if (dir && /server[\\/]start\.ts$/.test(process.argv[1] || "") && process.argv[2] === "start") {
  const fs = require("node:fs");
  const path = require("node:path");
  const inspector = require("node:inspector");
  const session = new inspector.Session();
  session.connect();
  let segment = 0;
  const start = (done) => session.post("Profiler.start", () => done && done());
  const write = (done) =>
    session.post("Profiler.stop", (err, result) => {
      if (!err && result) {
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `segment-${segment++}.cpuprofile`);
        fs.writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
        fs.renameSync(`${file}.tmp`, file);
      }
      done();
    });
  session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 500 }, () => start()));
  process.on("SIGUSR2", () => write(() => start()));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    write(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
