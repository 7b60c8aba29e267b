import { cache } from "react";
import { getServerCaller } from "@/server/api/server-caller";

/** The organisation's zone, once per request: pages show instants in it so every admin reads the same day. */
export const getOrgZone = cache(async () => (await (await getServerCaller()).admin.rules.get()).rules.timezone);
