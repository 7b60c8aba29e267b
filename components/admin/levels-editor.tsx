"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { Plus, Sparkles, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FormError } from "@/components/ui/field";
import { Input, NumberInput } from "@/components/ui/input";
import { growLevelBands, levelBandProblems, MAX_LEVELS, type LevelBandInput } from "@/server/lib/level-curve";
import { formatNumber } from "./format";
import { readError, useFocusFirstError } from "./trpc-errors";

interface Row {
  name: string;
  start: string;
}

const toRows = (bands: { name: string; startPoints: number }[]): Row[] =>
  bands.map((b) => ({ name: b.name, start: String(b.startPoints) }));
const asBands = (rows: Row[]) => rows.map((r) => ({ name: r.name, startPoints: r.start.trim() === "" ? Number.NaN : Number(r.start) }));

/** Client-side problems by field path (`bands.2.startPoints`), as the server names them. */
function problemsOf(rows: Row[]): Record<string, string> {
  const bands = asBands(rows);
  const errors: Record<string, string> = {};
  bands.forEach((b, i) => {
    if (!Number.isInteger(b.startPoints) || b.startPoints < 0) errors[`bands.${i}.startPoints`] = "must be a whole number, 0 or more";
  });
  for (const p of levelBandProblems(bands)) errors[`bands.${p.index}.${p.field}`] ??= p.message;
  return errors;
}

/**
 * The Levels editor: rename, add and remove bands and move their starts, with a live count of the learners
 * each band would hold (one grouped query on the server), and a generator of bands that grow by a factor.
 */
