import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { exportCsvResponse } from "@/server/api/csv-export-http";
import { exportBoardCsv } from "@/server/services/board-export";
import { getLeaderboard } from "@/server/services/leaderboards";
import { setUpTestDatabase } from "@/test/database";
import { countRows } from "@/test/table-counts";
import { sqlOf } from "@/server/db";

// The dashboard's CSV exports: a whole board read back row for row against the board's ranks, a stream that
// reads the database only as fast as it is read, escaping that survives a spreadsheet, and the route's checks.

const database = await setUpTestDatabase();
const db = database.prisma;

// 100,000 ranked learners, seeded set-based.
const LEARNERS = 100_000;
const COURSE = "csv-course";
const WEEK = "2026-11-02";
const ref = { courseId: COURSE, period: "weekly" as const, at: WEEK };
// Every 997th learner has a name a spreadsheet would misread; every 11th has none; scores tie in 600 ways.
await db.$executeRawUnsafe(`
  INSERT INTO learner (user_id, display_name, points)
  SELECT 'cx-' || g, CASE WHEN g % 997 = 0 THEN '=HYPERLINK("http://x"), "Ada", ' || chr(10) || 'x'
                          WHEN g % 11 = 0 THEN NULL ELSE 'Learner ' || g END, 0
  FROM generate_series(1, ${LEARNERS}) g`);
await db.$executeRawUnsafe(`
  INSERT INTO board_score (period, period_start, course_id, learner_id, user_id, points)
  SELECT 'weekly', '${WEEK}', '${COURSE}', id, user_id, (id * 7919) % 600 - 50 FROM learner WHERE user_id LIKE 'cx-%'`);
await db.$executeRawUnsafe(`
  INSERT INTO board_histogram (period, period_start, course_id, points, learners)
  SELECT period, period_start, course_id, points, count(*) FROM board_score WHERE course_id = '${COURSE}' GROUP BY 1, 2, 3, 4`);

/** The body as text, after checking it starts with UTF-8's byte order mark (which decoding drops). */
async function csvText(body: ReadableStream<Uint8Array> | Response): Promise<string> {
  const bytes = new Uint8Array(await (body instanceof Response ? body : new Response(body)).arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes);
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  return records;
}

describe("board CSV export", () => {
  it("holds every ranked learner of the board, row for row with the board's ranks", { timeout: 120_000 }, async () => {
    const csv = await exportBoardCsv(db, ref);
    expect(csv.fileName).toBe(`board-course-${COURSE}-weekly-${WEEK}.csv`);
    const text = await csvText(csv.stream);
    expect(text.startsWith("rank,user_id,display_name,points\r\n")).toBe(true);
    const [, ...rows] = parseCsv(text);
    // The board's own order and ranks, counted by the database independently of the export.
    const expected = await db.$queryRawUnsafe<{ user_id: string; display_name: string | null; points: number; rank: number }[]>(
      `SELECT b.user_id, l.display_name, b.points, (rank() OVER (ORDER BY b.points DESC))::int AS rank
       FROM board_score b JOIN learner l ON l.id = b.learner_id
       WHERE b.course_id = $1 AND b.points <> 0 ORDER BY b.points DESC, b.user_id`,
      COURSE,
    );
    expect(csv.total).toBe(expected.length);
    expect(rows.length).toBe(expected.length);
    const neutral = (name: string | null) => (name === null ? "" : /^[=+\-@]/.test(name) ? `'${name}` : name);
    const mismatches = expected.filter(
      (e, i) => rows[i]!.join("\u0001") !== [e.rank, e.user_id, neutral(e.display_name), e.points].join("\u0001"),
    );
    expect(mismatches.slice(0, 3)).toEqual([]);
    // And with the pages the dashboard and the API show, at the top, in the middle and at the end.
    for (const offset of [0, Math.floor(expected.length / 2), expected.length - 40]) {
      const page = await getLeaderboard(db, { ...ref, limit: 40, offset });
      expect(page.entries.map((e) => [String(e.rank), e.userId, String(e.points)])).toEqual(
        rows.slice(offset, offset + 40).map((r) => [r[0], r[1], r[3]]),
      );
    }
  });

  it("reads the database only as the stream is read: a page ahead at most", async () => {
    let rowsRead = 0;
    const counting = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== "$queryRawUnsafe") return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<PrismaClient["$queryRawUnsafe"]>) => {
          const rows = await target.$queryRawUnsafe<unknown[]>(...args);
          if (String(args[0]).includes("FROM board_score")) rowsRead += rows.length;
          return rows;
        };
      },
    });
    const pageSize = 1000;
    const csv = await exportBoardCsv(counting, ref, new Date(), pageSize);
    const reader = csv.stream.getReader();
    let consumed = 0;
    for (let i = 0; i < 5; i++) {
      const { value } = await reader.read();
      consumed += new TextDecoder().decode(value).split("\r\n").length - 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // time for any eager reading to show
    expect(rowsRead).toBeLessThanOrEqual(consumed + 2 * pageSize);
    expect(rowsRead).toBeLessThan(csv.total / 2);
    await reader.cancel();
  });

  it("neutralises formulas and quotes what must be quoted", async () => {
    const text = await csvText((await exportBoardCsv(db, ref)).stream);
    expect(text).toContain(`"'=HYPERLINK(""http://x""), ""Ada"", \nx"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});

describe("the export route", () => {
  const get = (path: string, signedIn = true) =>
    exportCsvResponse(new Request(`http://app.test/api/admin/export/${path}`), path.startsWith("board") ? "board" : "learners", {
      db,
      signedIn,
    });

  it("streams the learner list as CSV with its total, for a signed-in admin", async () => {
    const res = await get("learners?q=learner%2010&sort=points&dir=desc");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="learners-matching-learner-10-by-points-desc.csv"');
    const [header, ...rows] = parseCsv(await csvText(res));
    expect(header).toEqual(["user_id", "display_name", "points", "last_active_date"]);
    expect(rows.length).toBe(Number(res.headers.get("x-total-rows")));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((r) => r[1]!.includes("Learner 10"))).toBe(true);
  });

  it("names the board and period in the file name (all-time global)", async () => {
    const res = await get("board");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="board-global-all-time.csv"');
    expect(await csvText(res)).toBe("rank,user_id,display_name,points\r\n");
  });

  it("refuses a signed-out request and bad parameters, naming the parameter", async () => {
    const before = await countRows(sqlOf(db));
    expect((await get("board", false)).status).toBe(401);
    for (const [path, field] of [
      ["board?period=yearly", "period"],
      ["board?period=weekly&at=2026-13-01", "at"],
      ["board?course=%00", "course"],
      ["learners?sort=age", "sort"],
      ["learners?dir=up", "dir"],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { code: string; issues: { path: string[] }[] } };
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.issues[0]!.path).toEqual([field]);
    }
    expect(await countRows(sqlOf(db))).toEqual(before);
  });
});
