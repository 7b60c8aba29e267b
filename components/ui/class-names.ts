/** Joins class names, skipping falsy ones (a tiny stand-in for clsx, which is not a dependency). */
export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
