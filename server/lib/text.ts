// What a string from outside may hold before it reaches the database (API.md Revision 2, "Input that is refused
// everywhere"). PostgreSQL refuses NUL in text and in jsonb, and a lone UTF-16 surrogate in jsonb (in text the
// driver quietly stores U+FFFD instead), so either would fail a request deep inside; the other C0 control
// characters are never meant in an id or a name. Free text (names, descriptions, xAPI values) may hold tab,
// line feed and carriage return; an id holds no control character at all.

export type TextKind = "id" | "free";

const ANY_CONTROL = /[\u0000-\u001F]/;
const CONTROL_BUT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// With the u flag a surrogate pair is one code point, so only half of a pair, alone, matches.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why `value` may not be stored, as the end of a sentence naming the field; null when it may. */
export function textProblem(value: string, kind: TextKind): string | null {
  if (kind === "id" && ANY_CONTROL.test(value)) return "must not contain control characters (NUL, tab, line breaks and the like)";
  if (kind === "free" && CONTROL_BUT_WHITESPACE.test(value)) return "must not contain control characters such as NUL";
  if (LONE_SURROGATE.test(value)) return "must not contain a lone UTF-16 surrogate (it is not valid Unicode)";
  return null;
}

/** How deep a request body may nest objects and arrays (the body itself is level 1). */
export const MAX_JSON_DEPTH = 32;

type Path = (string | number)[];

/**
 * Visits every array and object of a parsed JSON value, without recursion (a body may nest 100,000 levels in
 * 1 MiB), at most `maxDepth` levels down; `visit` returns a result to stop with. Returns that result, or
 * `deeper` with the path of the first container past `maxDepth`.
 */
function walk<T>(value: unknown, maxDepth: number, visit: (container: object, path: Path) => T | null): T | { deeper: Path } | null {
  const stack: { value: unknown; path: Path }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (path.length >= maxDepth) return { deeper: path };
    const found = visit(current, path);
    if (found !== null) return found;
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((v, i) => [i, v]) : Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], path: [...path, entries[i]![0]] });
  }
  return null;
}

/** The path to the first object or array nested deeper than `maxDepth` levels, or null when none is. */
export function tooDeepAt(value: unknown, maxDepth = MAX_JSON_DEPTH): Path | null {
  const found = walk(value, maxDepth, () => null);
  return found && "deeper" in found ? found.deeper : null;
}

/**
 * The first key or string of a parsed JSON value that free text may not hold, with its path (a key names the
 * object holding it), or null when every one may be stored. Values deeper than `maxDepth` are refused too.
 */
export function findUnsafeText(value: unknown, maxDepth = MAX_JSON_DEPTH): { path: Path; message: string } | null {
  if (typeof value === "string") {
    const message = textProblem(value, "free");
    return message ? { path: [], message } : null;
  }
  const found = walk(value, maxDepth, (container, path) => {
    for (const [key, item] of Array.isArray(container) ? container.entries() : Object.entries(container)) {
      const keyProblem = typeof key === "string" ? textProblem(key, "free") : null;
      if (keyProblem) return { path, message: `has a key that ${keyProblem}` };
      const problem = typeof item === "string" ? textProblem(item, "free") : null;
      if (problem) return { path: [...path, key], message: problem };
    }
    return null;
  });
  if (found && "deeper" in found) return { path: found.deeper, message: `is nested deeper than ${maxDepth} levels` };
  return found;
}
