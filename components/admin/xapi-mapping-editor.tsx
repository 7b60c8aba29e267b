"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import {
  COURSE_ACTIVITY,
  iriLabel,
  MAPPING_RESULTS,
  mappingRulesSchema,
  type Condition,
  type MappingPresetKey,
  type MappingResult,
  type MappingRule,
} from "@/server/schemas/xapi-mapping";
import { issuesByPath, readError, useFocusFirstError } from "./trpc-errors";

// The xAPI mapping editor: the rules in force as an editable table (verb, optional activity type, conditions on
// result.success and result.completion, what it becomes), presets to start from, and one Save that makes the
// next version. Validation is the server's schema, run here first.

interface Row {
  key: number;
  verb: string;
  /** any: every activity; course: any course type; type: the IRI in `type`. */
  on: "any" | "course" | "type";
  type: string;
  success: Condition | "";
  completion: Condition | "";
  event: MappingResult;
}

export interface MappingPreset {
  key: MappingPresetKey;
  label: string;
  description: string;
  rules: MappingRule[];
}

let nextKey = 0;
const toRow = (r: MappingRule): Row => ({
  key: nextKey++,
  verb: r.verb,
  on: r.activityType === undefined ? "any" : r.activityType === COURSE_ACTIVITY ? "course" : "type",
  type: r.activityType !== undefined && r.activityType !== COURSE_ACTIVITY ? r.activityType : "",
  success: r.success ?? "",
  completion: r.completion ?? "",
  event: r.event,
});
const toRule = (row: Row): MappingRule => ({
  verb: row.verb.trim(),
  ...(row.on === "course" ? { activityType: COURSE_ACTIVITY } : row.on === "type" ? { activityType: row.type.trim() } : {}),
  ...(row.success ? { success: row.success } : {}),
  ...(row.completion ? { completion: row.completion } : {}),
  event: row.event,
});

const CONDITIONS: { value: Condition | ""; label: string }[] = [
  { value: "", label: "any" },
  { value: "true", label: "true" },
  { value: "not-false", label: "not false" },
];

