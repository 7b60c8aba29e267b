import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

// Where an import stands, beside the file it reads: the byte offset up to which every line is committed,
// and the counts so far. It names the file's size and modification time, so a changed file starts over.

const checkpointSchema = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  offset: z.number(),
  line: z.number(),
  done: z.boolean(),
  counts: z.object({ created: z.number(), duplicate: z.number(), ignored: z.number(), failed: z.number() }),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;
export type ImportCounts = Checkpoint["counts"];

export const checkpointPathFor = (file: string) => `${file}.import-state.json`;

/** The saved checkpoint if it belongs to this very file (same size and modification time), else a fresh start. */
export function readCheckpoint(file: string, checkpointPath: string): Checkpoint {
  const { size, mtimeMs } = fs.statSync(file);
  const fresh: Checkpoint = { size, mtimeMs, offset: 0, line: 0, done: false, counts: { created: 0, duplicate: 0, ignored: 0, failed: 0 } };
  if (!fs.existsSync(checkpointPath)) return fresh;
  const saved = checkpointSchema.safeParse(JSON.parse(fs.readFileSync(checkpointPath, "utf8")));
  return saved.success && saved.data.size === size && saved.data.mtimeMs === mtimeMs ? saved.data : fresh;
}

/** Written to a temporary file and renamed, so a kill mid-write leaves the previous checkpoint whole. */
export function writeCheckpoint(checkpointPath: string, checkpoint: Checkpoint): void {
  const temporary = path.join(path.dirname(checkpointPath), `.${path.basename(checkpointPath)}.${process.pid}`);
  fs.writeFileSync(temporary, JSON.stringify(checkpoint));
  fs.renameSync(temporary, checkpointPath);
}
