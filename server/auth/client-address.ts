import net from "node:net";

/** Request headers as web Headers, or anything that reads them by name. */
type HeaderReader = { get(name: string): string | null | undefined };

/**
 * The client address a sign-in is counted against. Next.js gives route handlers no socket: it passes the
 * socket's address as `x-forwarded-for` when the request brings none, and the production server drops one a
 * client sent unless TRUST_PROXY=1 (server/production-server.ts). So the last entry is the socket's address,
 * or, behind one trusted proxy that appends to the header, the address that proxy saw.
 */
export function clientAddress(headers: HeaderReader): string {
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim());
  return addressKey(entries.at(-1) ?? "");
}

/**
 * An address as one client: IPv4 as is (also when written IPv4-mapped, `::ffff:1.2.3.4`), IPv6 by its /64,
 * the block one subscriber is given, so the hosts of one network are one client.
 */
export function addressKey(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (net.isIPv4(plain)) return plain;
  if (!net.isIPv6(plain)) return "unknown";
  const [head = "", tail] = plain.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  // An IPv4 tail (`64:ff9b::1.2.3.4`) fills the last two groups.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const groups = [...left, ...Array<string>(Math.max(0, 8 - width(left) - width(right))).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
