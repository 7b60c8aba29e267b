"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { readError } from "./trpc-errors";

export interface LearnerCredentialItem {
  id: string;
  achievementName: string;
  issued: string;
  revoked: string | null;
  revokedReason: string | null;
}

/** The learner's issued Open Badges credentials; an admin revokes one with a reason (audited). */
export function LearnerCredentials({ credentials }: { credentials: LearnerCredentialItem[] }) {
  const [revoking, setRevoking] = useState<LearnerCredentialItem | null>(null);
  if (credentials.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        No credential issued yet: one is issued when the learner or the LMS first asks for it.
      </p>
    );
  }
  return (
    <>
      <ul className="flex flex-col divide-y divide-border text-sm">
        {credentials.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center gap-3 py-2">
            <span className="font-medium">{c.achievementName}</span>
            <span className="text-xs text-muted-foreground">issued {c.issued}</span>
            {c.revoked ? (
              <Badge tone="danger" title={c.revokedReason ?? undefined}>
                revoked {c.revoked}
              </Badge>
            ) : (
              <Badge tone="success">valid</Badge>
            )}
            <a href={`/credentials/${c.id}`} className="text-xs text-accent underline">
              Verification page
            </a>
            {!c.revoked && (
              <Button variant="danger-outline" size="sm" className="ml-auto" onClick={() => setRevoking(c)}>
                Revoke
              </Button>
            )}
          </li>
        ))}
      </ul>
      {revoking && <RevokeDialog credential={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}

function RevokeDialog({ credential, onClose }: { credential: LearnerCredentialItem; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const revoke = useMutation(
    trpc.admin.credentials.revoke.mutationOptions({
      onSuccess: () => {
        toast.success(`Credential "${credential.achievementName}" revoked.`);
        onClose();
        router.refresh();
      },
    }),
  );
  const error = revoke.error ? readError(revoke.error) : null;
  return (
    <Dialog open onClose={onClose} title={`Revoke "${credential.achievementName}"?`}>
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          revoke.mutate({ id: credential.id, reason });
        }}
      >
        <p className="text-sm text-muted-foreground">
          Anyone who verifies this credential will see it revoked, with your reason. The learner keeps the achievement and its points.
        </p>
        <Field id="revoke-reason" label="Reason" error={error?.fields.reason ?? (error && !error.fields.reason ? error.message : null)}>
          {(c) => <Input {...c} value={reason} onChange={(e) => setReason(e.target.value)} required />}
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={revoke.isPending}>
            {revoke.isPending ? "Revoking…" : "Revoke credential"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
