"use client";

import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDay, formatNumber } from "./format";

const COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)", "var(--chart-6)"];
const axis = { fontSize: 12, fill: "var(--muted-foreground)" };
const tooltipStyle = {
  contentStyle: {
    background: "var(--card)",
    border: "1px solid var(--border)",
    borderRadius: 8,
    fontSize: 12,
    boxShadow: "0 4px 12px rgb(0 0 0 / 0.08)",
  },
  labelStyle: { color: "var(--foreground)", fontWeight: 600 },
};

function ChartCard({
  title,
  description,
  empty,
  emptyText,
  className,
  children,
}: {
  title: string;
  description: string;
  empty: boolean;
  emptyText: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Card className={className}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <div className="h-64 px-3 pb-4">
        {empty ? (
          <div className="flex h-full items-center justify-center rounded-md border border-dashed border-border text-sm text-muted-foreground">
            {emptyText}
          </div>
        ) : (
          children
        )}
      </div>
    </Card>
  );
}

/** Room for the longest tick label ("12,800"), whose top tick can round up past the largest value, at the 12 px axis font. */
function axisWidth(values: number[]): number {
  const longest = formatNumber(Math.ceil(Math.max(0, ...values) * 1.25)).length;
  return 16 + longest * 8;
}

export function EventsPerDayChart({ data, timezone }: { data: { day: string; events: number }[]; timezone: string }) {
  const total = data.reduce((n, d) => n + d.events, 0);
  return (
    <ChartCard
      title="Events per day"
      description={`Learning events by the day they happened (their occurredAt in ${timezone}, not the day they arrived), over the last ${data.length} days: ${formatNumber(total)} in all.`}
      empty={total === 0}
      emptyText="No events in the last 30 days yet."
      className="lg:col-span-2"
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <defs>
            <linearGradient id="events-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="var(--chart-1)" stopOpacity={0.35} />
              <stop offset="100%" stopColor="var(--chart-1)" stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="day"
            tick={axis}
            tickLine={false}
            axisLine={false}
            minTickGap={24}
            tickFormatter={(d: string) => formatDay(d, { year: false })}
          />
          <YAxis
            tick={axis}
            tickLine={false}
            axisLine={false}
            allowDecimals={false}
            width={axisWidth(data.map((d) => d.events))}
            tickFormatter={(v: number) => formatNumber(v)}
          />
          <Tooltip
            {...tooltipStyle}
            labelFormatter={(d) => formatDay(String(d), { weekday: true })}
            formatter={(v) => [formatNumber(Number(v)), "Events"]}
          />
          <Area type="monotone" dataKey="events" stroke="var(--chart-1)" strokeWidth={2} fill="url(#events-fill)" />
        </AreaChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** A card of bars across, one a category in the order given (empty when there are none); one colour for all or one a bar. */
function BarsCard({
  title,
  description,
  emptyText,
  data,
  category,
  value,
  unit,
  categoryWidth,
  barSize,
  fill,
}: {
  title: string;
  description: string;
  emptyText: string;
  data: object[];
  category: string;
  value: string;
  /** What the tooltip calls a value. */
  unit: string;
  categoryWidth: number;
  barSize: number;
  /** Without it, each bar takes the next chart colour. */
  fill?: string;
}) {
  return (
    <ChartCard title={title} description={description} empty={data.length === 0} emptyText={emptyText}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis type="number" tick={axis} tickLine={false} axisLine={false} allowDecimals={false} />
          <YAxis type="category" dataKey={category} tick={axis} tickLine={false} axisLine={false} width={categoryWidth} />
          <Tooltip {...tooltipStyle} cursor={{ fill: "var(--muted)" }} formatter={(v) => [formatNumber(Number(v)), unit]} />
          <Bar dataKey={value} fill={fill} radius={[0, 4, 4, 0]} maxBarSize={barSize}>
            {!fill && data.map((_, i) => <Cell key={i} fill={COLORS[i % COLORS.length]} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function PointsByTypeChart({ data }: { data: { label: string; points: number }[] }) {
  return (
    <BarsCard
      title="Points by activity"
      description="Points written to the ledger in the last 30 days, by why they were awarded."
      emptyText="No points awarded in the last 30 days yet."
      data={data}
      category="label"
      value="points"
      unit="Points"
      categoryWidth={92}
      barSize={28}
    />
  );
}

export function AchievementUnlocksChart({ data }: { data: { name: string; earned: number }[] }) {
  return (
    <BarsCard
      title="Achievement unlocks"
      description="How many learners earned each achievement (the most earned first)."
      emptyText="No achievement earned yet."
      data={data.filter((d) => d.earned > 0).slice(0, 8)}
      category="name"
      value="earned"
      unit="Learners"
      fill="var(--chart-3)"
      categoryWidth={120}
      barSize={22}
    />
  );
}
