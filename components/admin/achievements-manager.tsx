"use client";

import { useMutation } from "@tanstack/react-query";
import { Award, Pencil, Plus, Power, PowerOff } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ACTIONS_COLUMN, DataTable } from "@/components/ui/data-table";
import { Td, Tr } from "@/components/ui/table";
import type { AchievementInput } from "@/server/schemas/achievements";
import { AchievementIcon } from "./achievement-icon";
import { AchievementForm, type AchievementFormValues } from "./achievement-form";
import { awardSentence, learners, type AwardResult } from "./award-sentence";
import { describeCriterion, formatNumber } from "./format";
import { readError, toastError } from "./trpc-errors";

export interface AchievementRow extends AchievementFormValues {
  id: number;
  active: boolean;
  earnedBy: number;
}

export function AchievementsManager({ achievements }: { achievements: AchievementRow[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [editing, setEditing] = useState<AchievementRow | "new" | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [lastAward, setLastAward] = useState<string | null>(null);

  const onError = (error: unknown) => {
    const { message, fields, code } = readError(error);
    setServerErrors(code === "CONFLICT" ? { key: message } : { ...fields, ...(Object.keys(fields).length ? {} : { "": message }) });
  };

  // A save closes the form and shows the list as the server now has it.
  const saved = (message: string) => {
    toast.success(message);
    setEditing(null);
    router.refresh();
  };
  const announceAward = (result: AwardResult) => {
    const sentence = awardSentence(result);
    setLastAward(sentence);
    return sentence;
  };

  const create = useMutation(
    trpc.admin.achievements.create.mutationOptions({
      // The banner tells who was awarded; the toast only confirms the save (it covered the banner's words before).
      onSuccess: (result) => {
        announceAward(result);
        saved(`Created "${result.achievement.name}".`);
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.admin.achievements.update.mutationOptions({
      onSuccess: (a) => saved(`Saved "${a.name}". The change applies to later events.`),
      onError,
    }),
  );
  const setActive = useMutation(
    trpc.admin.achievements.setActive.mutationOptions({
      onSuccess: (result) => {
        if (result.active) {
          announceAward(result);
          toast.success(`Re-activated "${result.achievement.name}".`);
        } else {
          toast.success(`Deactivated "${result.achievement.name}". Learners keep it; nobody new earns it.`);
        }
        router.refresh();
      },
      onError: toastError,
    }),
  );

  function open(target: AchievementRow | "new") {
    setServerErrors({});
    setEditing(target);
  }

  function submit(values: AchievementInput) {
    if (editing === "new") create.mutate(values);
    else if (editing) update.mutate(values);
  }

  const active = achievements.filter((a) => a.active).length;
  const newButton = (
    <Button onClick={() => open("new")}>
      <Plus className="size-4" aria-hidden />
      New achievement
    </Button>
  );

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">
          {formatNumber(active)} active, {formatNumber(achievements.length - active)} inactive
        </p>
        {newButton}
      </div>

      {lastAward && (
        <p role="status" className="rounded-lg border border-success/30 bg-success/10 px-4 py-3 text-sm text-success">
          {lastAward}
        </p>
      )}

      <Card className="overflow-hidden">
        <DataTable
          label="Achievements"
          columns={[
            "Achievement",
            "Earned when",
            { label: "Points", className: "text-right" },
            { label: "Earned by", className: "text-right" },
            "Status",
            ACTIONS_COLUMN,
          ]}
          rows={achievements}
          empty={
            <EmptyState icon={<Award />} title="No achievements yet" action={newButton}>
              Achievements are badges learners earn for milestones: lessons, courses, streaks, points, speed, or a top rank.
            </EmptyState>
          }
        >
          {(a) => (
            <Tr key={a.key} data-testid={`achievement-${a.key}`}>
              <Td>
                <div className="flex items-center gap-3">
                  <AchievementIcon iconUrl={a.iconUrl} muted={!a.active} />
                  <div className="min-w-0">
                    <p className="font-medium">{a.name}</p>
                    <p className="font-mono text-xs text-muted-foreground">{a.key}</p>
                    {a.description && <p className="mt-0.5 line-clamp-1 text-xs text-muted-foreground">{a.description}</p>}
                  </div>
                </div>
              </Td>
              <Td className="max-w-64 text-muted-foreground">{describeCriterion(a.criterion)}</Td>
              <Td className="text-right tabular-nums">{formatNumber(a.points)}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums" data-testid="earned-by">
                {learners(a.earnedBy)}
              </Td>
              <Td>{a.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}</Td>
              <Td>
                <div className="flex justify-end gap-1">
                  <Button variant="ghost" size="sm" onClick={() => open(a)} aria-label={`Edit ${a.name}`} title="Edit">
                    <Pencil className="size-4" aria-hidden />
                    <span className="hidden xl:inline">Edit</span>
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={setActive.isPending}
                    onClick={() => setActive.mutate({ key: a.key, active: !a.active })}
                    aria-label={`${a.active ? "Deactivate" : "Activate"} ${a.name}`}
                    title={a.active ? "Deactivate" : "Activate"}
                  >
                    {a.active ? <PowerOff className="size-4" aria-hidden /> : <Power className="size-4" aria-hidden />}
                    <span className="hidden xl:inline">{a.active ? "Deactivate" : "Activate"}</span>
                  </Button>
                </div>
              </Td>
            </Tr>
          )}
        </DataTable>
      </Card>

      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? "New achievement" : `Edit ${editing?.name ?? ""}`}
        description={
          editing === "new"
            ? "Everyone who already qualifies receives it at once; others earn it as they go."
            : "Changes apply to later events. Nothing already earned is taken back."
        }
      >
        {editing !== null && (
          <AchievementForm
            key={editing === "new" ? "new" : editing.key}
            mode={editing === "new" ? "create" : "edit"}
            initial={editing === "new" ? undefined : editing}
            pending={create.isPending || update.isPending}
            serverErrors={serverErrors}
            onEdit={() => setServerErrors((e) => (Object.keys(e).length ? {} : e))}
            onSubmit={submit}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
    </>
  );
}
