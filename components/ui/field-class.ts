/** The look every form control shares (input, select, textarea); each adds its own height. */
export const fieldClassName =
  "w-full rounded-md border border-border bg-card px-3 text-sm placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-accent aria-invalid:border-danger disabled:opacity-50";
