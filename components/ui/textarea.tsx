import { cx } from "./class-names";

export function Textarea({ className, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <textarea
      className={cx(
        "min-h-20 w-full rounded-md border border-border bg-card px-3 py-2 text-sm",
        "placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-accent",
        "aria-invalid:border-danger disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
