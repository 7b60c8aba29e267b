import Link from "next/link";
import { buttonClassName } from "./button";

/**
 * The links under a list read newest first, a page at a time: back to the newest page, and on to older
 * items. Shows nothing when there is only the one page. A sorted list names its first page (`newestLabel`)
 * and may go back a page (`previous`).
 */
export function CursorPager({
  label,
  newest,
  older,
  olderLabel,
  newestLabel = "Newest",
  previous,
}: {
  label: string;
  newest?: string | null;
  older?: string | null;
  olderLabel: string;
  newestLabel?: string;
  previous?: string | null;
}) {
  if (!newest && !older && !previous) return null;
  return (
    <nav aria-label={label} className="flex justify-end gap-2 border-t border-border px-5 py-3">
      {newest && (
        <Link href={newest} className={buttonClassName("secondary", "sm")}>
          {newestLabel}
        </Link>
      )}
      {previous && (
        <Link href={previous} className={buttonClassName("secondary", "sm")}>
          Previous
        </Link>
      )}
      {older && (
        <Link href={older} className={buttonClassName("secondary", "sm")}>
          {olderLabel}
        </Link>
      )}
    </nav>
  );
}
