import crypto from "node:crypto";
import { Prisma, type PrismaClient } from "@prisma/client";
import { AppError } from "@/server/errors";
import { declarationOf } from "@/server/lib/achievement-kinds";
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from "./document-loader";
import { getIssuerSettings, profileOf, type IssuerSettings } from "./issuer";
import { statusEntryOf } from "./status-list";
import { signCredential } from "./suite";
import { achievementImageUrl, achievementUrl, credentialUrl } from "./urls";

// One OpenBadgeCredential per earned achievement, signed once when first asked for and kept, so its id, status
// index and proof never change (a learner's downloaded copy stays the same as the verification page's).

export const OB_SCHEMA_URL = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

interface EarnedRow {
  learnerId: number;
  userId: string;
  earnedAt: Date;
  achievement: {
    id: number;
    key: string;
    name: string;
    description: string;
    iconUrl: string;
    kind: string;
    threshold: number;
    withinHours: number | null;
    period: string | null;
  };
}

/** The learner as the credential names them: a salted SHA-256 of the LMS user id, or the id itself if the organisation chose so. */
export function identityOf(userId: string, settings: Pick<IssuerSettings, "hashRecipient">) {
  if (!settings.hashRecipient) return { type: "IdentityObject", hashed: false, identityHash: userId, identityType: "identifier" };
  const salt = crypto.randomBytes(16).toString("hex");
  const hash = crypto.createHash("sha256").update(`${userId}${salt}`, "utf8").digest("hex");
  return { type: "IdentityObject", hashed: true, identityHash: `sha256$${hash}`, identityType: "identifier", salt };
}

function criteriaOf(a: EarnedRow["achievement"]): string {
  const sentence = declarationOf(a.kind)?.describe({
    kind: a.kind,
    threshold: a.threshold,
    withinHours: a.withinHours ?? undefined,
    period: a.period ?? undefined,
  });
  return sentence ? `${sentence}.` : a.description || a.name;
}

export function unsignedCredential(id: string, statusIndex: number, earned: EarnedRow, settings: IssuerSettings, issuedAt: Date) {
  const a = earned.achievement;
  return {
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: credentialUrl(id),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: a.name,
    ...(a.description ? { description: a.description } : {}),
    issuer: profileOf(settings),
    validFrom: issuedAt.toISOString(),
    awardedDate: earned.earnedAt.toISOString(),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [identityOf(earned.userId, settings)],
      achievement: {
        id: achievementUrl(a.key),
        type: ["Achievement"],
        name: a.name,
        description: a.description || a.name,
        criteria: { narrative: criteriaOf(a) },
        image: { id: achievementImageUrl(a.key, a.iconUrl), type: "Image" },
      },
    },
    // "JsonSchema" (VC JSON Schema, defined by the VC 2.0 context): 1EdTech's "1EdTechJsonSchemaValidator2019"
    // has no term in any context, so a Data Integrity proof over it fails JSON-LD safe mode.
    credentialSchema: [{ id: OB_SCHEMA_URL, type: "JsonSchema" }],
    credentialStatus: statusEntryOf(statusIndex),
  };
}

export interface IssuedCredentialView {
  id: string;
  credential: Record<string, unknown>;
}

/** The signed credential for `userId`'s achievement `key`, issued on first request; 404 when not earned. */
export async function credentialForAchievement(
  db: PrismaClient,
  userId: string,
  key: string,
  now = new Date(),
): Promise<IssuedCredentialView> {
  const earned = await db.learnerAchievement.findFirst({
    where: { learner: { userId }, achievement: { key } },
    select: { learnerId: true, earnedAt: true, learner: { select: { userId: true } }, achievement: true },
  });
  if (!earned) throw new AppError("NOT_FOUND", `Learner ${userId} has not earned achievement ${key}.`);
  const existing = await db.issuedCredential.findUnique({
    where: { learnerId_achievementId: { learnerId: earned.learnerId, achievementId: earned.achievement.id } },
  });
  if (existing?.document) return { id: existing.id, credential: existing.document as Record<string, unknown> };

  const settings = await getIssuerSettings(db);
  const id = crypto.randomUUID();
  // The row first (it allocates the status index), then the proof over a credential that names that index.
  const row = await db.issuedCredential.upsert({
    where: { learnerId_achievementId: { learnerId: earned.learnerId, achievementId: earned.achievement.id } },
    create: { id, learnerId: earned.learnerId, achievementId: earned.achievement.id, issuedAt: now },
    update: {},
  });
  const row2 = { learnerId: earned.learnerId, userId: earned.learner.userId, earnedAt: earned.earnedAt, achievement: earned.achievement };
  const signed = await signCredential(db, unsignedCredential(row.id, row.statusIndex, row2, settings, row.issuedAt));
  // Two first requests racing: the first proof stored wins, and both answer it.
  await db.issuedCredential.updateMany({
    where: { id: row.id, document: { equals: Prisma.DbNull } },
    data: { document: signed as Prisma.InputJsonObject },
  });
  const stored = await db.issuedCredential.findUniqueOrThrow({ where: { id: row.id } });
  return { id: row.id, credential: (stored.document ?? signed) as Record<string, unknown> };
}
