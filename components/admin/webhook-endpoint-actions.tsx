"use client";

import { useMutation } from "@tanstack/react-query";
import { Power, PowerOff, RotateCcw, Send, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toastError } from "./trpc-errors";

/** Send a test event, disable or enable, delete: the actions on one endpoint. */
export function WebhookEndpointActions({ id, url, enabled }: { id: number; url: string; enabled: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [deleting, setDeleting] = useState(false);

  const test = useMutation(
    trpc.admin.webhooks.sendTest.mutationOptions({
      onSuccess: (d) => {
        if (d.status === "succeeded") toast.success(`Test event delivered: the endpoint answered ${d.lastStatusCode}.`);
        else toast.error(`Test event not accepted: ${d.lastError ?? "no answer"}. It will be retried.`);
        router.refresh();
      },
      onError: toastError,
    }),
  );
  const toggle = useMutation(
    trpc.admin.webhooks.setEnabled.mutationOptions({
      onSuccess: (e) => {
        toast.success(
          e.enabled ? "Enabled: changes from now on are delivered." : "Disabled: nothing more is sent, pending deliveries are stopped.",
        );
        router.refresh();
      },
      onError: toastError,
    }),
  );
  const remove = useMutation(
    trpc.admin.webhooks.delete.mutationOptions({
      onSuccess: () => {
        toast.success("Endpoint deleted, with its delivery log.");
        router.push("/admin/webhooks");
        router.refresh();
      },
      onError: toastError,
    }),
  );

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => test.mutate({ id })} disabled={test.isPending}>
        <Send className="size-4" aria-hidden />
        {test.isPending ? "Sending…" : "Send test event"}
      </Button>
      <Button variant="secondary" size="sm" onClick={() => toggle.mutate({ id, enabled: !enabled })} disabled={toggle.isPending}>
        {enabled ? <PowerOff className="size-4" aria-hidden /> : <Power className="size-4" aria-hidden />}
        {enabled ? "Disable" : "Enable"}
      </Button>
      <Button variant="danger-outline" size="sm" onClick={() => setDeleting(true)}>
        <Trash2 className="size-4" aria-hidden />
        Delete
      </Button>
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ id })}
      >
        Nothing more is sent to <span className="font-mono break-all">{url}</span>, and its delivery log is removed. To pause it instead,
        disable it.
      </ConfirmDialog>
    </>
  );
}

/** Sends one delivery again, with the same webhook-id and a fresh retry schedule. */
export function ReplayDeliveryButton({ id, disabled }: { id: string; disabled?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const replay = useMutation(
    trpc.admin.webhooks.replay.mutationOptions({
      onSuccess: () => {
        toast.success("Queued again: it goes out with the next delivery run (or press Run now).");
        router.refresh();
      },
      onError: toastError,
    }),
  );
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={() => replay.mutate({ id })}
      disabled={disabled || replay.isPending}
      aria-label={`Replay delivery ${id}`}
    >
      <RotateCcw className="size-4" aria-hidden />
      Replay
    </Button>
  );
}
