import { streakCheckRequested } from "@/server/jobs/client";
import { recordedJobFunction } from "./recorded-job";

export const streakCheck = recordedJobFunction("streak-check", streakCheckRequested, "check-streaks");
