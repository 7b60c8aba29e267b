import crypto from "node:crypto";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { createAdmin } from "@/server/services/admins";
import { checkIssuedCredential, checkPastedCredential } from "@/server/services/credentials/check";
import { createDocumentLoader } from "@/server/services/credentials/document-loader";
import { issuerDocument, saveIssuerSettings } from "@/server/services/credentials/issuer";
import { rotateKey } from "@/server/services/credentials/keys";
import { revokeCredential } from "@/server/services/credentials/revoke";
import { statusListCredential } from "@/server/services/credentials/status-list";
import { eraseLearner } from "@/server/services/privacy/erase";
import schema from "@/test/fixtures/open-badges/achievementcredential-3.0.3.schema.json";
import { courseDone, lesson, recordAll } from "@/test/engine-fixtures";
import { usingPostgres } from "@/test/database";
import { setUpRestServer } from "@/test/http-server";
import { countRows } from "@/test/table-counts";

const { db, call } = await setUpRestServer("open-badges");
const prisma = db.prisma;
const admin = { adminId: null, actor: "test" };

const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

type Credential = Record<string, unknown> & { credentialSubject: Record<string, unknown>; proof: Record<string, unknown>; id: string };

/**
 * The outside verifier: Digital Bazaar's verify with a loader that knows only the shipped contexts, the issuer
 * document as the public endpoint serves it (JSON round trip) and the status list; nothing of our verify path.
 */
async function verifyIndependently(credential: unknown) {
  const issuer = JSON.parse(JSON.stringify(await issuerDocument(prisma))) as { id: string; verificationMethod: { id: string }[] };
  const list = JSON.parse(JSON.stringify(await statusListCredential(prisma))) as { id: string };
  const loader = createDocumentLoader(async (url) => {
    if (url === issuer.id) return issuer;
    if (url === list.id) return list;
    const key = issuer.verificationMethod.find((k) => k.id === url);
    return key ? { "@context": "https://w3id.org/security/multikey/v1", ...key } : null;
  });
  let revoked = false;
  const result = await vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: loader,
    checkStatus: async (options: Record<string, unknown>) => {
      const status = (await checkStatus(options)) as { verified: boolean; results?: { status: boolean }[] };
      revoked = (status.results ?? []).some((r) => r.status);
      return status;
    },
  });
  return { verified: result.verified, revoked };
}

async function earnSome(userId: string) {
  await recordAll(prisma, [
    ...Array.from({ length: 10 }, (_, i) =>
      lesson(userId, `l-${i}`, `2026-11-${String(10 + i).padStart(2, "0")}T10:00:00Z`, { courseId: "c-1" }),
    ),
    courseDone(userId, "c-1", "2026-11-20T12:00:00Z", { score: 100 }),
  ]);
  const { body } = await call("GET", `/users/${userId}/achievements`);
  return (body.earned as { key: string; name: string }[]).map((a) => a.key);
}

const getCredential = async (userId: string, key: string) => {
  const res = await call("GET", `/users/${encodeURIComponent(userId)}/achievements/${key}/credential`);
  return { status: res.status, credential: res.body as Credential };
};

