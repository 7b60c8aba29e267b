import { streakAtRiskRequested } from "@/server/jobs/client";
import { recordedJobFunction } from "./recorded-job";

export const streakAtRisk = recordedJobFunction("streak-at-risk", streakAtRiskRequested, "send-at-risk-nudges");
