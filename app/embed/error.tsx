"use client";

import { RotateCcw, TriangleAlert } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { EmbedFrame } from "@/components/learner/embed-shell";
import { themeOf } from "./_lib/params";

/** Something failed on our side (the database, a bug): say so plainly and offer a retry. No details leak. */
export default function EmbedError({ retry }: { error: unknown; retry: () => void }) {
  const theme = themeOf(useSearchParams().get("theme") ?? undefined);
  return (
    <EmbedFrame theme={theme}>
      <main
        role="alert"
        className="mx-auto flex min-h-dvh w-full max-w-md flex-col items-center justify-center gap-3 px-5 py-8 text-center"
      >
        <span className="inline-flex size-14 items-center justify-center rounded-2xl bg-muted text-muted-foreground">
          <TriangleAlert className="size-7" aria-hidden />
        </span>
        <h1 className="text-lg font-semibold tracking-tight">We couldn&apos;t load your progress</h1>
        <p className="text-sm text-muted-foreground">Something went wrong on our side. Please try again in a moment.</p>
        <button
          type="button"
          onClick={() => retry()}
          className="mt-1 inline-flex h-9 items-center gap-2 rounded-full bg-accent px-4 text-sm font-semibold text-accent-foreground hover:opacity-90"
        >
          <RotateCcw className="size-4" aria-hidden />
          Try again
        </button>
      </main>
    </EmbedFrame>
  );
}
