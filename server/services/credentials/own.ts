import type { PrismaClient } from "@prisma/client";
import { credentialForAchievement } from "./issue";
import { credentialUrl } from "./urls";

/** The embed's "Download credential" and "Share": the viewer's own credential and its public verification URL. */
export async function ownCredential(db: PrismaClient, viewer: { userId: string }, key: string) {
  const { id, credential } = await credentialForAchievement(db, viewer.userId, key);
  return { id, verifyUrl: credentialUrl(id), json: JSON.stringify(credential, null, 2) };
}
