import dns from "node:dns/promises";
import net from "node:net";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

// Endpoint URLs: no private or loopback targets (SSRF) unless WEBHOOK_ALLOW_PRIVATE=true. Checked when an
// endpoint is saved and again before each send.

// The ranges a public webhook must not reach: loopback, private, link-local, carrier-grade NAT,
// documentation, benchmarking, multicast and reserved (IANA special-purpose registries).
const privateRanges = new net.BlockList();
for (const [address, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  privateRanges.addSubnet(address, prefix, "ipv4");
}
for (const [address, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  privateRanges.addSubnet(address, prefix, "ipv6");
}

/** True for an address a public webhook must not reach (IPv4-mapped IPv6 is judged as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const family = net.isIP(address);
  if (family === 0) return true;
  return privateRanges.check(address, family === 4 ? "ipv4" : "ipv6");
}

export function privateTargetsAllowed(): boolean {
  return env().WEBHOOK_ALLOW_PRIVATE === true;
}

const badUrl = (message: string) => new AppError("BAD_REQUEST", `Invalid url: ${message}.`, [{ path: ["url"], message }]);

/**
 * Checks an endpoint URL: http(s), no credentials, and (unless private targets are allowed) a host whose
 * every address is public. Also called before each send, since a name can be re-pointed after creation.
 */
export async function checkTargetUrl(raw: string, options: { allowPrivate?: boolean } = {}): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badUrl("must be an absolute http or https URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw badUrl("must be an http or https URL");
  if (url.username || url.password) throw badUrl("must not hold a user name or password");
  if (options.allowPrivate ?? privateTargetsAllowed()) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (net.isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw badUrl(`the host ${host} could not be resolved`);
    }
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw badUrl(`${host} is a private or loopback address (set WEBHOOK_ALLOW_PRIVATE=true to allow it)`);
  }
  return url;
}
