import { Clock } from "lucide-react";

/** What an island shows when its session ran out while the page was open. */
export function SessionEnded() {
  return (
    <div role="alert" className="flex flex-col items-center gap-2 rounded-xl border border-border bg-card px-4 py-8 text-center">
      <Clock className="size-8 text-muted-foreground" aria-hidden />
      <p className="font-medium">This view has expired.</p>
      <p className="text-sm text-muted-foreground">Reopen it from your course to see the latest.</p>
    </div>
  );
}
