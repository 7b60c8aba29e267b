import { embedPath, expect, lmsApi, test, unique } from "./fixtures";

// Streak freezes (issue 22) as the learner and the admin see them: the freeze earned by seven active days covers
// a missed day, marked in the learner's calendar; an admin grants one more from the learner's page.

/** The UTC day `n` days before today (learners without a zone of their own are on the organisation's, UTC). */
const dayAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const longDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });

test("a missed day covered by a freeze is marked in the calendar, and an admin's freeze shows at once", async ({
  signedInPage: page,
  request,
}) => {
  const api = lmsApi(request);
  const userId = `frost-${unique()}`;
  // Active 9 to 3 days ago (seven days: one freeze earned), nothing 2 days ago, active yesterday and today.
  const activeAgo = [9, 8, 7, 6, 5, 4, 3, 1, 0];
  for (const n of activeAgo) {
    const occurredAt = n === 0 ? new Date(Date.now() - 5_000).toISOString() : `${dayAgo(n)}T12:00:00.000Z`;
    await api.send({ id: `${userId}-${n}`, type: "user.login", userId, occurredAt, user: { displayName: "Frida Frost" } });
  }
  // The seven-day streak badge was announced elsewhere: the calendar is what this test looks at.
  const seen = await request.post(`/api/v1/users/${userId}/achievements/seen`, { headers: api.headers, data: { keys: ["streak-7"] } });
  expect(seen.status()).toBe(200);
  const frozen = dayAgo(2);

  await page.goto(await embedPath("streak", userId));
  await expect(page.getByTestId("current-streak")).toContainText("9");
  await expect(page.getByTestId("freezes-available")).toContainText("Freezes: 0");
  if (frozen.slice(0, 7) !== dayAgo(0).slice(0, 7)) await page.getByRole("button", { name: "Previous month" }).click();
  const frozenCell = page.locator("[role=cell][data-frozen]");
  await expect(frozenCell).toHaveCount(1);
  await expect(frozenCell).toHaveAccessibleName(`${longDay(frozen)}, frozen`);

  await page.goto(`/admin/learners/${userId}`);
  await expect(page.getByTestId("learner-freezes")).toContainText("0 freezes held");
  await page.getByRole("button", { name: "Grant a freeze" }).click();
  await expect(page.getByText(/Freeze granted/)).toBeVisible();
  await expect(page.getByTestId("learner-freezes")).toContainText("1 freeze held");

  await page.goto(await embedPath("streak", userId));
  await expect(page.getByTestId("freezes-available")).toContainText("Freezes: 1");
  await expect(page.getByTestId("current-streak")).toContainText("9");
});
