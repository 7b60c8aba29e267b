import { Clock, LinkIcon, ShieldAlert } from "lucide-react";
import type { EmbedDenial } from "@/server/api/embed-caller";

const MESSAGES: Record<"missing" | "expired" | "invalid", { icon: typeof Clock; title: string; text: string }> = {
  missing: {
    icon: LinkIcon,
    title: "Open this page from your course",
    text: "This view shows your own progress, so it needs the link your learning platform creates for you.",
  },
  expired: {
    icon: Clock,
    title: "This link has expired",
    text: "Links to your progress only last a short while. Go back to your course and open this page again.",
  },
  invalid: {
    icon: ShieldAlert,
    title: "This link isn't valid",
    text: "Go back to your course and open this page again. If it keeps happening, let your course administrator know.",
  },
};

const HINTS: Record<EmbedDenial, string> = {
  missing: "No ?token= in the URL and no embed session cookie.",
  "too-long": "The token is longer than 2 KB.",
  malformed: "The token is not a JWT (three base64url parts, HS256).",
  "bad-signature": "The signature does not match: sign with HS256 and the EMBED_SECRET shared with Gamify.",
  expired: "The token's exp is in the past.",
  "not-yet-valid": "The token's nbf is in the future: check the LMS server's clock.",
  "too-far-ahead": "The token's exp is more than one hour ahead: sign tokens for at most an hour.",
  "bad-claims": "The token needs sub (the learner's user id, 1-128 characters) and exp; courseId, if given, must be a string.",
  "session-ended": "The embed session (its cookie, or the link between views) has expired (sessions last an hour).",
  "bad-view-link": "The ?view= link between views is damaged or was made with another EMBED_SECRET.",
};

/** The page a learner sees when the embed cannot tell who they are: what to do, and no data at all. */
export function EmbedDenied({ reason }: { reason: EmbedDenial }) {
  const kind = reason === "missing" ? "missing" : reason === "expired" || reason === "session-ended" ? "expired" : "invalid";
  const { icon: Icon, title, text } = MESSAGES[kind];
  return (
    <main
      className="mx-auto flex min-h-dvh w-full max-w-md flex-col items-center justify-center gap-3 px-5 py-8 text-center"
      data-embed-error={reason}
    >
      <span className="inline-flex size-14 items-center justify-center rounded-2xl bg-muted text-muted-foreground">
        <Icon className="size-7" aria-hidden />
      </span>
      <h1 className="text-lg font-semibold tracking-tight">{title}</h1>
      <p className="text-sm text-muted-foreground">{text}</p>
      <details className="mt-2 w-full text-left text-xs text-muted-foreground">
        <summary className="cursor-pointer text-center">For LMS administrators</summary>
        <p className="mt-2 rounded-lg bg-muted px-3 py-2">
          <code className="font-mono">{reason}</code>: {HINTS[reason]} See docs/embedding.md.
        </p>
      </details>
    </main>
  );
}
