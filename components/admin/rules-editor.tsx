"use client";

import { useMutation } from "@tanstack/react-query";
import { Globe, Pencil, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cx } from "@/components/ui/class-names";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { courseOverrideInput, ruleValuesSchema } from "@/server/schemas/admin";
import { formatNumber } from "./format";
import { issuesByPath, readError, withoutKeys } from "./trpc-errors";

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
      <Input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        className="text-right tabular-nums"
      />
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-danger">
          {error.charAt(0).toUpperCase() + error.slice(1)}
        </p>
      )}
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
            <td className="py-1.5 pl-2">
              <NumberCell
                id={`${prefix}-${t.lesson}`}
                label={`${t.key} lesson points`}
                value={values[t.lesson]}
                onChange={(v) => onChange(t.lesson, v)}
                error={errors[t.lesson]}
              />
            </td>
            <td className="py-1.5 pl-2">
              <NumberCell
                id={`${prefix}-${t.course}`}
                label={`${t.key} course points`}
                value={values[t.course]}
                onChange={(v) => onChange(t.course, v)}
                error={errors[t.course]}
              />
            </td>
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

  const save = useMutation(
    trpc.admin.rules.update.mutationOptions({
      onSuccess: () => {
        toast.success("Point rules saved. They apply to events from now on.");
        router.refresh();
      },
      onError: (error) => {
        const { message, fields } = readError(error);
        setErrors(fields);
        toast.error(message);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = ruleValuesSchema.safeParse(asNumbers(values));
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues));
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
          Lessons and courses earn points by the difficulty the LMS sends (none sent: easy). Each lesson and course earns its
          points once per learner.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate aria-label="Point rules" className="flex flex-col gap-5">
          <TierGrid prefix="rule" values={values} errors={errors} onChange={set} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              id="rule-streakDayPoints"
              label="Streak day"
              hint="For each active day that continues a streak."
              error={errors.streakDayPoints}
            >
              <Input
                id="rule-streakDayPoints"
                type="number"
                min={0}
                step={1}
                value={values.streakDayPoints}
                onChange={(e) => set("streakDayPoints", e.target.value)}
                aria-invalid={!!errors.streakDayPoints}
                aria-describedby={describedBy("rule-streakDayPoints", errors.streakDayPoints, "hint")}
                className="tabular-nums"
              />
            </Field>
            <Field id="rule-loginPoints" label="Login" hint="For each sign-in the LMS reports (it counts for the streak either way)." error={errors.loginPoints}>
              <Input
                id="rule-loginPoints"
                type="number"
                min={0}
                step={1}
                value={values.loginPoints}
                onChange={(e) => set("loginPoints", e.target.value)}
                aria-invalid={!!errors.loginPoints}
                aria-describedby={describedBy("rule-loginPoints", errors.loginPoints, "hint")}
                className="tabular-nums"
              />
            </Field>
          </div>
          <div className="flex items-center justify-end gap-3 border-t border-border pt-4">
            {dirty && <span className="text-xs text-muted-foreground">Unsaved changes</span>}
            <Button variant="secondary" disabled={!dirty || save.isPending} onClick={() => { setValues(asStrings(rules)); setErrors({}); }}>
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

function OverrideForm({
  initial,
  courses,
  onDone,
}: {
  initial: OverrideRow | null;
  courses: { id: string; name: string | null }[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [courseId, setCourseId] = useState(initial?.courseId ?? "");
  const [values, setValues] = useState<Record<TierField, string>>(
    initial ? asStrings(Object.fromEntries(TIER_FIELDS.map((f) => [f, initial[f]])) as PointTable) : asStrings({ lessonEasy: 10, lessonMedium: 25, lessonHard: 50, courseEasy: 100, courseMedium: 250, courseHard: 500 }),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const options = {
    onSuccess: () => {
      toast.success(initial ? `Saved the values of course ${courseId}.` : `Course ${courseId} now has its own point values.`);
      router.refresh();
      onDone();
    },
    onError: (error: unknown) => {
      const { message, fields, code } = readError(error);
      setErrors(code === "CONFLICT" ? { courseId: message } : Object.keys(fields).length ? fields : { "": message });
    },
  };
  const add = useMutation(trpc.admin.rules.addOverride.mutationOptions(options));
  const edit = useMutation(trpc.admin.rules.updateOverride.mutationOptions(options));

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = courseOverrideInput.safeParse({ courseId, ...asNumbers(values) });
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues));
      return;
    }
    setErrors({});
    (initial ? edit : add).mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" aria-label={initial ? "Edit course override" : "Add course override"}>
      <Field id="override-course" label="Course id" error={errors.courseId} hint="The course id your LMS sends with its events.">
        <Input
          id="override-course"
          list="known-courses"
          value={courseId}
          onChange={(e) => {
            setCourseId(e.target.value);
            setErrors((e) => withoutKeys(e, "courseId"));
          }}
          readOnly={!!initial}
          className={cx("font-mono", initial && "bg-muted text-muted-foreground")}
          aria-invalid={!!errors.courseId}
          aria-describedby={describedBy("override-course", errors.courseId, "hint")}
          autoFocus={!initial}
          placeholder="course-42"
        />
        <datalist id="known-courses">
          {courses.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name ?? c.id}
            </option>
          ))}
        </datalist>
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
      {errors[""] && <p className="text-sm font-medium text-danger">{errors[""]}</p>}
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

