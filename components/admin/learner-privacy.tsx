"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { readError } from "./trpc-errors";

type Visibility = "visible" | "anonymous" | "hidden";

const VISIBILITY_TEXT: Record<Visibility, string> = {
  visible: "Visible: on boards by name",
  anonymous: "Anonymous: on boards without name or id",
  hidden: "Hidden: on no board other learners see",
};

/** Visibility, the export download, and erasure confirmed by typing the user id (docs/privacy.md). */
export function LearnerPrivacy({ userId, visibility }: { userId: string; visibility: Visibility }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<Visibility>(visibility);
  const [confirmation, setConfirmation] = useState("");
  const setVisibility = useMutation(
    trpc.admin.privacy.setVisibility.mutationOptions({
      onSuccess: (r) => toast.success(`Visibility set to ${r.visibility}.`),
      onError: (error) => toast.error(readError(error).message),
    }),
  );
  const erase = useMutation(
    trpc.admin.privacy.erase.mutationOptions({
      onSuccess: () => {
        toast.success(`Learner ${userId} erased.`);
        router.push("/admin/learners");
      },
      onError: (error) => toast.error(readError(error).message),
    }),
  );

  async function download() {
    const data = await queryClient.fetchQuery(trpc.admin.privacy.export.queryOptions({ userId }));
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `learner-${userId}-export.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="flex flex-col gap-5">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Visibility on learners&apos; boards</span>
        <Select
          aria-label="Visibility"
          value={chosen}
          onChange={(e) => {
            const next = e.target.value as Visibility;
            setChosen(next);
            setVisibility.mutate({ userId, visibility: next });
          }}
        >
          {(Object.keys(VISIBILITY_TEXT) as Visibility[]).map((v) => (
            <option key={v} value={v}>
              {VISIBILITY_TEXT[v]}
            </option>
          ))}
        </Select>
        <span className="text-xs text-muted-foreground">Ranks never change: a hidden learner still holds their place.</span>
      </label>
      <div>
        <Button variant="secondary" size="sm" onClick={() => void download()}>
          Download export (JSON)
        </Button>
      </div>
      <form
        className="flex flex-col gap-2 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          erase.mutate({ userId, confirmation });
        }}
      >
        <label className="flex flex-col gap-1">
          <span className="font-medium">Erase this learner</span>
          <span className="text-xs text-muted-foreground">
            Removes every trace of them, for good. Type <span className="font-mono">{userId}</span> to confirm.
          </span>
          <Input
            aria-label="Type the user id to confirm"
            value={confirmation}
            onChange={(e) => setConfirmation(e.target.value)}
            autoComplete="off"
          />
        </label>
        <div>
          <Button type="submit" variant="danger" size="sm" disabled={confirmation !== userId || erase.isPending}>
            Erase learner
          </Button>
        </div>
      </form>
    </div>
  );
}