export function XapiMappingEditor({ version, rules, presets }: { version: number; rules: MappingRule[]; presets: MappingPreset[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(() => rules.map(toRow));
  const [preset, setPreset] = useState<MappingPresetKey>(presets[0]!.key);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { ref: formRef, focusFirstError } = useFocusFirstError();
  const knownVerbs = useMemo(() => [...new Set(presets.flatMap((p) => p.rules.map((r) => r.verb)))].sort(), [presets]);
  const dirty = JSON.stringify(rows.map(toRule)) !== JSON.stringify(rules);

  const save = useMutation(
    trpc.admin.xapi.saveMapping.mutationOptions({
      onSuccess: (saved) => {
        toast.success(
          saved.version === version
            ? "Nothing changed: the mapping in force already says this."
            : `Saved as version ${saved.version}. It decides statements received from now on.`,
        );
        router.refresh();
      },
      onError: (error) => {
        const { message, fields } = readError(error);
        setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^rules\./, ""), v])));
        // A rule's error shows at its row, and focus goes there; a sentence about no rule is a toast.
        if (Object.keys(fields).length > 0) focusFirstError();
        else toast.error(message);
      },
    }),
  );

  const update = (key: number, change: Partial<Row>) => {
    setRows((old) => old.map((r) => (r.key === key ? { ...r, ...change } : r)));
    setErrors({});
  };
  const remove = (key: number) => {
    setRows((old) => old.filter((r) => r.key !== key));
    setErrors({});
  };
  const replaceRows = (next: MappingRule[]) => {
    setRows(next.map(toRow));
    setErrors({});
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = mappingRulesSchema.safeParse(rows.map(toRule));
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues));
      focusFirstError();
      return;
    }
    setErrors({});
    save.mutate({ basedOn: version, rules: parsed.data });
  }

  const chosen = presets.find((p) => p.key === preset)!;
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="xAPI mapping" className="flex flex-col">
      <div className="flex flex-wrap items-end justify-between gap-3 p-5 pb-3">
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1.5">
            <label htmlFor="mapping-preset" className="text-sm font-medium">
              Start from a preset
            </label>
            <Select id="mapping-preset" value={preset} onChange={(e) => setPreset(e.target.value as MappingPresetKey)} className="min-w-72">
              {presets.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.label}
                </option>
              ))}
            </Select>
          </div>
          <Button variant="secondary" onClick={() => replaceRows(chosen.rules)}>
            Load preset
          </Button>
        </div>
        <p className="max-w-md text-xs text-muted-foreground">
          {chosen.description} Loading fills the table; nothing changes until you save.
        </p>
      </div>
      <Table aria-label="Mapping rules">
        <THead>
          <tr>
            <Th>Verb</Th>
            <Th>Activity type</Th>
            <Th>Conditions</Th>
            <Th>Becomes</Th>
            <Th>
              <span className="sr-only">Remove</span>
            </Th>
          </tr>
        </THead>
        <TBody>
          {rows.map((row, i) => {
            const n = i + 1;
            const error = errors[`${i}.verb`] ?? errors[`${i}.activityType`] ?? errors[`${i}.event`];
            return (
              <Tr key={row.key} data-testid={`mapping-rule-${n}`}>
                <Td className="align-top">
                  <Input
                    aria-label={`Rule ${n} verb`}
                    value={row.verb}
                    list="known-verbs"
                    onChange={(e) => update(row.key, { verb: e.target.value })}
                    aria-invalid={!!errors[`${i}.verb`]}
                    title={row.verb}
                    className="min-w-72 font-mono text-xs"
                    placeholder="http://adlnet.gov/expapi/verbs/completed"
                  />
                  {error ? (
                    <p className="mt-1 text-xs font-medium text-danger">{error}</p>
                  ) : (
                    row.verb && <p className="mt-1 text-xs text-muted-foreground">{iriLabel(row.verb)}</p>
                  )}
                </Td>
                <Td className="align-top">
                  <div className="flex flex-col gap-1">
                    <Select
                      aria-label={`Rule ${n} activity type`}
                      value={row.on}
                      onChange={(e) => update(row.key, { on: e.target.value as Row["on"] })}
                      className="min-w-36"
                    >
                      <option value="any">any activity</option>
                      <option value="course">a course</option>
                      <option value="type">this type:</option>
                    </Select>
                    {row.on === "type" && (
                      <Input
                        aria-label={`Rule ${n} activity type IRI`}
                        value={row.type}
                        onChange={(e) => update(row.key, { type: e.target.value })}
                        aria-invalid={!!errors[`${i}.activityType`]}
                        className="min-w-36 font-mono text-xs"
                        placeholder="http://adlnet.gov/expapi/activities/assessment"
                      />
                    )}
                  </div>
                </Td>
                <Td className="align-top">
                  <div className="flex flex-col gap-1">
                    {(["success", "completion"] as const).map((field) => (
                      <label key={field} className="flex items-center justify-between gap-2 text-xs text-muted-foreground">
                        {field}
                        <Select
                          aria-label={`Rule ${n} ${field}`}
                          value={row[field]}
                          onChange={(e) => update(row.key, { [field]: e.target.value as Condition | "" })}
                          className="h-8 min-w-28"
                        >
                          {CONDITIONS.map((c) => (
                            <option key={c.value} value={c.value}>
                              {c.label}
                            </option>
                          ))}
                        </Select>
                      </label>
                    ))}
                  </div>
                </Td>
                <Td className="align-top">
                  <Select
                    aria-label={`Rule ${n} becomes`}
                    value={row.event}
                    onChange={(e) => update(row.key, { event: e.target.value as MappingResult })}
                    className="min-w-40"
                  >
                    {MAPPING_RESULTS.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </Select>
                </Td>
                <Td className="align-top">
                  <Button variant="ghost" size="sm" aria-label={`Remove rule ${n}`} onClick={() => remove(row.key)}>
                    <Trash2 className="size-4" aria-hidden />
                  </Button>
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      <datalist id="known-verbs">
        {knownVerbs.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-border p-5">
        <Button variant="secondary" size="sm" onClick={() => setRows((old) => [...old, toRow({ verb: "", event: "lesson.completed" })])}>
          <Plus className="size-4" aria-hidden />
          Add rule
        </Button>
        <div className="flex items-center gap-3">
          {dirty && <span className="text-xs text-muted-foreground">Unsaved changes</span>}
          <Button variant="secondary" disabled={!dirty || save.isPending} onClick={() => replaceRows(rules)}>
            Reset
          </Button>
          <Button type="submit" disabled={!dirty || save.isPending}>
            {save.isPending ? "Saving…" : `Save as version ${version + 1}`}
          </Button>
        </div>
      </div>
    </form>
  );
}
