"use client";

import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { describedBy, Field, FormError } from "@/components/ui/field";
import { Input, NumberInput } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { BADGE_ICON_NAMES } from "@/components/achievement-icons";
import { ACHIEVEMENT_KIND_DECLARATIONS, ACHIEVEMENT_KINDS, type AchievementPeriod } from "@/server/lib/achievement-kinds";
import { achievementFormSchema } from "@/server/schemas/admin";
import type { AchievementInput } from "@/server/schemas/achievements";
import { AchievementIcon } from "./achievement-icon";
import { describeCriterion } from "./format";
import { issuesByPath, useFocusFirstError } from "./trpc-errors";

type Kind = AchievementInput["criterion"]["kind"];

export interface AchievementFormValues {
  key: string;
  name: string;
  description: string;
  iconUrl: string;
  points: number;
  criterion: { kind: Kind; threshold: number; withinHours?: number; period?: AchievementPeriod };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);

export function AchievementForm({
  initial,
  mode,
  pending,
  serverErrors,
  onEdit,
  onSubmit,
  onCancel,
}: {
  initial?: AchievementFormValues;
  mode: "create" | "edit";
  pending: boolean;
  serverErrors: Record<string, string>;
  /** Called on any change: the server's verdict was about the values before it. */
  onEdit: () => void;
  onSubmit: (values: AchievementInput) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? "");
  const [key, setKey] = useState(initial?.key ?? "");
  const [keyTouched, setKeyTouched] = useState(mode === "edit");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [kind, setKind] = useState<Kind>(initial?.criterion.kind ?? "lessons_completed");
  const [threshold, setThreshold] = useState(String(initial?.criterion.threshold ?? 5));
  const [withinHours, setWithinHours] = useState(String(initial?.criterion.withinHours ?? 24));
  const [period, setPeriod] = useState(initial?.criterion.period ?? "weekly");
  const [points, setPoints] = useState(String(initial?.points ?? 50));
  const initialIcon = initial?.iconUrl ?? "icon:trophy";
  const [iconMode, setIconMode] = useState<"builtin" | "url">(initialIcon.startsWith("icon:") ? "builtin" : "url");
  const [icon, setIcon] = useState(initialIcon.startsWith("icon:") ? initialIcon.slice(5) : "trophy");
  const [iconUrl, setIconUrl] = useState(initialIcon.startsWith("icon:") ? "" : initialIcon);
  const [submitted, setSubmitted] = useState(false);
  const option = ACHIEVEMENT_KIND_DECLARATIONS[kind];
  const parameter = option.parameter?.name;
  const effectiveKey = keyTouched ? key : slug(name);

  const toNumber = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
  const values = (): unknown => ({
    key: effectiveKey,
    name,
    description,
    iconUrl: iconMode === "builtin" ? `icon:${icon}` : iconUrl.trim(),
    points: toNumber(points),
    criterion: {
      kind,
      threshold: option.threshold === null ? 1 : toNumber(threshold),
      ...(parameter === "withinHours" ? { withinHours: toNumber(withinHours) } : {}),
      ...(parameter === "period" ? { period } : {}),
    },
  });

  // Once a submit has been tried, each field's error follows its value as it is corrected.
  const check = achievementFormSchema.safeParse(values());
  const clientErrors = submitted && !check.success ? issuesByPath(check.error.issues) : {};
  const errors = { ...serverErrors, ...clientErrors };
  const { ref: formRef, focusFirstError } = useFocusFirstError();
  // The server's verdict (a taken key, say) arrives after the submit: focus goes to it as it does for ours.
  useEffect(() => {
    if (Object.keys(serverErrors).length > 0) focusFirstError();
  }, [serverErrors, focusFirstError]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!check.success) {
      focusFirstError();
      return;
    }
    onSubmit(check.data);
  }

  const previewCriterion = (() => {
    const t = option.threshold === null ? 1 : Number(threshold) || 0;
    return describeCriterion({ kind, threshold: t, withinHours: Number(withinHours) || 24, period });
  })();

  const err = (path: string) => errors[path] ?? null;

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      onChange={onEdit}
      noValidate
      className="flex flex-col gap-5"
      aria-label={mode === "create" ? "New achievement" : "Edit achievement"}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="ach-name" label="Name" error={err("name")}>
          <Input
            id="ach-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!err("name")}
            aria-describedby={describedBy("ach-name", err("name"))}
            placeholder={option.example.name}
            autoFocus
            maxLength={80}
          />
        </Field>
        <Field
          id="ach-key"
          label="Key"
          error={err("key")}
          hint={mode === "create" ? "A stable id the LMS uses. Lower-case letters, digits, - and _." : "The key never changes."}
        >
          <Input
            id="ach-key"
            value={effectiveKey}
            onChange={(e) => {
              setKeyTouched(true);
              setKey(e.target.value);
            }}
            aria-invalid={!!err("key")}
            aria-describedby={describedBy("ach-key", err("key"), "hint")}
            readOnly={mode === "edit"}
            className={cx("font-mono", mode === "edit" && "bg-muted text-muted-foreground")}
            placeholder={option.example.key}
          />
        </Field>
      </div>

      <Field id="ach-description" label="Description" error={err("description")} hint="What learners read under the badge.">
        <Textarea
          id="ach-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={!!err("description")}
          aria-describedby={describedBy("ach-description", err("description"), "hint")}
          maxLength={300}
          rows={2}
          placeholder={option.example.description}
        />
      </Field>

      <fieldset className="flex flex-col gap-4 rounded-lg border border-border p-4">
        <legend className="px-1 text-sm font-medium">Criterion</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="ach-kind" label="Earned for" hint={option.help} error={err("criterion.kind")}>
            <Select
              id="ach-kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
              aria-describedby={describedBy("ach-kind", err("criterion.kind"), "hint")}
            >
              {ACHIEVEMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ACHIEVEMENT_KIND_DECLARATIONS[k].label}
                </option>
              ))}
            </Select>
          </Field>
          {option.threshold !== null && (
            <Field id="ach-threshold" label={option.threshold} error={err("criterion.threshold")}>
              {(control) => <NumberInput {...control} min={1} value={threshold} onChange={(e) => setThreshold(e.target.value)} />}
            </Field>
          )}
          {parameter === "withinHours" && (
            <Field id="ach-hours" label="Within hours" error={err("criterion.withinHours")} hint="From the first lesson or course start.">
              {(control) => <NumberInput {...control} min={1} value={withinHours} onChange={(e) => setWithinHours(e.target.value)} />}
            </Field>
          )}
          {parameter === "period" && (
            <Field id="ach-period" label="Period" error={err("criterion.period")}>
              <Select id="ach-period" value={period} onChange={(e) => setPeriod(e.target.value as typeof period)}>
                <option value="weekly">A week</option>
                <option value="monthly">A month</option>
                <option value="any">A week or a month</option>
              </Select>
            </Field>
          )}
        </div>
        <p className="text-sm text-muted-foreground">
          Learners earn it when they: <span className="font-medium text-foreground">{previewCriterion}</span>
        </p>
      </fieldset>

      <Field id="ach-points" label="Points" error={err("points")} hint="Awarded once, when the achievement is earned (0 for a badge only).">
        {(control) => <NumberInput {...control} min={0} value={points} onChange={(e) => setPoints(e.target.value)} className="max-w-40" />}
      </Field>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1.5 text-sm font-medium">Icon</legend>
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="icon-mode" checked={iconMode === "builtin"} onChange={() => setIconMode("builtin")} />
            Built-in badge
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="icon-mode" checked={iconMode === "url"} onChange={() => setIconMode("url")} />
            Image URL
          </label>
        </div>
        {iconMode === "builtin" ? (
          <div role="radiogroup" aria-label="Built-in badge icon" className="grid grid-cols-8 gap-2 sm:grid-cols-10">
            {BADGE_ICON_NAMES.map((n) => (
              <label
                key={n}
                title={n}
                className={cx(
                  "flex cursor-pointer items-center justify-center rounded-lg border p-1.5 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent",
                  icon === n ? "border-accent bg-accent-soft" : "border-transparent hover:bg-muted",
                )}
              >
                <input
                  type="radio"
                  name="icon"
                  value={n}
                  checked={icon === n}
                  onChange={() => setIcon(n)}
                  className="sr-only"
                  aria-label={n}
                />
                <AchievementIcon iconUrl={`icon:${n}`} size="sm" />
              </label>
            ))}
          </div>
        ) : (
          <Field id="ach-icon-url" label="Image URL" error={err("iconUrl")} hint="An https:// address of a square image.">
            <Input
              id="ach-icon-url"
              type="url"
              value={iconUrl}
              onChange={(e) => setIconUrl(e.target.value)}
              aria-invalid={!!err("iconUrl")}
              aria-describedby={describedBy("ach-icon-url", err("iconUrl"), "hint")}
              placeholder="https://example.com/badge.png"
            />
          </Field>
        )}
        {iconMode === "builtin" && err("iconUrl") && <p className="text-xs font-medium text-danger">{err("iconUrl")}</p>}
      </fieldset>

      <FormError error={errors[""]} />

      <div className="flex justify-end gap-2 border-t border-border pt-4">
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? (mode === "create" ? "Creating…" : "Saving…") : mode === "create" ? "Create achievement" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
