import { PHASE_PRODUCTION_BUILD } from "next/constants";

// Next.js calls register() once when a server of the app starts (`npm start`, `npm run dev`, the demo,
// `next start`): there tracing starts if an OTLP endpoint is set, and the built-in scheduler starts, unless an
// Inngest server is configured. `next build`
// loads this file too, to prerender pages: no scheduler there.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return;
  // Spans are exported only to a configured OTLP collector (docs/operations.md); without one nothing is loaded.
  const endpoint = (await import("@/server/env")).env().OTEL_EXPORTER_OTLP_ENDPOINT;
  if (endpoint) await (await import("@/server/observability/tracing")).startTracing({ endpoint });
  const { startBuiltInScheduler } = await import("@/server/jobs/built-in-scheduler");
  startBuiltInScheduler();
}
