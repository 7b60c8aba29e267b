"use client";

import { useMutation } from "@tanstack/react-query";
import { Globe, Pencil, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ACTIONS_COLUMN, DataTable } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, FieldError, FormError } from "@/components/ui/field";
import { Input, NumberInput, SuggestInput } from "@/components/ui/input";
import { Td, Tr } from "@/components/ui/table";
import { courseOverrideInput, ruleValuesSchema } from "@/server/schemas/admin";
import { CoursePicker, type KnownCourse } from "./course-picker";
import { formatNumber } from "./format";
import { issuesByPath, readError, toastError, useFocusFirstError, withoutKeys } from "./trpc-errors";

const TIERS = [
  { key: "Easy", lesson: "lessonEasy", course: "courseEasy" },
  { key: "Medium", lesson: "lessonMedium", course: "courseMedium" },
  { key: "Hard", lesson: "lessonHard", course: "courseHard" },
] as const;

type TierField = "lessonEasy" | "lessonMedium" | "lessonHard" | "courseEasy" | "courseMedium" | "courseHard";
type RuleField = TierField | "streakDayPoints" | "loginPoints";
export type RuleValues = Record<RuleField, number>;
export type PointTable = Record<TierField, number>;

const TIER_FIELDS: TierField[] = ["lessonEasy", "lessonMedium", "lessonHard", "courseEasy", "courseMedium", "courseHard"];

function NumberCell({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <NumberInput
        id={id}
        min={0}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        className="text-right tabular-nums"
      />
      {error && <FieldError id={`${id}-error`} error={error} />}
    </div>
  );
}

