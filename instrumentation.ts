import { PHASE_PRODUCTION_BUILD } from "next/constants";

// Next.js calls register() once when a server of the app starts (`npm start`, `npm run dev`, the demo,
// `next start`): there the built-in scheduler starts, unless an Inngest server is configured. `next build`
// loads this file too, to prerender pages: no scheduler there.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return;
  const { startBuiltInScheduler } = await import("@/server/jobs/built-in-scheduler");
  startBuiltInScheduler();
}
