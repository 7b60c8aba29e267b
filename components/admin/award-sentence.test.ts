import { describe, expect, it } from "vitest";
import { awardSentence } from "./award-sentence";

const achievement = { name: "Two lessons" };

describe("the sentence after a retroactive award", () => {
  it("counts the learners who already hold a re-activated achievement", () => {
    expect(awardSentence({ achievement, awarded: 0, queued: false, alreadyHeldBy: 2 })).toBe(
      'No other learner qualifies for "Two lessons" yet. 2 learners already hold it.',
    );
    expect(awardSentence({ achievement, awarded: 1, queued: false, alreadyHeldBy: 1 })).toBe(
      '"Two lessons" was awarded retroactively to 1 learner. 1 learner already holds it.',
    );
  });

  it("says nobody qualifies only when nobody holds it", () => {
    expect(awardSentence({ achievement, awarded: 0, queued: false, alreadyHeldBy: 0 })).toBe('No learner qualifies for "Two lessons" yet.');
    expect(awardSentence({ achievement, awarded: 3, queued: false })).toBe('"Two lessons" was awarded retroactively to 3 learners.');
    expect(awardSentence({ achievement, awarded: null, queued: true, alreadyHeldBy: 4 })).toBe(
      '"Two lessons" is being awarded retroactively in the background (see Jobs). 4 learners already hold it.',
    );
  });
});
