import type { LucideIcon } from "lucide-react";
import { cx } from "./class-names";

type DivProps = React.HTMLAttributes<HTMLDivElement>;

export function Card({ className, ...props }: DivProps) {
  return <div className={cx("rounded-lg border border-border bg-card shadow-xs", className)} {...props} />;
}

/** The card's title and description; with `action`, that action sits at the end of the same row. */
export function CardHeader({ action, className, children, ...props }: DivProps & { action?: React.ReactNode }) {
  if (action === undefined) {
    return (
      <div className={cx("flex flex-col gap-1 p-5 pb-3", className)} {...props}>
        {children}
      </div>
    );
  }
  return (
    <div className={cx("flex flex-wrap items-center justify-between gap-2 p-5 pb-3", className)} {...props}>
      <div className="flex flex-col gap-1">{children}</div>
      {action}
    </div>
  );
}

/** The card's heading, with an icon before it in the accent colour when given one. */
export function CardTitle({ icon: Icon, className, children, ...props }: React.HTMLAttributes<HTMLHeadingElement> & { icon?: LucideIcon }) {
  return (
    <h2 className={cx("text-base font-semibold", Icon && "flex items-center gap-2", className)} {...props}>
      {Icon && <Icon className="size-4 text-accent" aria-hidden />}
      {children}
    </h2>
  );
}

export function CardDescription({ className, ...props }: React.HTMLAttributes<HTMLParagraphElement>) {
  return <p className={cx("text-sm text-muted-foreground", className)} {...props} />;
}

export function CardContent({ className, ...props }: DivProps) {
  return <div className={cx("p-5 pt-0", className)} {...props} />;
}