describe("Open Badges credentials", () => {
  it("issues, for every earned achievement, a credential that passes the OB 3.0 schema and the independent verifier", async () => {
    const keys = await earnSome("ob-1");
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const key of keys) {
      const { status, credential } = await getCredential("ob-1", key);
      expect(status).toBe(200);
      expect(validateSchema(credential), JSON.stringify(validateSchema.errors)).toBe(true);
      expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
      expect(credential["@context"]).toEqual([
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      ]);
      expect(credential.proof).toMatchObject({
        type: "DataIntegrityProof",
        cryptosuite: "eddsa-rdfc-2022",
        proofPurpose: "assertionMethod",
      });
      await expect(verifyIndependently(credential)).resolves.toEqual({ verified: true, revoked: false });
    }
  });

  it("asks again: the same credential, not a new one", async () => {
    const first = await getCredential("ob-1", "lessons-10");
    const second = await getCredential("ob-1", "lessons-10");
    expect(second.credential).toEqual(first.credential);
  });

  it("names the learner by a salted hash of their user id, never the id itself, unless the organisation chooses", async () => {
    const { credential } = await getCredential("ob-1", "courses-1");
    expect(JSON.stringify(credential)).not.toContain("ob-1");
    const [identity] = credential.credentialSubject.identifier as { identityHash: string; salt: string; hashed: boolean }[];
    expect(identity!.hashed).toBe(true);
    expect(identity!.identityHash).toBe(`sha256$${crypto.createHash("sha256").update(`ob-1${identity!.salt}`).digest("hex")}`);

    await saveIssuerSettings(prisma, {
      name: "Acme Academy",
      url: "https://acme.example",
      email: "badges@acme.example",
      imageUrl: null,
      hashRecipient: false,
    });
    await earnSome("ob-plain");
    const plain = await getCredential("ob-plain", "courses-1");
    expect(plain.credential.credentialSubject.identifier).toEqual([
      { type: "IdentityObject", hashed: false, identityHash: "ob-plain", identityType: "identifier" },
    ]);
    expect(plain.credential.issuer).toMatchObject({
      type: ["Profile"],
      name: "Acme Academy",
      url: "https://acme.example",
      email: "badges@acme.example",
    });
    expect(validateSchema(plain.credential), JSON.stringify(validateSchema.errors)).toBe(true);
    await saveIssuerSettings(prisma, {
      name: "Acme Academy",
      url: "https://acme.example",
      email: null,
      imageUrl: null,
      hashRecipient: true,
    });
  });

  it("fails verification when one byte of the credential changes", async () => {
    const { credential } = await getCredential("ob-1", "lessons-10");
    const text = JSON.stringify(credential);
    const at = text.indexOf("2026-11-");
    const tampered = JSON.parse(`${text.slice(0, at)}2025${text.slice(at + 4)}`);
    await expect(verifyIndependently(tampered)).resolves.toMatchObject({ verified: false });
    await expect(checkPastedCredential(prisma, JSON.stringify(tampered))).resolves.toMatchObject({ status: "invalid" });
    await expect(checkPastedCredential(prisma, text)).resolves.toMatchObject({ status: "valid", summary: { achievement: "Ten Lessons" } });
  });

  it("shows a revoked credential as revoked, on the page and to the outside verifier (status list)", async () => {
    const { credential } = await getCredential("ob-1", "perfect-course");
    const id = credential.id.split("/").pop()!;
    await expect(checkIssuedCredential(prisma, id)).resolves.toMatchObject({ status: "valid" });
    await revokeCredential(prisma, id, "Issued by mistake", admin);
    await expect(checkIssuedCredential(prisma, id)).resolves.toMatchObject({ status: "revoked", revokedReason: "Issued by mistake" });
    await expect(verifyIndependently(credential)).resolves.toEqual({ verified: true, revoked: true });
    await expect(checkPastedCredential(prisma, JSON.stringify(credential))).resolves.toMatchObject({ status: "revoked" });
    const audit = await prisma.auditLog.findFirst({ where: { action: "credential.revoke" } });
    expect(audit).toMatchObject({ target: `credential:${id}`, details: { reason: "Issued by mistake" } });
  });

  it("keeps old credentials verifiable after the key is rotated, and signs new ones with the new key", async () => {
    const old = await getCredential("ob-1", "lessons-10");
    const key = await rotateKey(prisma);
    await expect(verifyIndependently(old.credential)).resolves.toEqual({ verified: true, revoked: false });
    await earnSome("ob-2");
    const fresh = await getCredential("ob-2", "lessons-10");
    expect(fresh.credential.proof.verificationMethod).toMatch(new RegExp(`#key-${key.id}$`));
    expect(old.credential.proof.verificationMethod).not.toBe(fresh.credential.proof.verificationMethod);
    await expect(verifyIndependently(fresh.credential)).resolves.toEqual({ verified: true, revoked: false });
    const stored = await prisma.credentialKey.findMany();
    for (const row of stored) expect(row.secretKeyEncrypted).not.toMatch(/^z/);
  });

  it("revokes an erased learner's credentials and keeps nothing that names them", async () => {
    await earnSome("ob-erased");
    const { credential } = await getCredential("ob-erased", "courses-1");
    const id = credential.id.split("/").pop()!;
    await eraseLearner(prisma, "ob-erased", admin);
    const row = await prisma.issuedCredential.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ learnerId: null, document: null });
    await expect(checkIssuedCredential(prisma, id)).resolves.toMatchObject({ status: "revoked", summary: null });
    await expect(verifyIndependently(credential)).resolves.toEqual({ verified: true, revoked: true });
  });

  it("answers 404 for an achievement not earned or a learner unknown, and stores nothing", async () => {
    const before = await countRows(db);
    expect((await getCredential("ob-1", "streak-100")).status).toBe(404);
    expect((await getCredential("nobody-here", "lessons-10")).status).toBe(404);
    expect(await countRows(db)).toEqual(before);
  });

  it("answers 400 naming the field for a malformed key, and stores nothing", async () => {
    const before = await countRows(db);
    const res = await call("GET", "/users/ob-1/achievements/NOT%20A%20KEY/credential");
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toEqual(["key"]);
    expect(await countRows(db)).toEqual(before);
  });
});

