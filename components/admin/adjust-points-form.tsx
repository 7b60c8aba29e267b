"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { adjustPointsInput } from "@/server/schemas/admin";
import { formatSigned } from "./format";
import { issuesByPath, readError, withoutKeys } from "./trpc-errors";

/** A manual adjustment: points (+ or -) and a required reason, recorded in the ledger and the audit log. */
export function AdjustPointsForm({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const adjust = useMutation(
    trpc.admin.learners.adjust.mutationOptions({
      onSuccess: (result, input) => {
        const unlocked = result.achievementsUnlocked.length ? ` Unlocked: ${result.achievementsUnlocked.join(", ")}.` : "";
        toast.success(`Adjusted by ${formatSigned(input.points)} points. New total: ${result.points}.${unlocked}`);
        setPoints("");
        setReason("");
        router.refresh();
      },
      onError: (error) => {
        const { message, fields } = readError(error);
        setErrors(Object.keys(fields).length ? fields : { "": message });
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = adjustPointsInput.safeParse({ userId, points: points.trim() === "" ? Number.NaN : Number(points), reason });
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues));
      return;
    }
    setErrors({});
    adjust.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Adjust points">
      <Field id="adjust-points" label="Points" hint="Positive to add, negative to remove (e.g. -20)." error={errors.points}>
        <Input
          id="adjust-points"
          type="number"
          inputMode="numeric"
          step={1}
          value={points}
          onChange={(e) => {
            setPoints(e.target.value);
            setErrors((e) => withoutKeys(e, "points", ""));
          }}
          aria-invalid={!!errors.points}
          aria-describedby={describedBy("adjust-points", errors.points, "hint")}
          placeholder="+50 or -20"
          className="tabular-nums"
        />
      </Field>
      <Field id="adjust-reason" label="Reason" hint="Required. The learner's ledger and the audit log show it." error={errors.reason}>
        <Textarea
          id="adjust-reason"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setErrors((e) => withoutKeys(e, "reason", ""));
          }}
          aria-invalid={!!errors.reason}
          aria-describedby={describedBy("adjust-reason", errors.reason, "hint")}
          maxLength={500}
          rows={3}
          placeholder="Bonus for presenting at the study group"
        />
      </Field>
      {errors[""] && <p className="text-sm font-medium text-danger">{errors[""]}</p>}
      <Button type="submit" disabled={adjust.isPending}>
        {adjust.isPending ? "Recording…" : "Record adjustment"}
      </Button>
    </form>
  );
}
