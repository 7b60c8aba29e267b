import { cx } from "./class-names";

export function Select({ className, ...props }: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      className={cx(
        "h-10 w-full rounded-md border border-border bg-card px-3 text-sm",
        "focus-visible:outline-2 focus-visible:outline-accent aria-invalid:border-danger disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