describe("the dashboard's Open Badges procedures", () => {
  const kind = usingPostgres ? "postgres" : "pglite";
  const anonymous = createCaller(createInnerContext({ db: prisma, databaseKind: kind }));
  const dashboard = async () => {
    const { id } = await createAdmin(prisma, { email: `ob-${crypto.randomUUID()}@example.test`, password: "long-enough" });
    return createCaller(
      createInnerContext({
        db: prisma,
        databaseKind: kind,
        session: { adminId: id, expires: new Date(Date.now() + 3_600_000).toISOString() },
      }),
    );
  };

  it("refuses them without a signed-in admin", async () => {
    await expect(anonymous.admin.credentials.issuer()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.admin.credentials.rotateKey()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("saves the issuer profile (audited) and publishes it; a bad URL is refused at its field and nothing changes", async () => {
    const admin = await dashboard();
    await admin.admin.credentials.saveIssuer({
      name: "Open Academy",
      url: "https://open.example",
      email: null,
      imageUrl: "https://open.example/logo.png",
      hashRecipient: true,
    });
    const doc = await issuerDocument(prisma);
    expect(doc).toMatchObject({
      name: "Open Academy",
      url: "https://open.example",
      image: { id: "https://open.example/logo.png", type: "Image" },
    });
    expect(doc.assertionMethod).toEqual(doc.verificationMethod.map((k) => k.id));
    expect(await prisma.auditLog.count({ where: { action: "credential.issuer" } })).toBe(1);

    const before = await countRows(db);
    const refused = admin.admin.credentials.saveIssuer({
      name: "Evil",
      url: "javascript:alert(1)",
      email: null,
      imageUrl: null,
      hashRecipient: true,
    });
    const error = (await refused.catch((e: unknown) => e)) as { code: string; cause?: { issues?: { path: string[] }[] } };
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause?.issues?.map((i) => i.path)).toEqual([["url"]]);
    expect(await countRows(db)).toEqual(before);
    expect((await issuerDocument(prisma)).name).toBe("Open Academy");
  });

  it("revokes only with a reason, and lists the learner's credentials with their state", async () => {
    const admin = await dashboard();
    const { credential } = await getCredential("ob-2", "courses-1");
    const id = credential.id.split("/").pop()!;
    await expect(admin.admin.credentials.revoke({ id, reason: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(checkIssuedCredential(prisma, id)).resolves.toMatchObject({ status: "valid" });
    await admin.admin.credentials.revoke({ id, reason: "Duplicate account" });
    const listed = await admin.admin.credentials.ofLearner({ userId: "ob-2" });
    expect(listed.find((c) => c.id === id)).toMatchObject({ achievementKey: "courses-1", revokedReason: "Duplicate account" });
    expect(listed.find((c) => c.achievementKey === "lessons-10")).toMatchObject({ revokedAt: null });
  });
});
