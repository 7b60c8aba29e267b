"use client";

import { Crosshair } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

/** The leaderboard's controls: each choice is written to the URL, and the server page renders the board. */
export function BoardFilters({
  courses,
  periodOptions,
}: {
  courses: { id: string; name: string | null }[];
  periodOptions: { value: string; label: string }[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [learner, setLearner] = useState(params.get("learner") ?? "");

  function go(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    next.delete("page");
    router.push(`${pathname}?${next.toString()}`);
  }

  function find(event: FormEvent) {
    event.preventDefault();
    go({ learner: learner.trim() || null });
  }

  const period = params.get("period") ?? "all-time";
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Field id="board-scope" label="Board" className="min-w-48">
        <Select id="board-scope" value={params.get("course") ?? ""} onChange={(e) => go({ course: e.target.value || null })}>
          <option value="">Global (every course)</option>
          {courses.map((c) => (
            <option key={c.id} value={c.id}>
              Course: {c.name ? `${c.name} (${c.id})` : c.id}
            </option>
          ))}
        </Select>
      </Field>
      {period !== "all-time" && (
        <Field id="board-at" label={period === "weekly" ? "Week" : "Month"} className="min-w-56">
          <Select id="board-at" value={params.get("at") ?? periodOptions[0]?.value ?? ""} onChange={(e) => go({ at: e.target.value })}>
            {periodOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <form onSubmit={find} className="flex items-end gap-2" role="search" aria-label="Find a learner on this board">
        <Field id="board-learner" label="Find a learner">
          <Input
            id="board-learner"
            value={learner}
            onChange={(e) => setLearner(e.target.value)}
            placeholder="Name or user id"
            className="w-48"
          />
        </Field>
        <Button type="submit" variant="secondary">
          <Crosshair className="size-4" aria-hidden />
          Jump to
        </Button>
      </form>
    </div>
  );
}