export function OverridesManager({ overrides, courses }: { overrides: OverrideRow[]; courses: { id: string; name: string | null }[] }) {
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
      onError: (error) => toast.error(readError(error).message),
    }),
  );

  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3 p-5 pb-3">
        <div className="flex flex-col gap-1">
          <CardTitle>Per-course overrides</CardTitle>
          <CardDescription>A course with its own values uses them instead of the ones above for its lessons and its completion.</CardDescription>
        </div>
        <Button variant="secondary" size="sm" onClick={() => setEditing("new")}>
          <Plus className="size-4" aria-hidden />
          Add override
        </Button>
      </div>
      {overrides.length === 0 ? (
        <EmptyState title="No course has its own values" className="py-8">
          Every course earns the organisation&apos;s values. Add an override to make one course worth more or less.
        </EmptyState>
      ) : (
        <Table aria-label="Course overrides">
          <THead>
            <tr>
              <Th>Course</Th>
              <Th className="text-right">Lessons (E / M / H)</Th>
              <Th className="text-right">Course (E / M / H)</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {overrides.map((o) => (
              <Tr key={o.courseId}>
                <Td>
                  <p className="font-mono text-sm">{o.courseId}</p>
                  {o.courseName && <p className="text-xs text-muted-foreground">{o.courseName}</p>}
                </Td>
                <Td className="text-right tabular-nums">
                  {[o.lessonEasy, o.lessonMedium, o.lessonHard].map(formatNumber).join(" / ")}
                </Td>
                <Td className="text-right tabular-nums">
                  {[o.courseEasy, o.courseMedium, o.courseHard].map(formatNumber).join(" / ")}
                </Td>
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
            ))}
          </TBody>
        </Table>
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? "Add a course override" : `Course ${editing?.courseId ?? ""}`}
        description="Applies to this course's events received from now on."
      >
        {editing !== null && (
          <OverrideForm key={editing === "new" ? "new" : editing.courseId} initial={editing === "new" ? null : editing} courses={courses} onDone={() => setEditing(null)} />
        )}
      </Dialog>
      <Dialog open={removing !== null} onClose={() => setRemoving(null)} title="Remove this override?">
        <p className="text-sm text-muted-foreground">
          Course <span className="font-mono text-foreground">{removing?.courseId}</span> will earn the organisation&apos;s values for events
          received from now on. Points already awarded stay.
        </p>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setRemoving(null)}>
            Cancel
          </Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => removing && remove.mutate({ courseId: removing.courseId })}>
            Remove override
          </Button>
        </div>
      </Dialog>
    </Card>
  );
}

export function TimezoneForm({ timezone }: { timezone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const zones = useMemo(() => ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")], []);
  const [value, setValue] = useState(timezone);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    trpc.admin.rules.setTimezone.mutationOptions({
      onSuccess: (r) => {
        toast.success(`The organisation's time zone is now ${r.timezone}.`);
        router.refresh();
      },
      onError: (e) => setError(readError(e).message),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const zone = value.trim();
    if (!zones.includes(zone)) {
      setError("Pick a zone from the list, such as Europe/Paris or America/New_York.");
      return;
    }
    setError(null);
    save.mutate({ timezone: zone });
  }

  const now = useMemo(() => new Date(), []);
  const localTime = (zone: string) => {
    try {
      return new Intl.DateTimeFormat("en", { timeZone: zone, hour: "2-digit", minute: "2-digit", weekday: "short", hourCycle: "h23" }).format(now);
    } catch {
      return null;
    }
  };
  const preview = zones.includes(value.trim()) ? localTime(value.trim()) : null;

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Globe className="size-4 text-accent" aria-hidden />
          Organisation time zone
        </CardTitle>
        <CardDescription>
          Weeks start on Monday 00:00 and months on the 1st in this zone; learners without a zone of their own count their streak days in it.
          A change moves future boundaries only: closed weeks and past days stay as they were.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Organisation time zone">
          <Field id="org-timezone" label="Time zone" error={error} hint={preview ? `It is ${preview} there now.` : "Type to search the list."} className="min-w-72 flex-1">
            <Input
              id="org-timezone"
              list="iana-zones"
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                setError(null);
              }}
              aria-invalid={!!error}
              aria-describedby={describedBy("org-timezone", error, "hint")}
              autoComplete="off"
              spellCheck={false}
            />
            <datalist id="iana-zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </Field>
          <Button type="submit" disabled={save.isPending || value.trim() === timezone} className="mb-[1.375rem]">
            {save.isPending ? "Saving…" : "Save time zone"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
