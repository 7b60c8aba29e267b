// The `gamify` command: `npm run gamify -- <command>`. Each command opens the database, applies any
// pending migrations, does one thing through a service, and closes the database before exiting.
import fs from "node:fs";
import readline from "node:readline";
import type { Database } from "@/server/db";
import { ConfigError, readEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { DatabaseInUseError } from "@/server/db/pglite";
import { openMigratedDatabase } from "@/server/db/prepare";
import { createAdmin } from "@/server/services/admins";
import { createApiKey, revokeApiKey } from "@/server/services/api-keys";
import { seedDemo } from "@/server/services/demo-seed";
import { JOB_IDS, type JobId } from "@/server/lib/job-catalog";
import { recordRun, runJobWork } from "@/server/services/job-runs";
import { findDrift, totalDrift } from "@/server/services/reconcile";
import { eraseLearner } from "@/server/services/privacy/erase";
import { drainWebhooks } from "@/server/services/webhooks";
import { importHistory } from "@/server/services/history-import";
import { describeImport, printProgress } from "@/server/services/history-import/report";

const USAGE = `Usage: npm run gamify -- <command>

Commands:
  db:migrate              Apply pending database migrations.
  apikey:create <name>    Create an API key; it is printed once, alone on the last line.
  apikey:revoke <name>    Revoke an API key.
  admin:create <email>    Create a dashboard admin (password from ADMIN_PASSWORD, or asked for).
  import <file> [--restart] [--chunk N]
                          Import history: NDJSON of events or of xAPI statements, with progress; resumes
                          after a kill (--restart reads the file from the top; what is in stays in);
                          N events a transaction (default 2000).
  learner:erase <userId>  Erase a learner and every trace of them (docs/privacy.md).
  seed:demo               Fill a demo organisation.
  verify                  Check every total, board and rank histogram against the ledger; exit 1 on drift.
  jobs:run <job>          Run a background job now (${JOB_IDS.join(", ")}).
  webhooks:drain          Send every webhook delivery that is due now (without an Inngest server).`;

/** A mistake in how the command was called: one sentence for the user. */
class UsageError extends Error {}

const log = (line: string) => console.log(line);
/** Changes made from the command line are audited like the dashboard's, under this actor. */
const CLI_ACTOR = { adminId: null, actor: "cli" };

type Command = (database: Database, args: string[], input: { password?: string }) => Promise<void>;

const commands: Record<string, { run: Command; needsPassword?: boolean; argName?: string }> = {
  "db:migrate": { run: async () => {} }, // opening the database already migrated it
  "apikey:create": {
    argName: "name",
    run: async (database, [name]) => {
      const created = await createApiKey(database.prisma, name!, CLI_ACTOR);
      log(`Created API key "${created.name}" (${created.prefix}…). Store it now: it is not shown again.`);
      log(created.key);
    },
  },
  "apikey:revoke": {
    argName: "name",
    run: async (database, [name]) => {
      const revoked = await revokeApiKey(database.prisma, name!, CLI_ACTOR);
      log(`Revoked API key "${revoked.name}" (${revoked.prefix}…).`);
    },
  },
  "admin:create": {
    argName: "email",
    needsPassword: true,
    run: async (database, [email], { password }) => {
      const admin = await createAdmin(database.prisma, { email: email!, password: password! });
      log(`Created admin ${admin.email}.`);
    },
  },
  "learner:erase": {
    argName: "userId",
    run: async (database, [userId]) => {
      await eraseLearner(database.prisma, userId!, CLI_ACTOR);
      log(`Erased learner ${userId}: every board, count and histogram is as if they had never had points.`);
    },
  },
  verify: {
    run: async (database) => {
      log("Checking learner totals, boards and rank histograms against the ledger…");
      const drift = await findDrift(database.prisma);
      for (const [check, rows] of Object.entries(drift)) log(`  ${check.padEnd(16)} ${rows === 0 ? "ok" : `${rows} rows disagree`}`);
      if (totalDrift(drift) > 0) {
        throw new UsageError("Drift found: run `npm run gamify -- jobs:run leaderboard-refresh` to repair it from the ledger.");
      }
      log("Everything equals the ledger.");
    },
  },
  "jobs:run": {
    argName: "job",
    run: async (database, [job]) => {
      if (!JOB_IDS.includes(job as JobId)) throw new UsageError(`Unknown job "${job}". Jobs: ${JOB_IDS.join(", ")}.`);
      log(`Running ${job}…`);
      const result = await recordRun(database.prisma, job as JobId, "cli", () => runJobWork(database.prisma, job as JobId));
      log(JSON.stringify(result, null, 2));
    },
  },
  "webhooks:drain": {
    run: async (database) => {
      log("Sending due webhook deliveries…");
      const result = await recordRun(database.prisma, "webhook-delivery", "cli", () =>
        drainWebhooks(database.prisma, {
          onBatch: (r) =>
            log(`  sent ${r.attempted}: ${r.succeeded} succeeded, ${r.retrying} to retry, ${r.failed} failed, ${r.disabled} disabled`),
        }),
      );
      const next = result.nextAttemptAt ? `; the next is due at ${result.nextAttemptAt.toISOString()}` : "";
      log(
        `Done: ${result.attempted} sent (${result.succeeded} succeeded, ${result.retrying} to retry, ${result.failed} failed). ` +
          `${result.pending} pending${next}.`,
      );
    },
  },
  import: {
    argName: "file",
    run: async (database, [file, ...flags]) => {
      if (!fs.existsSync(file!)) throw new UsageError(`There is no file ${file}.`);
      const chunk = flags.includes("--chunk") ? Number(flags[flags.indexOf("--chunk") + 1]) : undefined;
      if (chunk !== undefined && !(Number.isInteger(chunk) && chunk >= 1 && chunk <= 10_000)) {
        throw new UsageError("--chunk must be a whole number of events from 1 to 10000.");
      }
      const summary = await importHistory(database.prisma, file!, {
        restart: flags.includes("--restart"),
        chunkSize: chunk,
        onProgress: printProgress(),
      });
      log(describeImport(file!, summary));
      if (summary.failures.length > 0) process.exitCode = 1;
    },
  },
  "seed:demo": {
    run: async (database) => {
      const { adminEmail, adminPassword } = await seedDemo(database.prisma, log);
      log(`Demo ready. Sign in at /admin/sign-in as ${adminEmail} with the password ${adminPassword}.`);
    },
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    if (name && name !== "help" && name !== "--help") console.error(`Unknown command "${name}".\n`);
    console.error(USAGE);
    return name === "help" || name === "--help" ? 0 : 1;
  }
  if (command.argName && !args[0]?.trim()) throw new UsageError(`${name} needs a <${command.argName}>.`);
  const settings = readEnv();
  // Ask before opening the database, so a slow typist does not hold the PGlite lock.
  const input = { password: command.needsPassword ? await readPassword() : undefined };

  const database = await openMigratedDatabase(settings, log);
  // A PGlite folder left without close() may not open again: close it even on Ctrl+C.
  const interrupt = () => void database.close().finally(() => process.exit(130));
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    await command.run(database, args, input);
    return 0;
  } finally {
    await database.close();
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
  }
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) return readLine("Password: ");
  const password = await promptHidden("Password: ");
  if ((await promptHidden("Repeat the password: ")) !== password) throw new UsageError("The passwords do not match.");
  return password;
}

/** One line from a piped stdin (no terminal to hide it from). */
function readLine(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write(question);
  return new Promise((resolve) => {
    let answered = false;
    rl.once("line", (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once("close", () => {
      if (!answered) resolve("");
    });
  });
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (error?: Error) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return finish();
        if (ch === "\u0003" || ch === "\u0004") return finish(new UsageError("Cancelled."));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

function sentence(err: unknown): string {
  // The demo (or the server) holds the embedded database: the dashboard does what the CLI cannot reach now.
  if (err instanceof DatabaseInUseError) {
    return `${err.message}\nWhile it runs, create API keys in the dashboard instead: Dashboard, API keys (/admin/api-keys).`;
  }
  if (err instanceof AppError || err instanceof ConfigError || err instanceof UsageError) return err.message;
  return `Something went wrong: ${err instanceof Error ? err.message : String(err)}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(sentence(err));
    process.exitCode = 1;
  },
);
