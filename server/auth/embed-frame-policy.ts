// Who may frame the learner embeds: our own origin and the LMS origins in EMBED_ALLOWED_ORIGINS, no one else.
// Read at request time (by proxy.ts), not at build time, so an operator can change the list without a rebuild.

// An origin as CSP source expressions accept it: scheme, host (optionally a leading *. wildcard label), port.
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

/** The allowed LMS origins from the setting (space- or comma-separated); anything else is reported. */
export function parseAllowedOrigins(setting: string): { origins: string[]; rejected: string[] } {
  const origins: string[] = [];
  const rejected: string[] = [];
  for (const raw of setting.split(/[\s,]+/).filter(Boolean)) {
    const origin = raw.replace(/\/+$/, "");
    if (ORIGIN.test(origin)) {
      if (!origins.includes(origin.toLowerCase())) origins.push(origin.toLowerCase());
    } else {
      rejected.push(raw);
    }
  }
  return { origins, rejected };
}

/** The Content-Security-Policy value for embed pages. */
export function embedFrameAncestors(setting: string): string {
  return ["frame-ancestors", "'self'", ...parseAllowedOrigins(setting).origins].join(" ");
}
