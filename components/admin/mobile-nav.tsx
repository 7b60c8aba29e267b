"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";

/**
 * The sidebar below the md breakpoint: a bar with the brand and a Menu button that opens the same navigation
 * (children) under it. Following a link or pressing Escape closes it, so a narrow screen never scrolls sideways.
 */
export function MobileNav({ brand, children }: { brand: React.ReactNode; children: React.ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const [openedAt, setOpenedAt] = useState(pathname);
  if (openedAt !== pathname) {
    // A new page: the menu that led there has done its job.
    setOpenedAt(pathname);
    setOpen(false);
  }

  return (
    <header className="sticky top-0 z-20 border-b border-border bg-card md:hidden">
      <div className="flex items-center justify-between gap-3 px-4 py-2">
        {brand}
        <button
          ref={button}
          type="button"
          aria-expanded={open}
          aria-controls="mobile-menu"
          onClick={() => setOpen((o) => !o)}
          className="flex h-9 items-center gap-1.5 rounded-md px-3 text-sm font-medium hover:bg-muted focus-visible:outline-2 focus-visible:outline-accent"
        >
          {open ? <X className="size-4" aria-hidden /> : <Menu className="size-4" aria-hidden />}
          Menu
        </button>
      </div>
      {open && (
        <div
          id="mobile-menu"
          className="flex max-h-[calc(100dvh-3.5rem)] flex-col gap-4 overflow-y-auto border-t border-border px-4 py-3"
          onKeyDown={(e) => {
            if (e.key !== "Escape") return;
            setOpen(false);
            button.current?.focus();
          }}
        >
          {children}
        </div>
      )}
    </header>
  );
}
