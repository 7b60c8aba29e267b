import { cx } from "@/components/ui/class-names";

/** A closed disclosure with a JSON document as it was sent (a webhook's payload, an xAPI statement). */
export function JsonDetails({
  summary,
  value,
  className,
  children,
}: {
  summary: string;
  value: unknown;
  className?: string;
  children?: React.ReactNode;
}) {
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-muted-foreground hover:text-foreground">{summary}</summary>
      {children}
      <pre className={cx("overflow-auto rounded-md border border-border bg-muted/50 p-2 font-mono text-[11px] leading-snug", className)}>
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}
