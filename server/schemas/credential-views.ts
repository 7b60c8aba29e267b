import { z } from "zod";

// What the verification page and the dashboard receive about credentials.

export const credentialSummarySchema = z.object({
  achievement: z.string(),
  criteria: z.string().nullable(),
  description: z.string().nullable(),
  imageUrl: z.string().nullable(),
  issuerName: z.string(),
  issuerUrl: z.string().nullable(),
  recipient: z.string(),
  awardedAt: z.string().nullable(),
  validFrom: z.string().nullable(),
});

export const credentialCheckSchema = z.object({
  status: z.enum(["valid", "revoked", "invalid"]),
  problem: z.string().nullable(),
  summary: credentialSummarySchema.nullable(),
  revokedReason: z.string().nullable(),
  json: z.string().nullable(),
});
export type CredentialCheckView = z.infer<typeof credentialCheckSchema>;

export const issuerSettingsSchema = z.object({
  name: z.string(),
  url: z.string(),
  email: z.string().nullable(),
  imageUrl: z.string().nullable(),
  hashRecipient: z.boolean(),
});

export const issuerKeySchema = z.object({
  id: z.number().int(),
  publicKeyMultibase: z.string(),
  createdAt: z.date(),
  retiredAt: z.date().nullable(),
});

export const issuerOverviewSchema = z.object({ settings: issuerSettingsSchema, keys: z.array(issuerKeySchema), issuerUrl: z.string() });

export const learnerCredentialSchema = z.object({
  id: z.string(),
  achievementKey: z.string(),
  achievementName: z.string(),
  issuedAt: z.date(),
  revokedAt: z.date().nullable(),
  revokedReason: z.string().nullable(),
});

export const embedCredentialSchema = z.object({ id: z.string(), verifyUrl: z.string(), json: z.string() });
