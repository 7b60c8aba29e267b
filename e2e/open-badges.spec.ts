import { embedPath, expect, lmsApi, test, unique } from "./fixtures";

// Open Badges 3.0 (docs/open-badges.md): the LMS fetches a learner's credential, anyone opens its id (the
// public verification page), and a tampered or revoked credential is shown as such.

const daysAgo = (days: number) => new Date(Date.now() - 5_000 - days * 86_400_000).toISOString();

async function learnerWithTenLessons(api: ReturnType<typeof lmsApi>) {
  const userId = `ob-${unique()}`;
  for (let i = 0; i < 10; i++) {
    await api.send({
      id: `${userId}-l${i}`,
      type: "lesson.completed",
      userId,
      courseId: `c-${userId}`,
      lessonId: `l${i}`,
      occurredAt: daysAgo(10 - i),
    });
  }
  const { status, body } = await api.get(`/users/${userId}/achievements/lessons-10/credential`);
  expect(status).toBe(200);
  return { userId, credential: body as { id: string; proof: object } };
}

test.describe("Open Badges credentials", () => {
  test("the verification page shows a valid credential, then a tampered copy as not valid", async ({ page, request }) => {
    const { credential } = await learnerWithTenLessons(lmsApi(request));
    await page.goto(credential.id);
    const result = page.getByRole("region", { name: "Verification result" }).first();
    await expect(result.getByRole("status")).toContainText("Valid credential");
    await expect(result).toContainText("earned Ten Lessons");
    await expect(result).toContainText("issued by Gamify");

    const tampered = JSON.stringify(credential).replace("Ten Lessons", "Ten Lessonz");
    await page.getByLabel("Credential JSON").fill(tampered);
    await page.getByRole("button", { name: "Check credential" }).click();
    const pasted = page.getByRole("region", { name: "Verification result" }).nth(1);
    await expect(pasted.getByRole("status")).toContainText("Not a valid credential");
    await expect(pasted).toContainText("changed after it was issued");
  });

  test("an admin revokes a credential with a reason; the page and a downloaded copy then show it revoked", async ({
    signedInPage: page,
    request,
  }) => {
    const { userId, credential } = await learnerWithTenLessons(lmsApi(request));
    await page.goto(`/admin/learners/${userId}`);
    await page.getByRole("button", { name: "Revoke" }).click();
    const dialog = page.getByRole("dialog", { name: /^Revoke/ });
    await dialog.getByLabel("Reason").fill("Awarded by mistake");
    await dialog.getByRole("button", { name: "Revoke credential" }).click();
    await expect(page.getByText(/^revoked /)).toBeVisible();

    await page.goto(credential.id);
    const result = page.getByRole("region", { name: "Verification result" }).first();
    await expect(result.getByRole("status")).toContainText("Revoked credential");
    await expect(result).toContainText("Awarded by mistake");

    await page.getByLabel("Credential JSON").fill(JSON.stringify(credential));
    await page.getByRole("button", { name: "Check credential" }).click();
    await expect(page.getByRole("region", { name: "Verification result" }).nth(1).getByRole("status")).toContainText("Revoked credential");
  });

  test("the learner's profile embed downloads the credential and shares its verification link", async ({ page, request }) => {
    const { userId } = await learnerWithTenLessons(lmsApi(request));
    await page.goto(await embedPath("profile", userId));
    // The new badge and level are announced first, in one dialog: close it as the learner would.
    await page.getByRole("dialog").getByRole("button", { name: "Awesome!" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download credential: Ten Lessons" }).click();
    expect((await download).suggestedFilename()).toMatch(/^lessons-10-credential-.+\.json$/);
    await page.getByRole("button", { name: "Share: Ten Lessons" }).click();
    const link = page.getByRole("link", { name: "Verification link (copied)" });
    await expect(link).toHaveAttribute("href", /\/credentials\/[0-9a-f-]{36}$/);
    await page.goto((await link.getAttribute("href"))!);
    await expect(page.getByRole("region", { name: "Verification result" }).first().getByRole("status")).toContainText("Valid credential");
  });

  test("an admin edits the issuer profile on the Open Badges page", async ({ signedInPage: page }) => {
    await page.getByRole("link", { name: "Open Badges" }).click();
    await expect(page.getByRole("heading", { name: "Open Badges", level: 1 })).toBeVisible();
    await page.getByLabel("Organisation name").fill("Gamify");
    await page.getByLabel("Web site").fill("https://gamify.example");
    await page.getByRole("button", { name: "Save issuer profile" }).click();
    await expect(page.getByText("Issuer profile saved")).toBeVisible();
    const issuer = await (await page.request.get("/api/openbadges/issuer")).json();
    expect(issuer).toMatchObject({ type: ["Profile"], name: "Gamify", url: "https://gamify.example" });
  });
});
