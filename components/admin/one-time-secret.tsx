import { ShieldAlert } from "lucide-react";
import { CopyButton } from "@/components/ui/copy-button";

/** A secret the server shows once (an API key, a signing secret): the warning, the value to copy, how it is used. */
export function OneTimeSecret({
  title,
  value,
  testId,
  copyLabel,
  children,
}: {
  title: React.ReactNode;
  value: string;
  testId: string;
  copyLabel: string;
  /** How the secret is used. */
  children: React.ReactNode;
}) {
  return (
    <div role="status" className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning/10 p-4">
      <p className="flex items-center gap-2 text-sm font-medium">
        <ShieldAlert className="size-4 text-warning" aria-hidden />
        {title}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 rounded-md border border-border bg-card px-3 py-2 font-mono text-sm break-all select-all"
        >
          {value}
        </code>
        <CopyButton value={value} label={copyLabel} />
      </div>
      <p className="text-xs text-muted-foreground">{children}</p>
    </div>
  );
}
