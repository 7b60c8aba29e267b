import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AchievementIcon } from "@/components/admin/achievement-icon";
import { BadgeIcon, badgeStyle } from "@/components/learner/badge-icon";
import { BADGE_ICON_NAMES } from "./achievement-icons";

// Every icon the admin's picker offers must be drawn as itself in the learner views, not as their fallback
// badge (five once were). Rendered to markup on the server: lucide names each glyph in its class.

const glyphOf = (markup: string) => /class="lucide (lucide-[a-z0-9-]+)/.exec(markup)?.[1];

describe("built-in badge icons", () => {
  it("offers icons in the admin's picker", () => {
    expect(BADGE_ICON_NAMES.length).toBeGreaterThan(20);
  });

  it.each(BADGE_ICON_NAMES)("draws icon:%s for learners as the admin picked it", (name) => {
    const iconUrl = `icon:${name}`;
    const admin = glyphOf(renderToStaticMarkup(createElement(AchievementIcon, { iconUrl })));
    const learner = glyphOf(renderToStaticMarkup(createElement(BadgeIcon, { iconUrl, name })));
    expect(admin).toBeDefined();
    expect(learner).toBe(admin);
    expect(badgeStyle(iconUrl)).not.toBe(badgeStyle("icon:no-such-icon"));
  });

  it("draws an unknown name as the fallback badge", () => {
    expect(glyphOf(renderToStaticMarkup(createElement(BadgeIcon, { iconUrl: "icon:no-such-icon", name: "x" })))).toBe("lucide-award");
    expect(glyphOf(renderToStaticMarkup(createElement(AchievementIcon, { iconUrl: "icon:no-such-icon" })))).toBe("lucide-trophy");
  });
});
