"use client";

import { useMutation } from "@tanstack/react-query";
import { Download, Share2 } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";

// Under each earned badge: the badge as a signed Open Badges 3.0 credential file, and its public verification
// URL to share (docs/open-badges.md). The credential is issued the first time either is asked for.
export function CredentialActions({ achievementKey, name }: { achievementKey: string; name: string }) {
  const trpc = useTRPC();
  const credential = useMutation(trpc.embed.credential.mutationOptions());
  const [shared, setShared] = useState<string | null>(null);

  async function download() {
    const { json, id } = await credential.mutateAsync({ key: achievementKey });
    const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${achievementKey}-credential-${id.slice(0, 8)}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  async function share() {
    const { verifyUrl } = await credential.mutateAsync({ key: achievementKey });
    setShared(verifyUrl);
    await navigator.clipboard?.writeText(verifyUrl).catch(() => undefined);
  }

  const button =
    "inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-[0.7rem] font-medium text-muted-foreground hover:bg-muted hover:text-foreground disabled:opacity-50";
  return (
    <div className="flex flex-col items-center gap-1">
      <div className="flex gap-1">
        <button
          type="button"
          className={button}
          disabled={credential.isPending}
          onClick={() => void download()}
          aria-label={`Download credential: ${name}`}
        >
          <Download className="size-3" aria-hidden />
          Download credential
        </button>
        <button type="button" className={button} disabled={credential.isPending} onClick={() => void share()} aria-label={`Share: ${name}`}>
          <Share2 className="size-3" aria-hidden />
          Share
        </button>
      </div>
      {shared && (
        <a
          href={shared}
          target="_blank"
          rel="noreferrer"
          className="max-w-full truncate text-[0.7rem] text-accent underline"
          title="Link copied: anyone can verify it"
        >
          Verification link (copied)
        </a>
      )}
      {credential.isError && <span className="text-[0.7rem] text-danger">Could not prepare the credential. Please retry.</span>}
    </div>
  );
}
