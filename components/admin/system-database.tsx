import { TriangleAlert } from "lucide-react";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { DatabaseInsight } from "@/server/schemas/system";
import { formatBytes, formatDateTime, formatNumber } from "./format";

// The System page's database insight (server/services/system/database-insight.ts): statements, tables, connections.

const ms = (n: number) => (n >= 100 ? formatNumber(Math.round(n)) : n.toFixed(2));
/** Above this share of dead rows a table is worth a look (autovacuum's default trigger is 20 % plus 50 rows). */
const DEAD_WARNING = 0.2;

export function AutovacuumNotice({ insight }: { insight: DatabaseInsight }) {
  if (insight.autovacuum === false)
    return (
      <Notice icon={<TriangleAlert aria-hidden />} className="border-warning/30 bg-warning/10">
        <p>
          <span className="font-medium">Autovacuum is off</span> on this database (
          <code className="font-mono text-xs">SHOW autovacuum</code>
          ). Dead rows from updates pile up and statistics go stale: turn it back on (
          <code className="font-mono text-xs">autovacuum = on</code>) or schedule{" "}
          <code className="font-mono text-xs">VACUUM (ANALYZE)</code> yourself.
        </p>
      </Notice>
    );
  if (insight.autovacuum === null)
    return (
      <Notice>
        <p>
          The embedded PGlite database has one connection, runs no autovacuum and keeps no row statistics: sizes below are exact, the
          statement timings are this process&apos;s own. For production, use PostgreSQL.
        </p>
      </Notice>
    );
  return null;
}

export function SlowestStatements({ statements }: { statements: DatabaseInsight["statements"] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Slowest statements</CardTitle>
        <CardDescription>
          {statements.source === "pg_stat_statements" ? (
            <>By total time, from pg_stat_statements (this database, since its statistics were last reset).</>
          ) : (
            <>
              By total time, as this process timed the statements it sends to the driver since it started (waiting for a connection
              included). On PostgreSQL, <code className="font-mono text-xs">pg_stat_statements</code> shows every statement: add it to{" "}
              <code className="font-mono text-xs">shared_preload_libraries</code>, restart, then{" "}
              <code className="font-mono text-xs">CREATE EXTENSION pg_stat_statements;</code> in this database.
            </>
          )}
        </CardDescription>
      </CardHeader>
      {statements.rows.length === 0 ? (
        <p className="px-6 pb-6 text-sm text-muted-foreground">No statement timed yet.</p>
      ) : (
        <Table>
          <THead>
            <Tr>
              <Th>Statement</Th>
              <Th className="text-right">Calls</Th>
              <Th className="text-right">Total ms</Th>
              <Th className="text-right">Mean ms</Th>
              <Th className="text-right">Max ms</Th>
            </Tr>
          </THead>
          <TBody>
            {statements.rows.map((s, i) => (
              <Tr key={i}>
                <Td className="max-w-xl truncate font-mono text-xs" title={s.statement}>
                  {s.statement}
                </Td>
                <Td className="text-right tabular-nums">{formatNumber(s.calls)}</Td>
                <Td className="text-right tabular-nums">{ms(s.totalMs)}</Td>
                <Td className="text-right tabular-nums">{ms(s.meanMs)}</Td>
                <Td className="text-right tabular-nums">{s.maxMs === null ? "—" : ms(s.maxMs)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

export function HotTables({ tables, zone }: { tables: DatabaseInsight["tables"]; zone: string }) {
  const when = (d: Date | null) => (d ? formatDateTime(d, zone) : "Never");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Hot tables</CardTitle>
        <CardDescription>
          The tables ingestion, boards and deliveries touch, largest first: size, dead rows, last vacuum and analyze.
        </CardDescription>
      </CardHeader>
      <Table>
        <THead>
          <Tr>
            <Th>Table</Th>
            <Th className="text-right">Table</Th>
            <Th className="text-right">Indexes</Th>
            <Th className="text-right">Rows</Th>
            <Th className="text-right">Dead</Th>
            <Th>Last vacuum</Th>
            <Th>Last analyze</Th>
          </Tr>
        </THead>
        <TBody>
          {tables.map((t) => (
            <Tr key={t.table}>
              <Td className="font-mono text-xs">{t.table}</Td>
              <Td className="text-right tabular-nums">{formatBytes(t.tableBytes)}</Td>
              <Td className="text-right tabular-nums">{formatBytes(t.indexBytes)}</Td>
              <Td className="text-right tabular-nums">{t.liveRows === null ? "—" : formatNumber(t.liveRows)}</Td>
              <Td className={`text-right tabular-nums ${t.deadRatio !== null && t.deadRatio > DEAD_WARNING ? "text-warning" : ""}`}>
                {t.deadRatio === null ? "—" : `${(t.deadRatio * 100).toFixed(1)} %`}
              </Td>
              <Td className="whitespace-nowrap">{t.liveRows === null ? "—" : when(t.lastVacuum)}</Td>
              <Td className="whitespace-nowrap">{t.liveRows === null ? "—" : when(t.lastAnalyze)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
