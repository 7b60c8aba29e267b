import { describe, expect, it } from "vitest";
import { setUpRestServer } from "@/test/http-server";

// API.md conventions: a known path asked with a method it does not take is 405 with `allow`, on every /api/v1 route.
const { db, server, key } = await setUpRestServer("lms-405");

const send = (method: string, path: string, auth = `Bearer ${key}`) =>
  fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: auth, "content-type": "application/json" },
    body: method === "GET" || method === "HEAD" ? undefined : "{}",
  });

describe("405 on a known path with a wrong method", () => {
  it.each([
    ["DELETE", "/events", "POST"],
    ["GET", "/events/batch", "POST"],
    ["POST", "/leaderboards/global", "GET"],
    ["PUT", "/users/u-1/stats", "GET"],
    ["DELETE", "/achievements", "GET"],
  ])("%s %s answers 405 with allow: %s, and stores nothing", async (method, path, allow) => {
    const before = await db.prisma.event.count();
    const res = await send(method, path);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain(allow);
    expect((await res.json()).error.code).toBe("METHOD_NOT_SUPPORTED");
    expect(await db.prisma.event.count()).toBe(before);
  });

  it("still answers 401 first to a caller without a valid key, and 404 to an unknown path", async () => {
    expect((await send("DELETE", "/events", "Bearer wrong")).status).toBe(401);
    expect((await send("GET", "/no-such-route")).status).toBe(404);
  });
});
