"use client";

import { useMutation } from "@tanstack/react-query";
import { KeyRound, Plus, ShieldAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { createApiKeyInput } from "@/server/schemas/admin";
import { issuesByPath, readError } from "./trpc-errors";

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
      onError: (e) => toast.error(readError(e).message),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = createApiKeyInput.safeParse({ name });
    if (!parsed.success) {
      setError(issuesByPath(parsed.error.issues).name ?? "Check the name.");
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
          <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-3" aria-label="Create an API key">
            <Field id="key-name" label="Name" error={error} hint="For example: moodle-production" className="min-w-64 flex-1">
              <Input
                id="key-name"
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  setError(null);
                }}
                aria-invalid={!!error}
                aria-describedby={describedBy("key-name", error, "hint")}
                maxLength={100}
                autoComplete="off"
              />
            </Field>
            <Button type="submit" disabled={create.isPending} className="mt-[1.625rem]">
              <Plus className="size-4" aria-hidden />
              {create.isPending ? "Creating…" : "Create key"}
            </Button>
          </form>
          {created && (
            <div role="status" className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning/10 p-4">
              <p className="flex items-center gap-2 text-sm font-medium">
                <ShieldAlert className="size-4 text-warning" aria-hidden />
                Copy the key for “{created.name}” now: it will not be shown again.
              </p>
              <div className="flex flex-wrap items-center gap-2">
                <code data-testid="new-api-key" className="min-w-0 flex-1 rounded-md border border-border bg-card px-3 py-2 font-mono text-sm break-all select-all">
                  {created.key}
                </code>
                <CopyButton value={created.key} label="Copy key" />
              </div>
              <p className="text-xs text-muted-foreground">
                The LMS sends it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. Only a fingerprint is stored here.
              </p>
            </div>
          )}
        </CardContent>
      </Card>

      <Card className="overflow-hidden">
        {keys.length === 0 ? (
          <EmptyState icon={<KeyRound />} title="No API keys yet">
            Create a key above and give it to your LMS so it can send learning events.
          </EmptyState>
        ) : (
          <Table aria-label="API keys">
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Key</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
                <Th className="text-right">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {keys.map((k) => (
                <Tr key={k.id} data-testid={`api-key-${k.name}`}>
                  <Td className="font-medium">{k.name}</Td>
                  <Td className="font-mono text-xs text-muted-foreground">{k.prefix}…</Td>
                  <Td className="whitespace-nowrap text-muted-foreground">{k.created}</Td>
                  <Td className="whitespace-nowrap text-muted-foreground">{k.lastUsed ?? "Never"}</Td>
                  <Td>{k.revoked ? <Badge tone="danger" title={`Revoked ${k.revoked}`}>Revoked</Badge> : <Badge tone="success">Active</Badge>}</Td>
                  <Td className="text-right">
                    {!k.revoked && (
                      <Button variant="danger-outline" size="sm" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                        Revoke
                      </Button>
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Dialog open={revoking !== null} onClose={() => setRevoking(null)} title={`Revoke “${revoking?.name ?? ""}”?`}>
        <p className="text-sm text-muted-foreground">
          Every request with this key will be refused (401) at once. This cannot be undone: create a new key if the LMS still needs one.
        </p>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setRevoking(null)}>
            Cancel
          </Button>
          <Button variant="danger" disabled={revoke.isPending} onClick={() => revoking && revoke.mutate({ name: revoking.name })}>
            {revoke.isPending ? "Revoking…" : "Revoke key"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
