"use client";

import { useMutation } from "@tanstack/react-query";
import { Snowflake } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { formatDay } from "./format";
import { readError } from "./trpc-errors";

/** An admin's streak freeze for one learner (audited; held beyond the maximum, docs/user-guide.md). */
export function GrantFreezeButton({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const grant = useMutation(
    trpc.admin.streaks.grantFreeze.mutationOptions({
      onSuccess: ({ day }) => {
        toast.success(`Freeze granted: it covers the first missed day after ${formatDay(day)}.`);
        router.refresh();
      },
      onError: (error) => toast.error(readError(error).message),
    }),
  );
  return (
    <Button variant="secondary" size="sm" disabled={grant.isPending} onClick={() => grant.mutate({ userId })}>
      <Snowflake className="size-4" aria-hidden />
      Grant a freeze
    </Button>
  );
}
