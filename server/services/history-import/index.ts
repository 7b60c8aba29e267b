import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { AppError } from "@/server/errors";
import { recordEvents } from "@/server/services/events";
import { receiveStatements } from "@/server/services/xapi";
import { parseStatements } from "@/server/services/xapi/receive";
import { checkpointPathFor, readCheckpoint, writeCheckpoint, type Checkpoint, type ImportCounts } from "./checkpoint";
import { ndjsonLines, type NdjsonLine } from "./ndjson-lines";

// Bulk import of history (`npm run gamify -- import <file>`): NDJSON of events, or of xAPI statements, recorded
// through the same ingestion as the API, so the end state is the one one-by-one ingestion gives. Speed comes
// from large transactions (a chunk of events per learner lane) and from two lanes at once, each learner always
// in the same lane so that a learner's events keep the file's order. After every round of chunks commits, a
// checkpoint records the byte offset reached: a re-run after a kill starts there, and the few events of the
// round in flight are answered as duplicates (their ids are known).

export type ImportFormat = "events" | "xapi";

export interface ImportProgress {
  bytesDone: number;
  bytesTotal: number;
  counts: ImportCounts;
  /** Events (or statements) per second in this run. */
  rate: number;
  /** Seconds left at this run's rate; null until there is a rate. */
  etaSeconds: number | null;
}

export interface ImportOptions {
  checkpointPath?: string;
  /** Ignore a saved checkpoint and read the whole file again (what is in is still answered as duplicates). */
  restart?: boolean;
  /** Events per transaction (xAPI: statements per call). */
  chunkSize?: number;
  lanes?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops after the round in flight commits, with the checkpoint saved. */
  signal?: AbortSignal;
  now?: Date;
}

export interface ImportSummary {
  format: ImportFormat | null;
  counts: ImportCounts;
  /** Lines that could not be recorded: the first 20, with their line numbers. */
  failures: { line: number; message: string }[];
  resumedAt: { line: number; offset: number } | null;
  alreadyDone: boolean;
  stopped: boolean;
  seconds: number;
}

type Parsed = { line: number; value: unknown; lane: number };

const laneOf = (key: string, lanes: number) => crypto.createHash("sha1").update(key).digest().readUInt32BE(0) % lanes;

/** Statements name their learner by actor; events by userId. Either way one learner, one lane. */
function learnerKey(format: ImportFormat, value: Record<string, unknown>): string {
  return format === "xapi" ? JSON.stringify(value.actor ?? null) : String(value.userId ?? "");
}

function formatOf(value: unknown): ImportFormat {
  const v = value as Record<string, unknown> | null;
  return v && typeof v === "object" && "verb" in v && "actor" in v ? "xapi" : "events";
}

export async function importHistory(db: PrismaClient, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const checkpointPath = options.checkpointPath ?? checkpointPathFor(file);
  const chunkSize = options.chunkSize ?? 2000;
  const lanes = options.lanes ?? 2;
  const now = options.now ?? new Date();
  const saved = readCheckpoint(file, checkpointPath);
  const state: Checkpoint = options.restart ? { ...saved, offset: 0, line: 0, done: false, counts: zeroCounts() } : saved;
  const summary: ImportSummary = {
    format: null,
    counts: state.counts,
    failures: [],
    resumedAt: state.offset > 0 && !state.done ? { line: state.line, offset: state.offset } : null,
    alreadyDone: state.done,
    stopped: false,
    seconds: 0,
  };
  if (state.done) return { ...summary, seconds: (Date.now() - started) / 1000 };

  const fail = (line: number, message: string) => {
    state.counts.failed += 1;
    if (summary.failures.length < 20) summary.failures.push({ line, message });
  };
  const startCounts = totalOf(state.counts);
  const startOffset = state.offset;
  let round: Parsed[] = [];
  let roundEnd = { offset: state.offset, line: state.line };

  const flush = async () => {
    if (round.length === 0 && roundEnd.offset === state.offset) return;
    const byLane = Array.from({ length: lanes }, (_, lane) => round.filter((p) => p.lane === lane));
    await Promise.all(byLane.map((items) => recordLane(db, summary.format!, items, chunkSize, now, state.counts, fail)));
    Object.assign(state, roundEnd);
    writeCheckpoint(checkpointPath, state);
    round = [];
    const seconds = (Date.now() - started) / 1000;
    const rate = (totalOf(state.counts) - startCounts) / Math.max(seconds, 0.001);
    const bytesRate = (state.offset - startOffset) / Math.max(seconds, 0.001);
    options.onProgress?.({
      bytesDone: state.offset,
      bytesTotal: state.size,
      counts: { ...state.counts },
      rate,
      etaSeconds: bytesRate > 0 ? (state.size - state.offset) / bytesRate : null,
    });
  };

  for await (const line of ndjsonLines(file, { offset: state.offset, line: state.line })) {
    const parsed = parseLine(line, fail);
    if (parsed !== undefined) {
      summary.format ??= formatOf(parsed);
      if (formatOf(parsed) !== summary.format)
        fail(line.number, `is not ${summary.format === "xapi" ? "a statement" : "an event"} like line 1`);
      else
        round.push({
          line: line.number,
          value: parsed,
          lane: laneOf(learnerKey(summary.format, parsed as Record<string, unknown>), lanes),
        });
    }
    roundEnd = { offset: line.end, line: line.number };
    if (round.length >= chunkSize * lanes) {
      await flush();
      if (options.signal?.aborted) return { ...summary, stopped: true, seconds: (Date.now() - started) / 1000 };
    }
  }
  roundEnd = { offset: state.size, line: roundEnd.line };
  await flush();
  state.done = true;
  writeCheckpoint(checkpointPath, state);
  return { ...summary, seconds: (Date.now() - started) / 1000 };
}

