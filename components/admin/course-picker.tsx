"use client";

import { Combobox, ComboboxInput, ComboboxOption, ComboboxOptions } from "@headlessui/react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { cx } from "@/components/ui/class-names";
import type { FieldControl } from "@/components/ui/field";
import { fieldClassName } from "@/components/ui/field-class";

export interface KnownCourse {
  id: string;
  name: string | null;
}

const SHOWN = 20;

/**
 * A course to pick: the known ones, searched by title or id as one types (the server searches them all), shown
 * by title; text that is no known course's id is offered as the id of a course not seen yet. `value` is the
 * course id. The list opens in place (no portal), so it works inside a modal <dialog>.
 */
export function CoursePicker({
  control,
  value,
  onChange,
  initial,
  placeholder,
}: {
  control: FieldControl;
  value: string;
  onChange: (courseId: string) => void;
  /** Courses the page loaded: the list before one types, and the title of the course `value` starts as. */
  initial: KnownCourse[];
  placeholder?: string;
}) {
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const search = query.trim();
  const found = useQuery({
    ...trpc.admin.leaderboards.courses.queryOptions({ query: search || undefined, limit: SHOWN }),
    placeholderData: keepPreviousData,
    enabled: search !== "",
  });
  const courses = search === "" ? initial.slice(0, SHOWN) : (found.data ?? []);
  const isNew = search !== "" && !courses.some((c) => c.id === search);
  // The course shown in the box: a known one by its title, or typed text as it is.
  const [selected, setSelected] = useState<KnownCourse | null>(() =>
    value ? (initial.find((c) => c.id === value) ?? { id: value, name: null }) : null,
  );
  const choose = (course: KnownCourse | null) => {
    setSelected(course);
    onChange(course?.id ?? "");
  };

  return (
    <Combobox value={selected} by="id" onChange={choose} onClose={() => setQuery("")}>
      <div className="relative">
        <ComboboxInput
          {...control}
          autoComplete="off"
          className={cx("h-10", fieldClassName)}
          placeholder={placeholder}
          displayValue={(c: KnownCourse | null) => c?.name ?? c?.id ?? ""}
          onChange={(e) => {
            setQuery(e.target.value);
            // Typed text is the value until a known course is picked: the id of a course not seen yet.
            choose(e.target.value ? { id: e.target.value, name: null } : null);
          }}
        />
        {/* Not modal: the list suggests, the rest of the form stays usable (and visible to assistive technology) while it is open. */}
        <ComboboxOptions
          modal={false}
          className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md border border-border bg-card p-1 text-sm shadow-lg empty:invisible"
        >
          {courses.map((c) => (
            <ComboboxOption key={c.id} value={c} className="flex cursor-default flex-col rounded px-2 py-1.5 data-focus:bg-muted">
              <span className="font-medium">{c.name ?? c.id}</span>
              {c.name && <span className="font-mono text-xs text-muted-foreground">{c.id}</span>}
            </ComboboxOption>
          ))}
          {isNew && (
            <ComboboxOption value={{ id: search, name: null }} className="rounded px-2 py-1.5 data-focus:bg-muted">
              New course id <span className="font-mono">{search}</span> (not seen yet)
            </ComboboxOption>
          )}
        </ComboboxOptions>
      </div>
    </Combobox>
  );
}
