// The background jobs of DOMAIN.md, by stable id (the Inngest function id and the `job_run.job` value): each
// entry is the one declaration of a job's name, when it runs (the cron Inngest is given and the words the
// Jobs page shows for it, side by side so they cannot drift apart) and what it does. Pure data, so the
// services, the Inngest functions and client forms all read the same list.

export const JOBS = {
  "weekly-close": {
    name: "Weekly close",
    // Hourly, because the organisation's zone (and so the instant a week ends) can change at any time.
    cron: "5 * * * *",
    schedule: "Hourly at :05",
    description: "Closes every ended week: freezes its boards as its final standings and awards period-rank achievements.",
  },
  "monthly-close": {
    name: "Monthly close",
    cron: "10 * * * *",
    schedule: "Hourly at :10",
    description: "Closes every ended month: freezes its boards as its final standings and awards period-rank achievements.",
  },
  "streak-check": {
    name: "Daily streak check",
    cron: "15 0 * * *",
    schedule: "Daily at 00:15 UTC",
    description: "Marks ended streaks for dashboards and counts streaks at risk today.",
  },
  "leaderboard-refresh": {
    name: "Leaderboard refresh",
    cron: "0 3 * * *",
    schedule: "Daily at 03:00 UTC",
    description: "Checks every total, board and rank histogram against the ledger and repairs drift.",
  },
  "achievement-backfill": {
    name: "Achievement backfill",
    cron: null,
    schedule: "When an achievement is created or re-activated",
    description: "Awards an achievement to every learner who already qualifies, in batches.",
  },
  "webhook-delivery": {
    name: "Webhook delivery",
    cron: "* * * * *",
    schedule: "Every minute",
    description: "Sends the webhook deliveries that are due, signed, with retries and backoff (runs are recorded when something was sent).",
  },
  "xapi-retention": {
    name: "xAPI retention",
    cron: "30 2 * * *",
    schedule: "Daily at 02:30 UTC",
    description: "Purges raw xAPI statements older than XAPI_RETENTION_DAYS (the events they became stay).",
  },
  "streak-at-risk": {
    name: "Streak at-risk nudge",
    cron: "*/15 * * * *",
    schedule: "Every 15 minutes",
    description:
      "Sends streak.at_risk once per learner and day, from the chosen local hour, to learners whose streak today's inactivity would end.",
  },
} as const;

export type JobId = keyof typeof JOBS;
export const JOB_IDS = Object.keys(JOBS) as [JobId, ...JobId[]];
