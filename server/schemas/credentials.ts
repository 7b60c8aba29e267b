import { z } from "zod";
import { achievementKeySchema } from "./achievements";
import { userRefInput } from "./learners";
import { freeText, lineText } from "./text";

export const credentialRefInput = userRefInput.extend({ key: achievementKeySchema });

/** A signed OpenBadgeCredential (Open Badges 3.0), exactly as issued: docs/open-badges.md. */
export const openBadgeCredentialSchema = z
  .object({ "@context": z.array(z.unknown()), id: z.string(), type: z.array(z.string()), proof: z.unknown() })
  .catchall(z.unknown());

export const issuerSettingsInput = z.object({
  name: freeText().pipe(z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters")),
  url: lineText().pipe(
    z
      .string()
      .url("must be a URL (https://...)")
      .max(500)
      .regex(/^https?:\/\//, "must start with http:// or https://"),
  ),
  email: lineText().pipe(z.string().email("must be an e-mail address").max(320)).nullable(),
  imageUrl: lineText()
    .pipe(
      z
        .string()
        .url("must be a URL (https://...)")
        .max(500)
        .regex(/^https?:\/\//, "must start with http:// or https://"),
    )
    .nullable(),
  hashRecipient: z.boolean(),
});

export const credentialIdInput = z.object({ id: z.string().uuid("must be a credential id") });

export const revokeCredentialInput = credentialIdInput.extend({
  reason: freeText().pipe(z.string().trim().min(1, "give a reason").max(500, "must be at most 500 characters")),
});

/** A pasted or uploaded credential on the public verification page: at most 256 KB of JSON. */
export const pastedCredentialInput = z.object({
  json: z.string().min(1, "paste a credential").max(262_144, "is too large (256 KB at most)"),
});
