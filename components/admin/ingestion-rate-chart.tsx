"use client";

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatNumber } from "./format";

// Events received per minute over the last hour (by when they arrived, unlike the Overview's per-day chart).

const axis = { fontSize: 12, fill: "var(--muted-foreground)" };

export function IngestionRateChart({ data, zone }: { data: { minute: string; events: number }[]; zone: string }) {
  const total = data.reduce((n, d) => n + d.events, 0);
  const time = new Intl.DateTimeFormat("en", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const label = (minute: string) => time.format(new Date(minute));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Ingestion rate</CardTitle>
        <CardDescription>
          Events received per minute over the last hour: {formatNumber(total)} in all, {formatNumber(Math.round(total / 60))} a minute on
          average (times in {zone}).
        </CardDescription>
      </CardHeader>
      <div className="h-56 px-3 pb-4" data-testid="ingestion-rate">
        {total === 0 ? (
          <div className="flex h-full items-center justify-center rounded-md border border-dashed border-border text-sm text-muted-foreground">
            No events received in the last hour.
          </div>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis dataKey="minute" tick={axis} tickLine={false} axisLine={false} minTickGap={32} tickFormatter={label} />
              <YAxis tick={axis} tickLine={false} axisLine={false} allowDecimals={false} width={48} />
              <Tooltip
                contentStyle={{ background: "var(--card)", border: "1px solid var(--border)", borderRadius: 8, fontSize: 12 }}
                labelFormatter={(m) => label(String(m))}
                formatter={(v) => [formatNumber(Number(v)), "Events"]}
              />
              <Area type="monotone" dataKey="events" stroke="var(--chart-1)" strokeWidth={2} fill="var(--chart-1)" fillOpacity={0.15} />
            </AreaChart>
          </ResponsiveContainer>
        )}
      </div>
    </Card>
  );
}
