import { describe, expect, it } from "vitest";
import { addressKey, clientAddress } from "./client-address";

const headers = (forwardedFor?: string) => new Headers(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor });

describe("client address", () => {
  it("takes the last x-forwarded-for entry: the socket's (set by Next), or the one a trusted proxy appended", () => {
    expect(clientAddress(headers("127.0.0.1"))).toBe("127.0.0.1");
    expect(clientAddress(headers("198.51.100.1, 203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddress(headers())).toBe("unknown");
    expect(clientAddress(headers("not-an-address"))).toBe("unknown");
  });

  it("keeps IPv4 as is and counts IPv6 by its /64", () => {
    expect(addressKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(addressKey("2001:DB8:AA:BB::9")).toBe("2001:db8:aa:bb::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("1::2:3:4:5:6.7.8.9")).toBe("1:0:2:3::/64");
    expect(addressKey("2001:0db8:0000:0001::1")).toBe("2001:db8:0:1::/64");
  });
});
