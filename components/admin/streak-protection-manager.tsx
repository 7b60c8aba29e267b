"use client";

import { useMutation } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ProtectionSettingsInput } from "@/server/schemas/streak-protection";
import { readError, toastError } from "./trpc-errors";

interface PauseRow {
  id: number;
  courseId: string | null;
  startsOn: string;
  endsOn: string;
  note: string | null;
}

/** The Streak protection page's forms: pauses (list, add, remove), and the freeze rules with the at-risk hour. */
export function StreakProtectionManager({ settings, pauses }: { settings: ProtectionSettingsInput; pauses: PauseRow[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [pause, setPause] = useState({ courseId: "", startsOn: "", endsOn: "", note: "" });
  const [pauseErrors, setPauseErrors] = useState<Record<string, string>>({});
  const [values, setValues] = useState({ ...settings });
  const [settingErrors, setSettingErrors] = useState<Record<string, string>>({});

  const add = useMutation(
    trpc.admin.streaks.addPause.mutationOptions({
      onSuccess: () => {
        toast.success("Pause added.");
        setPause({ courseId: "", startsOn: "", endsOn: "", note: "" });
        setPauseErrors({});
        router.refresh();
      },
      onError: (e) => setPauseErrors({ form: readError(e).message, ...readError(e).fields }),
    }),
  );
  const remove = useMutation(trpc.admin.streaks.removePause.mutationOptions({ onSuccess: () => router.refresh(), onError: toastError }));
  const save = useMutation(
    trpc.admin.streaks.saveSettings.mutationOptions({
      onSuccess: () => {
        toast.success("Freeze rules saved.");
        setSettingErrors({});
        router.refresh();
      },
      onError: (e) => setSettingErrors(readError(e).fields),
    }),
  );

  const submitPause = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ courseId: pause.courseId.trim() || null, startsOn: pause.startsOn, endsOn: pause.endsOn, note: pause.note || undefined });
  };
  const submitSettings = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(values);
  };
  const numberField = (key: keyof ProtectionSettingsInput, label: string, hint: string) => (
    <Field id={`setting-${key}`} label={label} hint={hint} error={settingErrors[key]}>
      <Input
        id={`setting-${key}`}
        type="number"
        value={values[key]}
        onChange={(e) => setValues({ ...values, [key]: Number(e.target.value) })}
      />
    </Field>
  );

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Pauses</CardTitle>
          <CardDescription>Days in a pause neither break nor extend a streak. Leave the course empty for everyone.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <ul className="flex flex-col gap-2" data-testid="pause-list">
            {pauses.length === 0 && <li className="text-sm text-muted-foreground">No pauses.</li>}
            {pauses.map((p) => (
              <li key={p.id} className="flex items-center justify-between gap-2 rounded-lg border border-border px-3 py-2 text-sm">
                <span>
                  <strong>{p.startsOn}</strong> to <strong>{p.endsOn}</strong> · {p.courseId ? `course ${p.courseId}` : "organisation-wide"}
                  {p.note ? ` · ${p.note}` : ""}
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove the pause from ${p.startsOn}`}
                  onClick={() => remove.mutate({ id: p.id })}
                >
                  <Trash2 className="size-4" aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
          <form onSubmit={submitPause} className="grid gap-3 sm:grid-cols-2" noValidate>
            <Field id="pause-startsOn" label="First day" error={pauseErrors.startsOn}>
              <Input
                id="pause-startsOn"
                type="date"
                value={pause.startsOn}
                onChange={(e) => setPause({ ...pause, startsOn: e.target.value })}
              />
            </Field>
            <Field id="pause-endsOn" label="Last day" error={pauseErrors.endsOn}>
              <Input id="pause-endsOn" type="date" value={pause.endsOn} onChange={(e) => setPause({ ...pause, endsOn: e.target.value })} />
            </Field>
            <Field id="pause-courseId" label="Course id (optional)" error={pauseErrors.courseId}>
              <Input id="pause-courseId" value={pause.courseId} onChange={(e) => setPause({ ...pause, courseId: e.target.value })} />
            </Field>
            <Field id="pause-note" label="Note (optional)" error={pauseErrors.note}>
              <Input id="pause-note" value={pause.note} onChange={(e) => setPause({ ...pause, note: e.target.value })} />
            </Field>
            <div className="sm:col-span-2">
              <Button type="submit" disabled={add.isPending}>
                Add pause
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Freeze rules and at-risk hour</CardTitle>
          <CardDescription>A freeze covers one missed day. 0 active days turns earning off.</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={submitSettings} className="flex flex-col gap-3" noValidate>
            {numberField("freezeEvery", "Active days per freeze", "Default 7")}
            {numberField("freezeMax", "Freezes held at most", "Default 2")}
            {numberField("atRiskHour", "At-risk hour (0-23, learner's zone)", "Default 18: the streak.at_risk webhook")}
            <div>
              <Button type="submit" disabled={save.isPending}>
                Save freeze rules
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
