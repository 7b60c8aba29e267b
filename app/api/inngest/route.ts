import { serve } from "inngest/next";
import { inngest, inngestConfigured } from "@/server/jobs/client";
import { functions } from "@/server/jobs/functions";

export const dynamic = "force-dynamic";

const served = serve({ client: inngest, functions });

// Outside dev mode the SDK answers only requests signed with INNGEST_SIGNING_KEY; without one it answers
// everyone 500. Say instead that this server has no Inngest, and how its jobs run.
const notConfigured = () =>
  Response.json(
    {
      error: {
        code: "UNAVAILABLE",
        message:
          "Inngest is not configured on this server: jobs run when an admin presses Run now in the dashboard, or with `gamify jobs:run`, and on their schedules by the app's built-in scheduler. Set INNGEST_SIGNING_KEY (or INNGEST_DEV=1 for the Inngest dev server) to serve them here.",
      },
    },
    { status: 503 },
  );

function whenConfigured<Handler extends (...args: never[]) => unknown>(handler: Handler): Handler {
  return ((...args: Parameters<Handler>) => (inngestConfigured() ? handler(...args) : notConfigured())) as Handler;
}

export const GET = whenConfigured(served.GET);
export const POST = whenConfigured(served.POST);
export const PUT = whenConfigured(served.PUT);
