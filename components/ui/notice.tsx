import { Info } from "lucide-react";
import { cx } from "./class-names";

/** A calm, inline note that explains how something behaves (not an error). */
export function Notice({ className, children, icon }: { className?: string; children: React.ReactNode; icon?: React.ReactNode }) {
  return (
    <div
      className={cx(
        "flex items-start gap-3 rounded-lg border border-accent/20 bg-accent-soft px-4 py-3 text-sm text-foreground",
        className,
      )}
    >
      <span className="mt-0.5 text-accent [&_svg]:size-4">{icon ?? <Info aria-hidden />}</span>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
