import fs from "node:fs";

/** One line of an NDJSON file: its number (1-based), its text, and the byte offset just after it. */
export interface NdjsonLine {
  number: number;
  text: string;
  end: number;
}

/**
 * The lines of a file from a byte offset, with exact byte offsets (so an import can resume where it stopped,
 * whatever the line endings or the characters). Blank lines are skipped but counted.
 */
export async function* ndjsonLines(file: string, start: { offset: number; line: number }): AsyncGenerator<NdjsonLine> {
  let offset = start.offset;
  let number = start.line;
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file, { start: start.offset, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let from = 0;
    for (let at = buffer.indexOf(0x0a, from); at !== -1; at = buffer.indexOf(0x0a, from)) {
      number += 1;
      offset += at + 1 - from;
      const text = buffer.toString("utf8", from, at).trim();
      if (text) yield { number, text, end: offset };
      from = at + 1;
    }
    rest = buffer.subarray(from);
  }
  const text = rest.toString("utf8").trim();
  if (text) yield { number: number + 1, text, end: offset + rest.length };
}
