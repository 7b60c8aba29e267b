// CSV as RFC 4180 writes it (comma separated, CRLF between records, a field quoted when it holds a quote, a
// comma or a line break, quotes doubled), plus the neutralisation spreadsheets need: a text cell starting with
// = + - @ (or a tab or carriage return) is read as a formula by Excel and LibreOffice, so it gets a leading
// apostrophe (OWASP "CSV injection"). Numbers are written as numbers, so a negative score stays -5.
// Hand-written rather than csv-stringify (not installed here): the whole rule is these few lines, and the
// export needs it per page of rows inside a web ReadableStream, not as a Node transform.

export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: numbers as they are, text neutralised against formulas and quoted when it must be. */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its CRLF terminator. */
export function csvRecord(values: CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/**
 * Counts the records of a CSV text that arrives in chunks (the dashboard's export progress): a line break
 * ends a record only outside quotes, and a chunk may end inside a quoted field.
 */
export function createCsvRecordCounter() {
  let quoted = false;
  let records = 0;
  return {
    /** Reads one more chunk; answers the records completed so far. */
    push(chunk: string): number {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c === 34) quoted = !quoted;
        else if (c === 10 && !quoted) records++;
      }
      return records;
    },
  };
}

/** A file name made of plain characters only (a course id may be a URL), the parts joined by "-". */
export function csvFileName(parts: string[]): string {
  const name = parts
    .map((p) => p.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter(Boolean)
    .join("-");
  return `${name.slice(0, 150) || "export"}.csv`;
}
