import { xapiRetentionRequested } from "@/server/jobs/client";
import { recordedJobFunction } from "./recorded-job";

export const xapiRetention = recordedJobFunction("xapi-retention", xapiRetentionRequested, "purge-old-statements");
