import Link from "next/link";
import { cx } from "./class-names";

/** A row of links that acts as a filter (each option is a URL, so it works without JavaScript). */
export function SegmentedLinks({ label, options }: { label: string; options: { href: string; label: string; active: boolean }[] }) {
  return (
    <nav aria-label={label} className="inline-flex max-w-full flex-wrap self-start rounded-lg border border-border bg-muted p-0.5">
      {options.map((o) => (
        <Link
          key={o.href}
          href={o.href}
          aria-current={o.active ? "page" : undefined}
          className={cx(
            "rounded-md px-3 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-accent",
            o.active ? "bg-card text-foreground shadow-xs" : "text-muted-foreground hover:text-foreground",
          )}
        >
          {o.label}
        </Link>
      ))}
    </nav>
  );
}

/** The options of a filter by one value: everything first, then one a value, each a URL made by `href`. */
export function filterOptions<V extends string>(
  allLabel: string,
  values: readonly V[],
  labels: Record<V, string>,
  current: V | undefined,
  href: (value: V | undefined) => string,
): { href: string; label: string; active: boolean }[] {
  return [
    { href: href(undefined), label: allLabel, active: !current },
    ...values.map((v) => ({ href: href(v), label: labels[v], active: current === v })),
  ];
}
