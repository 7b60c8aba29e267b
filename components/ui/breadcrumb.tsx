import { ChevronRight } from "lucide-react";
import Link from "next/link";

/** The way back from a detail page: its list, then where we are. */
export function Breadcrumb({ parent, current }: { parent: { href: string; label: string }; current: React.ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="-mb-3 flex items-center gap-1 text-sm text-muted-foreground">
      <Link href={parent.href} className="hover:text-foreground hover:underline">
        {parent.label}
      </Link>
      <ChevronRight className="size-3.5" aria-hidden />
      <span className="text-foreground">{current}</span>
    </nav>
  );
}
