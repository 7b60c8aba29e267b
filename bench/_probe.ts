import { openDatabase } from "@/server/db";
import { createApiKey } from "@/server/services/api-keys";
import { profileEngine } from "./engine-profile";
async function main() {
  const db = await openDatabase({ url: process.env.PROBE_URL!, poolSize: 4 });
  const { key } = await createApiKey(db.prisma, "probe-" + Date.now());
  const text = await profileEngine(db.prisma, { learners: 100000, courses: 200, apiKey: key, calls: 400, stream: { run: Date.now().toString(36), stream: "p", learners: 100000, courses: 200, base: new Date().toISOString() } });
  console.log(text);
  await db.close();
}
main();
