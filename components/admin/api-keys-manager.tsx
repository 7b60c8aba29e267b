"use client";

import { useMutation } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ACTIONS_COLUMN, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Td, Tr } from "@/components/ui/table";
import { createApiKeyInput } from "@/server/schemas/admin";
import { OneTimeSecret } from "./one-time-secret";
import { issuesByPath, readError, toastError, useFocusFirstError } from "./trpc-errors";

export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  /** Already formatted by the server page, in the organisation's zone. */
  created: string;
  lastUsed: string | null;
  revoked: string | null;
}

export function ApiKeysManager({ keys }: { keys: ApiKeyRow[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const { ref: formRef, focusFirstError } = useFocusFirstError();

  const create = useMutation(
    trpc.admin.apiKeys.create.mutationOptions({
      onSuccess: (key) => {
        setCreated({ name: key.name, key: key.key });
        setName("");
        router.refresh();
      },
      onError: (e) => {
        const { message, fields } = readError(e);
        setError(fields.name ?? message);
        focusFirstError();
      },
    }),
  );
  const revoke = useMutation(
    trpc.admin.apiKeys.revoke.mutationOptions({
      onSuccess: (key) => {
        toast.success(`Revoked "${key.name}". Requests with it are refused from now on.`);
        setRevoking(null);
        router.refresh();
      },
      onError: toastError,
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = createApiKeyInput.safeParse({ name });
    if (!parsed.success) {
      setError(issuesByPath(parsed.error.issues).name ?? "Check the name.");
      focusFirstError();
      return;
    }
    setError(null);
    setCreated(null);
    create.mutate(parsed.data);
  }

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>Create a key</CardTitle>
          <CardDescription>One key per LMS or environment, so each can be revoked alone. The key is shown once.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <form ref={formRef} onSubmit={submit} noValidate className="flex flex-wrap items-start gap-3" aria-label="Create an API key">
            <Field id="key-name" label="Name" error={error} hint="For example: moodle-production" className="min-w-64 flex-1">
              {(control) => (
                <Input
                  {...control}
                  value={name}
                  onChange={(e) => {
                    setName(e.target.value);
                    setError(null);
                  }}
                  maxLength={100}
                  autoComplete="off"
                />
              )}
            </Field>
            <Button type="submit" disabled={create.isPending} className="mt-[1.625rem]">
              <Plus className="size-4" aria-hidden />
              {create.isPending ? "Creating…" : "Create key"}
            </Button>
          </form>
          {created && (
            <>
              <OneTimeSecret
                title={<>Copy the key for “{created.name}” now: it will not be shown again.</>}
                value={created.key}
                testId="new-api-key"
                copyLabel="Copy key"
              >
                The LMS sends it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. Only a fingerprint is stored here.
              </OneTimeSecret>
              <div className="flex flex-col gap-2">
                <p className="text-sm text-muted-foreground">Try it: this reads the weekly leaderboard and changes nothing.</p>
                <CodeBlock
                  testId="api-key-curl"
                  copyLabel="Copy command"
                  code={`curl -H "Authorization: Bearer ${created.key}" "${window.location.origin}/api/v1/leaderboards/global?period=weekly"`}
                />
              </div>
            </>
          )}
        </CardContent>
      </Card>

      <Card className="overflow-hidden">
        <DataTable
          label="API keys"
          columns={["Name", "Key", "Created", "Last used", "Status", ACTIONS_COLUMN]}
          rows={keys}
          empty={
            <EmptyState icon={<KeyRound />} title="No API keys yet">
              Create a key above and give it to your LMS so it can send learning events.
            </EmptyState>
          }
        >
          {(k) => (
            <Tr key={k.id} data-testid={`api-key-${k.name}`}>
              <Td className="font-medium">{k.name}</Td>
              <Td className="font-mono text-xs text-muted-foreground">{k.prefix}…</Td>
              <Td className="whitespace-nowrap text-muted-foreground">{k.created}</Td>
              <Td className="whitespace-nowrap text-muted-foreground">{k.lastUsed ?? "Never"}</Td>
              <Td>
                {k.revoked ? (
                  <Badge tone="danger" title={`Revoked ${k.revoked}`}>
                    Revoked
                  </Badge>
                ) : (
                  <Badge tone="success">Active</Badge>
                )}
              </Td>
              <Td className="text-right">
                {!k.revoked && (
                  <Button variant="danger-outline" size="sm" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                    Revoke
                  </Button>
                )}
              </Td>
            </Tr>
          )}
        </DataTable>
      </Card>

      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        confirmLabel="Revoke key"
        pendingLabel="Revoking…"
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ name: revoking.name })}
      >
        Every request with this key will be refused (401) at once. This cannot be undone: create a new key if the LMS still needs one.
      </ConfirmDialog>
    </>
  );
}
