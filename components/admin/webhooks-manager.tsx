"use client";

import { useMutation } from "@tanstack/react-query";
import { Play, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createEndpointInput, WEBHOOK_EVENT_TYPE_TEXT, WEBHOOK_EVENT_TYPE_VALUES } from "@/server/schemas/webhooks";
import { OneTimeSecret } from "./one-time-secret";
import { issuesByPath, readError, toastError, useFocusFirstError } from "./trpc-errors";

type EventType = (typeof WEBHOOK_EVENT_TYPE_VALUES)[number];

/** Adds an endpoint and shows its signing secret once. */
export function WebhookEndpointForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState<EventType[]>([...WEBHOOK_EVENT_TYPE_VALUES]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const { ref: formRef, focusFirstError } = useFocusFirstError();

  const create = useMutation(
    trpc.admin.webhooks.create.mutationOptions({
      onSuccess: (endpoint) => {
        setCreated({ url: endpoint.url, secret: endpoint.secret });
        setUrl("");
        setDescription("");
        router.refresh();
      },
      onError: (e) => {
        const { message, fields } = readError(e);
        setErrors(Object.keys(fields).length > 0 ? fields : { url: message });
        focusFirstError();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = createEndpointInput.safeParse({ url, description: description || undefined, eventTypes: types });
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues));
      focusFirstError();
      return;
    }
    setErrors({});
    setCreated(null);
    create.mutate(parsed.data);
  }

  const toggle = (t: EventType) => setTypes((now) => (now.includes(t) ? now.filter((x) => x !== t) : [...now, t]));

  return (
    <Card>
      <CardHeader>
        <CardTitle>Add an endpoint</CardTitle>
        <CardDescription>
          We POST each change to it, signed per Standard Webhooks, and retry for about a day if it fails. The signing secret is shown once.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Add a webhook endpoint">
          <div className="flex flex-wrap items-start gap-3">
            <Field id="webhook-url" label="URL" error={errors.url} hint="https://, on a public address" className="min-w-72 flex-[2]">
              {(control) => (
                <Input
                  {...control}
                  type="url"
                  value={url}
                  onChange={(e) => setUrl(e.target.value)}
                  placeholder="https://lms.example.edu/gamify-hooks"
                  autoComplete="off"
                />
              )}
            </Field>
            <Field id="webhook-description" label="Description" error={errors.description} hint="Optional" className="min-w-56 flex-1">
              {(control) => <Input {...control} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} />}
            </Field>
          </div>
          <fieldset className="flex flex-col gap-2" aria-describedby={errors.eventTypes ? "webhook-types-error" : undefined}>
            <legend className="mb-1 text-sm font-medium">Event types</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {WEBHOOK_EVENT_TYPE_VALUES.map((t) => (
                <label
                  key={t}
                  className="flex items-start gap-2 rounded-md border border-border p-2.5 text-sm has-checked:border-accent/50 has-checked:bg-accent-soft"
                >
                  <input
                    type="checkbox"
                    className="mt-0.5 accent-accent"
                    checked={types.includes(t)}
                    onChange={() => toggle(t)}
                    aria-invalid={!!errors.eventTypes}
                  />
                  <span>
                    <span className="font-mono text-xs">{t}</span>
                    <span className="block text-xs text-muted-foreground">{WEBHOOK_EVENT_TYPE_TEXT[t]}</span>
                  </span>
                </label>
              ))}
            </div>
            {errors.eventTypes && <FieldError id="webhook-types-error" error={errors.eventTypes} />}
          </fieldset>
          <div>
            <Button type="submit" disabled={create.isPending}>
              <Plus className="size-4" aria-hidden />
              {create.isPending ? "Adding…" : "Add endpoint"}
            </Button>
          </div>
        </form>
        {created && (
          <OneTimeSecret
            title={`Copy the signing secret for ${created.url} now: it will not be shown again.`}
            value={created.secret}
            testId="new-webhook-secret"
            copyLabel="Copy secret"
          >
            Your receiver verifies each request with it (the <code className="font-mono">webhook-signature</code> header); see
            docs/webhooks.md.
          </OneTimeSecret>
        )}
      </CardContent>
    </Card>
  );
}

/** Delivers what is due now: through Inngest when configured, else here (the same code as `webhooks:drain`). */
export function RunDeliveriesButton({ viaInngest }: { viaInngest: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const run = useMutation(
    trpc.admin.webhooks.runNow.mutationOptions({
      onSuccess: (outcome) => {
        if (outcome.mode === "queued") toast.success("Sent to Inngest: deliveries go out in a moment.");
        else {
          const r = (outcome.result ?? {}) as { attempted?: number; succeeded?: number; retrying?: number; failed?: number };
          toast.success(
            r.attempted
              ? `Sent ${r.attempted}: ${r.succeeded ?? 0} succeeded, ${r.retrying ?? 0} to retry, ${r.failed ?? 0} failed.`
              : "Nothing was due.",
          );
        }
        router.refresh();
      },
      onError: toastError,
    }),
  );
  return (
    <Button
      variant="secondary"
      onClick={() => run.mutate()}
      disabled={run.isPending}
      title={viaInngest ? "Sends the job's event to Inngest" : "Runs the delivery here"}
    >
      <Play className="size-4" aria-hidden />
      {run.isPending ? "Delivering…" : "Run now"}
    </Button>
  );
}
