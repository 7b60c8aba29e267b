"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FormError } from "@/components/ui/field";
import { NumberInput } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { adjustmentFloorProblem } from "@/server/lib/adjustment-floor";
import { adjustPointsInput } from "@/server/schemas/admin";
import { formatNumber, formatSigned } from "./format";
import { issuesByPath, readError, useFocusFirstError, withoutKeys } from "./trpc-errors";

type Adjustment = { userId: string; points: number; reason: string };

/**
 * A manual adjustment: points (+ or -) and a required reason, recorded in the ledger and the audit log. It asks
 * first, showing the new total; a total below 0 is refused at the field (here from the total the page read,
 * and by the server, whose total is the one that counts).
 */
export function AdjustPointsForm({ userId, total }: { userId: string; total: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Adjustment | null>(null);
  const { ref: formRef, focusFirstError } = useFocusFirstError();
  const adjust = useMutation(
    trpc.admin.learners.adjust.mutationOptions({
      onSuccess: (result, input) => {
        const unlocked = result.achievementsUnlocked.length ? ` Unlocked: ${result.achievementsUnlocked.join(", ")}.` : "";
        toast.success(`Adjusted by ${formatSigned(input.points)} points. New total: ${formatNumber(result.points)} points.${unlocked}`);
        setPending(null);
        setPoints("");
        setReason("");
        router.refresh();
      },
      onError: (error) => {
        const { message, fields } = readError(error);
        setPending(null);
        setErrors(Object.keys(fields).length ? fields : { "": message });
        focusFirstError();
      },
    }),
  );

  // A changed value takes its error, and the form's, away.
  const edit =
    (field: "points" | "reason", set: (value: string) => void) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      set(e.target.value);
      setErrors((old) => withoutKeys(old, field, ""));
    };

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = adjustPointsInput.safeParse({ userId, points: points.trim() === "" ? Number.NaN : Number(points), reason });
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues));
      focusFirstError();
      return;
    }
    const floor = adjustmentFloorProblem(total, parsed.data.points);
    if (floor) {
      setErrors({ points: floor.field });
      focusFirstError();
      return;
    }
    setErrors({});
    setPending(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Adjust points">
      <Field id="adjust-points" label="Points" hint="Positive to add, negative to remove (e.g. -20)." error={errors.points}>
        {(control) => (
          <NumberInput {...control} value={points} onChange={edit("points", setPoints)} placeholder="+50 or -20" className="tabular-nums" />
        )}
      </Field>
      <Field id="adjust-reason" label="Reason" hint="Required. The learner's ledger and the audit log show it." error={errors.reason}>
        {(control) => (
          <Textarea
            {...control}
            value={reason}
            onChange={edit("reason", setReason)}
            maxLength={500}
            rows={3}
            placeholder="Bonus for presenting at the study group"
          />
        )}
      </Field>
      <FormError error={errors[""]} />
      <Button type="submit" disabled={adjust.isPending}>
        Record adjustment
      </Button>
      <ConfirmDialog
        open={pending !== null}
        onClose={() => setPending(null)}
        title="Apply this adjustment?"
        confirmLabel="Apply"
        pendingLabel="Recording…"
        pending={adjust.isPending}
        onConfirm={() => pending && adjust.mutate(pending)}
      >
        {pending && `${formatSigned(pending.points)} points. New total: ${formatNumber(total + pending.points)} points. Apply?`}
      </ConfirmDialog>
    </form>
  );
}
