// The achievements service: the rules of each criterion kind (kinds.ts), recording awards (award.ts), the
// retroactive award (backfill.ts) and the catalogue admins edit (catalog.ts).
export { criterionHolds, progressToward, type EventFacts, type LearnerProgress } from "./kinds";
export { achievementLedgerRows, grantToLearner, insertEarned } from "./award";
export { backfillAchievement, backfillBatch, type BackfillProgress } from "./backfill";
export {
  createAchievement,
  getAchievement,
  listActiveAchievements,
  listAllAchievements,
  setAchievementActive,
  updateAchievement,
} from "./catalog";
