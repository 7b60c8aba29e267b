import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedRequest {
  headers: Record<string, string>;
  body: string;
  /** The payload, when the signature verified with the endpoint's secret (via the standardwebhooks library). */
  verified: { type: string; timestamp: string; data: Record<string, unknown> } | null;
  verifyError: string | null;
}

type Reply = { status: number; headers?: Record<string, string>; body?: string };

/**
 * A webhook receiver on loopback, as an LMS or a chat integration would run one: it checks every request's
 * signature with the standardwebhooks library, and answers with the replies queued (then 200).
 * Like a well-behaved receiver it processes each webhook-id once: `processed` holds the accepted payloads.
 */
export async function startWebhookReceiver() {
  let secret: string | null = null;
  const replies: Reply[] = [];
  const requests: ReceivedRequest[] = [];
  const processed = new Map<string, ReceivedRequest["verified"]>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    let verified: ReceivedRequest["verified"] = null;
    let verifyError: string | null = null;
    try {
      verified = new Webhook(secret ?? "whsec_bm90LXNldA==").verify(body, headers) as ReceivedRequest["verified"];
    } catch (err) {
      verifyError = (err as Error).message;
    }
    requests.push({ headers, body, verified, verifyError });
    const reply = replies.shift() ?? { status: verified ? 200 : 401 };
    if (reply.status >= 200 && reply.status < 300 && verified) processed.set(headers["webhook-id"]!, verified);
    res.writeHead(reply.status, { "content-type": "text/plain", ...reply.headers });
    res.end(reply.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    processed,
    useSecret: (s: string) => {
      secret = s;
    },
    reply: (...next: Reply[]) => replies.push(...next),
    reset: () => {
      requests.length = 0;
      replies.length = 0;
      processed.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