const zeroCounts = (): ImportCounts => ({ created: 0, duplicate: 0, ignored: 0, failed: 0 });
const totalOf = (c: ImportCounts) => c.created + c.duplicate + c.ignored + c.failed;

function parseLine(line: NdjsonLine, fail: (line: number, message: string) => void): unknown {
  try {
    const value: unknown = JSON.parse(line.text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) fail(line.number, "must be one JSON object");
    else return value;
  } catch {
    fail(line.number, "is not valid JSON");
  }
  return undefined;
}

/** One lane's items, in file order, a chunk per transaction (xAPI: a chunk per call, one statement at a time inside). */
async function recordLane(
  db: PrismaClient,
  format: ImportFormat,
  items: Parsed[],
  chunkSize: number,
  now: Date,
  counts: ImportCounts,
  fail: (line: number, message: string) => void,
) {
  for (let i = 0; i < items.length; i += chunkSize) {
    const chunk = items.slice(i, i + chunkSize);
    if (format === "events") await recordEventChunk(db, chunk, now, counts, fail);
    else await recordStatementChunk(db, chunk, now, counts, fail);
  }
}

async function recordEventChunk(
  db: PrismaClient,
  chunk: Parsed[],
  now: Date,
  counts: ImportCounts,
  fail: (line: number, m: string) => void,
) {
  const results = await recordEvents(
    db,
    chunk.map((p) => p.value),
    { now },
  );
  results.forEach((r, i) => {
    if (r.status === "created") counts.created += 1;
    else if (r.status === "duplicate") counts.duplicate += 1;
    else fail(chunk[i]!.line, r.error?.message ?? "was refused");
  });
}

async function recordStatementChunk(
  db: PrismaClient,
  chunk: Parsed[],
  now: Date,
  counts: ImportCounts,
  fail: (line: number, m: string) => void,
) {
  // Each statement is validated alone, so one bad line fails alone; the valid ones go in together.
  const valid = chunk.filter((p) => {
    try {
      parseStatements(p.value);
      return true;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      fail(p.line, err.message);
      return false;
    }
  });
  const record = async (items: Parsed[]) => {
    const { outcomes } = await receiveStatements(
      db,
      items.map((p) => p.value),
      { now },
    );
    for (const o of outcomes) {
      if (o.status === "applied") counts.created += 1;
      else if (o.status === "unchanged") counts.duplicate += 1;
      else counts.ignored += 1;
    }
  };
  try {
    await record(valid);
  } catch (err) {
    // A conflict (or a repeated id) refuses the whole call: find the lines, one at a time.
    if (!(err instanceof AppError)) throw err;
    for (const p of valid) {
      await record([p]).catch((e: unknown) => {
        if (!(e instanceof AppError)) throw e;
        fail(p.line, e.message);
      });
    }
  }
}
