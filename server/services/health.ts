import { sqlOf, type Db } from "@/server/db";
import { AppError } from "@/server/errors";

// What a load balancer asks: does the database answer? One `SELECT 1`, given a second and a half, so a
// database that hangs (rather than refuses) is reported as fast as one that is down. A database error is left
// to toAppError: a fault is a 503 like the timeout, and the log line says which fault it was.
const ANSWER_WITHIN_MS = 1500;

export async function checkDatabase(db: Db): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AppError("SERVICE_UNAVAILABLE", "The database did not answer in time.")), ANSWER_WITHIN_MS);
  });
  try {
    await Promise.race([sqlOf(db).query("SELECT 1"), late]);
  } finally {
    clearTimeout(timer);
  }
}