/** A grid of tier values (lesson and course by difficulty), shared by the rules and the course overrides. */
function TierGrid({
  prefix,
  values,
  errors,
  onChange,
}: {
  prefix: string;
  values: Record<TierField, string>;
  errors: Record<string, string>;
  onChange: (field: TierField, value: string) => void;
}) {
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="text-xs tracking-wide text-muted-foreground uppercase">
          <th scope="col" className="pb-2 text-left font-medium">
            Difficulty
          </th>
          <th scope="col" className="pb-2 text-right font-medium">
            Lesson completed
          </th>
          <th scope="col" className="pb-2 text-right font-medium">
            Course completed
          </th>
        </tr>
      </thead>
      <tbody>
        {TIERS.map((t) => (
          <tr key={t.key}>
            <th scope="row" className="py-1.5 pr-4 text-left font-medium">
              {t.key}
            </th>
            {(["lesson", "course"] as const).map((unit) => {
              const field = t[unit];
              return (
                <td key={unit} className="py-1.5 pl-2">
                  <NumberCell
                    id={`${prefix}-${field}`}
                    label={`${t.key} ${unit} points`}
                    value={values[field]}
                    onChange={(v) => onChange(field, v)}
                    error={errors[field]}
                  />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const asStrings = <K extends string>(v: Record<K, number>) =>
  Object.fromEntries(Object.entries(v).map(([k, n]) => [k, String(n)])) as Record<K, string>;
const asNumbers = <K extends string>(v: Record<K, string>) =>
  Object.fromEntries(Object.entries(v).map(([k, s]) => [k, (s as string).trim() === "" ? Number.NaN : Number(s)])) as Record<K, number>;

export function RulesForm({ rules }: { rules: RuleValues }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(asStrings(rules));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const dirty = (Object.keys(rules) as RuleField[]).some((k) => String(rules[k]) !== values[k]);
  const { ref: formRef, focusFirstError } = useFocusFirstError();

  const save = useMutation(
    trpc.admin.rules.update.mutationOptions({
      onSuccess: () => {
        toast.success("Point rules saved. They apply to events from now on.");
        router.refresh();
      },
      onError: (error) => {
        const { message, fields } = readError(error);
        setErrors(Object.keys(fields).length ? fields : { "": message });
        focusFirstError();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = ruleValuesSchema.safeParse(asNumbers(values));
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues));
      focusFirstError();
      return;
    }
    setErrors({});
    const changed = Object.fromEntries(Object.entries(parsed.data).filter(([k, v]) => rules[k as RuleField] !== v));
    save.mutate(changed);
  }

  const set = (field: RuleField, v: string) => {
    setValues((old) => ({ ...old, [field]: v }));
    setErrors((e) => withoutKeys(e, field));
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Points per activity</CardTitle>
        <CardDescription>
          Lessons and courses earn points by the difficulty the LMS sends (none sent: easy). Each lesson and course earns its points once
          per learner.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form ref={formRef} onSubmit={submit} noValidate aria-label="Point rules" className="flex flex-col gap-5">
          <TierGrid prefix="rule" values={values} errors={errors} onChange={set} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              id="rule-streakDayPoints"
              label="Streak day"
              hint="For each active day that continues a streak."
              error={errors.streakDayPoints}
            >
              {(control) => (
                <NumberInput
                  {...control}
                  min={0}
                  value={values.streakDayPoints}
                  onChange={(e) => set("streakDayPoints", e.target.value)}
                  className="tabular-nums"
                />
              )}
            </Field>
            <Field
              id="rule-loginPoints"
              label="Login"
              hint="For each sign-in the LMS reports (it counts for the streak either way)."
              error={errors.loginPoints}
            >
              {(control) => (
                <NumberInput
                  {...control}
                  min={0}
                  value={values.loginPoints}
                  onChange={(e) => set("loginPoints", e.target.value)}
                  className="tabular-nums"
                />
              )}
            </Field>
          </div>
          <FormError error={errors[""]} />
          <div className="flex items-center justify-end gap-3 border-t border-border pt-4">
            {dirty && <span className="text-xs text-muted-foreground">Unsaved changes</span>}
            <Button
              variant="secondary"
              disabled={!dirty || save.isPending}
              onClick={() => {
                setValues(asStrings(rules));
                setErrors({});
              }}
            >
              Reset
            </Button>
            <Button type="submit" disabled={!dirty || save.isPending}>
              {save.isPending ? "Saving…" : "Save rules"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

export interface OverrideRow extends PointTable {
  courseId: string;
  courseName: string | null;
}

/** A course's own values: a new one starts from the organisation's current values (`defaults`), so saving it unchanged changes nothing. */
function OverrideForm({
  initial,
  defaults,
  courses,
  onDone,
}: {
  initial: OverrideRow | null;
  defaults: PointTable;
  courses: KnownCourse[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [courseId, setCourseId] = useState(initial?.courseId ?? "");
  const [values, setValues] = useState<Record<TierField, string>>(() =>
    asStrings(Object.fromEntries(TIER_FIELDS.map((f) => [f, (initial ?? defaults)[f]])) as PointTable),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { ref: formRef, focusFirstError } = useFocusFirstError();
  const options = {
    onSuccess: () => {
      toast.success(initial ? `Saved the values of course ${courseId}.` : `Course ${courseId} now has its own point values.`);
      router.refresh();
      onDone();
    },
    onError: (error: unknown) => {
      const { message, fields, code } = readError(error);
      setErrors(code === "CONFLICT" ? { courseId: message } : Object.keys(fields).length ? fields : { "": message });
      focusFirstError();
    },
  };
  const add = useMutation(trpc.admin.rules.addOverride.mutationOptions(options));
  const edit = useMutation(trpc.admin.rules.updateOverride.mutationOptions(options));

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = courseOverrideInput.safeParse({ courseId, ...asNumbers(values) });
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues));
      focusFirstError();
      return;
    }
    setErrors({});
    (initial ? edit : add).mutate(parsed.data);
  }

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="flex flex-col gap-5"
      aria-label={initial ? "Edit course override" : "Add course override"}
    >
      <Field
        id="override-course"
        label="Course"
        error={errors.courseId}
        hint={initial ? undefined : "Search the known courses by title or id; for a course not seen yet, type the id your LMS will send."}
      >
        {(control) =>
          initial ? (
            <Input {...control} value={initial.courseName ?? initial.courseId} readOnly className="bg-muted text-muted-foreground" />
          ) : (
            <CoursePicker
              control={control}
              value={courseId}
              initial={courses}
              placeholder="Statistics for beginners, or course-42"
              onChange={(id) => {
                setCourseId(id);
                setErrors((e) => withoutKeys(e, "courseId"));
              }}
            />
          )
        }
      </Field>
      <TierGrid
        prefix="override"
        values={values}
        errors={errors}
        onChange={(f, v) => {
          setValues((old) => ({ ...old, [f]: v }));
          setErrors((e) => withoutKeys(e, f));
        }}
      />
      <FormError error={errors[""]} />
      <div className="flex justify-end gap-2 border-t border-border pt-4">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={add.isPending || edit.isPending}>
          {add.isPending || edit.isPending ? "Saving…" : initial ? "Save values" : "Add override"}
        </Button>
      </div>
    </form>
  );
}

export function OverridesManager({
  overrides,
  courses,
  defaults,
}: {
  overrides: OverrideRow[];
  courses: KnownCourse[];
  defaults: PointTable;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [editing, setEditing] = useState<OverrideRow | "new" | null>(null);
  const [removing, setRemoving] = useState<OverrideRow | null>(null);
  const remove = useMutation(
    trpc.admin.rules.removeOverride.mutationOptions({
      onSuccess: (_, input) => {
        toast.success(`Course ${input.courseId} uses the organisation's values again.`);
        setRemoving(null);
        router.refresh();
      },
      onError: toastError,
    }),
  );

  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3 p-5 pb-3">
        <div className="flex flex-col gap-1">
          <CardTitle>Per-course overrides</CardTitle>
          <CardDescription>
            A course with its own values uses them instead of the ones above for its lessons and its completion.
          </CardDescription>
        </div>
        <Button variant="secondary" size="sm" onClick={() => setEditing("new")}>
          <Plus className="size-4" aria-hidden />
          Add override
        </Button>
      </div>
      <DataTable
        label="Course overrides"
        columns={[
          "Course",
          { label: "Lessons (E / M / H)", className: "text-right" },
          { label: "Course (E / M / H)", className: "text-right" },
          ACTIONS_COLUMN,
        ]}
        rows={overrides}
        empty={
          <EmptyState title="No course has its own values" className="py-8">
            Every course earns the organisation&apos;s values. Add an override to make one course worth more or less.
          </EmptyState>
        }
      >
        {(o) => (
          <Tr key={o.courseId}>
            <Td>
              <p className={o.courseName ? "font-medium" : "font-mono text-sm"}>{o.courseName ?? o.courseId}</p>
              {o.courseName && <p className="font-mono text-xs text-muted-foreground">{o.courseId}</p>}
            </Td>
            <Td className="text-right tabular-nums">{[o.lessonEasy, o.lessonMedium, o.lessonHard].map(formatNumber).join(" / ")}</Td>
            <Td className="text-right tabular-nums">{[o.courseEasy, o.courseMedium, o.courseHard].map(formatNumber).join(" / ")}</Td>
            <Td>
              <div className="flex justify-end gap-1">
                <Button variant="ghost" size="sm" onClick={() => setEditing(o)} aria-label={`Edit override of ${o.courseId}`}>
                  <Pencil className="size-4" aria-hidden />
                  Edit
                </Button>
                <Button variant="ghost" size="sm" onClick={() => setRemoving(o)} aria-label={`Remove override of ${o.courseId}`}>
                  <Trash2 className="size-4" aria-hidden />
                  Remove
                </Button>
              </div>
            </Td>
          </Tr>
        )}
      </DataTable>
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? "Add a course override" : `Course ${editing ? (editing.courseName ?? editing.courseId) : ""}`}
        description="Applies to this course's events received from now on."
      >
        {editing !== null && (
          <OverrideForm
            key={editing === "new" ? "new" : editing.courseId}
            initial={editing === "new" ? null : editing}
            defaults={defaults}
            courses={courses}
            onDone={() => setEditing(null)}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title="Remove this override?"
        confirmLabel="Remove override"
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate({ courseId: removing.courseId })}
      >
        Course <span className="font-mono text-foreground">{removing?.courseId}</span> will earn the organisation&apos;s values for events
        received from now on. Points already awarded stay.
      </ConfirmDialog>
    </Card>
  );
}

export function TimezoneForm({ timezone }: { timezone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const zones = useMemo(() => ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")], []);
  const zoneSuggestions = useMemo(() => zones.map((z) => ({ value: z })), [zones]);
  const [value, setValue] = useState(timezone);
  const [error, setError] = useState<string | null>(null);
  const { ref: formRef, focusFirstError } = useFocusFirstError();
  const save = useMutation(
    trpc.admin.rules.setTimezone.mutationOptions({
      onSuccess: (r) => {
        toast.success(`The organisation's time zone is now ${r.timezone}.`);
        router.refresh();
      },
      onError: (e) => {
        setError(readError(e).message);
        focusFirstError();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const zone = value.trim();
    if (!zones.includes(zone)) {
      setError("Pick a zone from the list, such as Europe/Paris or America/New_York.");
      focusFirstError();
      return;
    }
    setError(null);
    save.mutate({ timezone: zone });
  }

  const now = useMemo(() => new Date(), []);
  const localTime = (zone: string) => {
    try {
      return new Intl.DateTimeFormat("en", {
        timeZone: zone,
        hour: "2-digit",
        minute: "2-digit",
        weekday: "short",
        hourCycle: "h23",
      }).format(now);
    } catch {
      return null;
    }
  };
  const preview = zones.includes(value.trim()) ? localTime(value.trim()) : null;

  return (
    <Card>
      <CardHeader>
        <CardTitle icon={Globe}>Organisation time zone</CardTitle>
        <CardDescription>
          Weeks start on Monday 00:00 and months on the 1st in this zone; learners without a zone of their own count their streak days in
          it. A change moves future boundaries only: closed weeks and past days stay as they were.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form ref={formRef} onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Organisation time zone">
          <Field
            id="org-timezone"
            label="Time zone"
            error={error}
            hint={preview ? `It is ${preview} there now.` : "Type to search the list."}
            className="min-w-72 flex-1"
          >
            {(control) => (
              <SuggestInput
                {...control}
                list="iana-zones"
                suggestions={zoneSuggestions}
                value={value}
                onChange={(e) => {
                  setValue(e.target.value);
                  setError(null);
                }}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <Button type="submit" disabled={save.isPending || value.trim() === timezone} className="mb-[1.375rem]">
            {save.isPending ? "Saving…" : "Save time zone"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
