import { z } from "zod";

// Every setting the app reads, validated once. A bad value stops start-up with one sentence (see ConfigError).
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
      message: "DATABASE_URL must look like postgresql://user:password@host:5432/database",
    })
    .refine(
      (v) => {
        if (v === undefined) return true;
        try {
          new URL(v);
          return true;
        } catch {
          return false;
        }
      },
      { message: "DATABASE_URL is not a valid URL" },
    ),
  PGLITE_DIR: z.string().default(".data/pglite"),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  EMBED_SECRET: z.string().min(16, "EMBED_SECRET must be at least 16 characters").optional(),
  EMBED_ALLOWED_ORIGINS: z.string().default(""),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
  /** Days raw xAPI statements are kept before the daily xapi-retention job purges them (docs/privacy.md). */
  XAPI_RETENTION_DAYS: z.coerce.number().int().min(1, "XAPI_RETENTION_DAYS must be a whole number of 1 or more").default(180),
  /** Optional Redis (redis://host:6379): the per-key rate limit is counted there instead of in PostgreSQL. */
  REDIS_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^rediss?:\/\/\S+$/.test(v), { message: "REDIS_URL must look like redis://host:6379" }),
  /** Workers of the production server (`npm start`); default: one per core. PGlite always runs one. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1, "WEB_CONCURRENCY must be a whole number of 1 or more").optional(),
  /** The server log's level (JSON lines on stdout): "silent" turns it off. */
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  INNGEST_DEV: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  /**
   * Tests only: the instant the built-in scheduler's clock shows when it starts (ISO 8601), running at real speed
   * from there. Only the scheduler reads it (and the jobs it runs get its clock); requests keep the real one.
   */
  GAMIFY_SCHEDULER_CLOCK_START: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), {
      message: "GAMIFY_SCHEDULER_CLOCK_START must be an ISO 8601 instant",
    }),
  /**
   * "1" behind one reverse proxy that appends the client's address to x-forwarded-for: sign-ins are then counted
   * against that address. Otherwise the socket's address, and a client-sent x-forwarded-for is dropped.
   */
  TRUST_PROXY: z
    .enum(["1", "0", "true", "false", ""], { message: "TRUST_PROXY must be 1 or 0" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
  /** The bearer token GET /api/metrics asks for (Prometheus); unset: the endpoint is off (404). docs/operations.md. */
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 16, { message: "METRICS_TOKEN must be at least 16 characters" }),
  /** An OTLP/HTTP collector (http://collector:4318): spans are exported there; unset, tracing costs nothing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), {
      message: "OTEL_EXPORTER_OTLP_ENDPOINT must look like http://host:4318",
    }),
  /** Encrypts the Open Badges signing keys (AES-256-GCM, key derived by HKDF); unset: NEXTAUTH_SECRET. docs/open-badges.md. */
  CREDENTIAL_SECRET: z.string().min(16, "CREDENTIAL_SECRET must be at least 16 characters").optional(),
  /** The public address credentials name their issuer, status list and verification page with; unset: NEXTAUTH_URL. */
  CREDENTIAL_BASE_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v.replace(/\/+$/, "") : undefined))
    .refine((v) => v === undefined || /^https?:\/\/[^\s/]+(\/\S*)?$/.test(v), {
      message: "CREDENTIAL_BASE_URL must look like https://host",
    }),
  /** Allow webhook endpoints on private or loopback addresses (tests, a receiver on the same network). */
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(["true", "false", ""], { message: "WEBHOOK_ALLOW_PRIVATE must be true or false" })
    .optional()
    .transform((v) => v === "true"),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

// Development-only secrets so `npm run dev` works on a fresh clone; production must set its own.
const DEV_SECRET = "dev-only-secret-change-me-in-production";

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${issue.path.join(".")}: ${issue.message}.`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production") {
    if (!env.NEXTAUTH_SECRET) throw new ConfigError("Configuration error: NEXTAUTH_SECRET must be set in production.");
    if (!env.EMBED_SECRET) throw new ConfigError("Configuration error: EMBED_SECRET must be set in production.");
  }
  return { ...env, NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? DEV_SECRET, EMBED_SECRET: env.EMBED_SECRET ?? DEV_SECRET };
}

let cached: Env | undefined;
export function env(): Env {
  return (cached ??= readEnv());
}
