import type { Sql } from "./types";

/**
 * Wraps a query function so that identical reads (same text and parameters) share executions. A read asked
 * while the same one runs waits for it to end and shares the next execution with every other read asked
 * meanwhile; an execution never serves a read asked after it started, so each answer is as fresh as a query
 * of its own (it sees every write committed before it was asked).
 */
export function shareIdenticalReads(query: Sql["query"]): Sql["query"] {
  const reads = new Map<string, { running: Promise<unknown[]>; next: Promise<unknown[]> | null }>();
  const start = (key: string, text: string, params: unknown[] | undefined): Promise<unknown[]> => {
    const entry = { running: query(text, params), next: null };
    reads.set(key, entry);
    const forget = () => {
      if (reads.get(key) === entry) reads.delete(key);
    };
    entry.running.then(forget, forget);
    return entry.running;
  };
  return (<T>(text: string, params?: unknown[]): Promise<T[]> => {
    const key = `${text}\0${JSON.stringify(params ?? [])}`;
    const entry = reads.get(key);
    if (!entry) return start(key, text, params) as Promise<T[]>;
    const settled = () => undefined;
    return (entry.next ??= entry.running.then(settled, settled).then(() => start(key, text, params))) as Promise<T[]>;
  }) as Sql["query"];
}