export function LevelsEditor({ bands }: { bands: LevelBandInput[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(toRows(bands));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const { ref: formRef, focusFirstError } = useFocusFirstError();
  const problems = problemsOf(rows);
  const valid = Object.keys(problems).length === 0;
  const errors = { ...(tried ? problems : {}), ...serverErrors };
  const starts = asBands(rows).map((b) => b.startPoints);

  const preview = useQuery({
    ...trpc.admin.levels.preview.queryOptions({ starts }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const save = useMutation(
    trpc.admin.levels.save.mutationOptions({
      onSuccess: (saved) => {
        toast.success(`Levels saved: ${saved.length} levels. Every learner's level now follows them.`);
        setTried(false);
        router.refresh();
      },
      onError: (error) => {
        const { message, fields } = readError(error);
        setServerErrors(Object.keys(fields).length ? fields : { "": message });
        focusFirstError();
      },
    }),
  );

  const update = (next: Row[]) => {
    setRows(next);
    setServerErrors({});
  };
  const edit = (i: number, change: Partial<Row>) => update(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const addLevel = () => {
    const s = asBands(rows).map((b) => b.startPoints);
    const last = s[s.length - 1] ?? 0;
    const size = s.length > 1 ? last - s[s.length - 2]! : 100;
    update([...rows, { name: `Level ${rows.length + 1}`, start: String(last + Math.round(size * 1.3)) }]);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!valid) return focusFirstError();
    save.mutate({ bands: asBands(rows) });
  }

  const counts = valid ? preview.data?.counts : undefined;
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <Card>
        <CardHeader>
          <CardTitle>Levels</CardTitle>
          <CardDescription>
            A learner is at the highest level whose start their all-time points (achievement points included) reach. Level 1 starts at 0.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <form ref={formRef} onSubmit={submit} noValidate aria-label="Levels" className="flex flex-col gap-4">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-xs tracking-wide text-muted-foreground uppercase">
                  <th scope="col" className="pb-2 text-left font-medium">
                    Level
                  </th>
                  <th scope="col" className="pb-2 text-left font-medium">
                    Name
                  </th>
                  <th scope="col" className="pb-2 text-right font-medium">
                    Starts at (points)
                  </th>
                  <th scope="col" className="pb-2 text-right font-medium">
                    Learners
                  </th>
                  <th scope="col" className="pb-2">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => {
                  const nameError = errors[`bands.${i}.name`];
                  const startError = errors[`bands.${i}.startPoints`];
                  return (
                    <tr key={i} className="align-top">
                      <th scope="row" className="py-1.5 pr-3 text-left font-medium tabular-nums">
                        {i + 1}
                      </th>
                      <td className="py-1.5 pr-2">
                        <Input
                          aria-label={`Level ${i + 1} name`}
                          value={r.name}
                          maxLength={60}
                          onChange={(e) => edit(i, { name: e.target.value })}
                          aria-invalid={!!nameError}
                        />
                        {nameError && <FieldError id={`level-${i}-name-error`} error={nameError} />}
                      </td>
                      <td className="py-1.5 pl-2">
                        <NumberInput
                          aria-label={`Level ${i + 1} start points`}
                          min={0}
                          value={r.start}
                          onChange={(e) => edit(i, { start: e.target.value })}
                          aria-invalid={!!startError}
                          className="text-right tabular-nums"
                        />
                        {startError && <FieldError id={`level-${i}-start-error`} error={startError} />}
                      </td>
                      <td className="py-1.5 pl-2 text-right tabular-nums" data-testid={`level-${i + 1}-learners`}>
                        <span className="inline-block pt-2.5">{counts ? formatNumber(counts[i] ?? 0) : "–"}</span>
                      </td>
                      <td className="py-1.5 pl-2 text-right">
                        {i > 0 && (
                          <Button
                            variant="ghost"
                            size="sm"
                            aria-label={`Remove level ${i + 1}`}
                            onClick={() => update(rows.filter((_, j) => j !== i))}
                          >
                            <Trash2 className="size-4" aria-hidden />
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <FormError error={errors[""]} />
            <p className="text-xs text-muted-foreground" aria-live="polite">
              {valid
                ? preview.data
                  ? `Preview: ${formatNumber(preview.data.learners)} learners under these levels (nothing is saved until you save).`
                  : "Counting learners…"
                : "Fix the marked fields to see the preview."}
            </p>
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" onClick={addLevel} disabled={rows.length >= MAX_LEVELS}>
                <Plus className="size-4" aria-hidden /> Add level
              </Button>
              <Button type="submit" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save levels"}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
      <LevelGenerator onGenerate={(generated) => update(toRows(generated.map((b, i) => ({ ...b, name: rows[i]?.name || b.name }))))} />
    </div>
  );
}

/** "Grow by a factor": the first band's size, the factor each next band grows by, and how many levels. */
function LevelGenerator({ onGenerate }: { onGenerate: (bands: LevelBandInput[]) => void }) {
  const [size, setSize] = useState("100");
  const [factor, setFactor] = useState("1.3");
  const [count, setCount] = useState("10");
  const values = { size: Number(size), factor: Number(factor), count: Number(count) };
  const errors = {
    size: Number.isInteger(values.size) && values.size >= 1 ? null : "must be a whole number, 1 or more",
    factor: values.factor >= 1 && values.factor <= 10 ? null : "must be between 1 and 10",
    count: Number.isInteger(values.count) && values.count >= 1 && values.count <= MAX_LEVELS ? null : `must be from 1 to ${MAX_LEVELS}`,
  };
  const ok = !errors.size && !errors.factor && !errors.count;
  return (
    <Card>
      <CardHeader>
        <CardTitle icon={Sparkles}>Grow by a factor</CardTitle>
        <CardDescription>
          Fills the editor with bands that each span the factor times the one before. Names you gave are kept.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          aria-label="Grow by a factor"
          noValidate
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (ok) onGenerate(growLevelBands(values.size, values.factor, values.count));
          }}
        >
          <Field id="grow-size" label="First band size (points)" error={errors.size}>
            {(control) => <NumberInput {...control} min={1} value={size} onChange={(e) => setSize(e.target.value)} />}
          </Field>
          <Field id="grow-factor" label="Factor" error={errors.factor}>
            {(control) => (
              <Input {...control} type="number" step={0.05} min={1} value={factor} onChange={(e) => setFactor(e.target.value)} />
            )}
          </Field>
          <Field id="grow-count" label="Number of levels" error={errors.count}>
            {(control) => <NumberInput {...control} min={1} max={MAX_LEVELS} value={count} onChange={(e) => setCount(e.target.value)} />}
          </Field>
          <Button type="submit" variant="secondary" disabled={!ok}>
            Generate levels
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
