// Which client sent a request, as the sign-in throttle keys it: the X-Forwarded-For entry written by our own
// server (scripts/server.mjs) or by the one trusted proxy, grouped so that one network counts as one client.
import { describe, expect, it } from "vitest";
import { UNKNOWN_ADDRESS, addressKey, clientAddressOf } from "@/lib/server/client-address";

const withForwardedFor = (value?: string) => new Request("http://localhost/api/auth/sign-in", { headers: value === undefined ? {} : { "x-forwarded-for": value } });

describe("clientAddressOf", () => {
  it("reads the right-most X-Forwarded-For entry: the one the proxy appended, not what the client claimed", () => {
    expect(clientAddressOf(withForwardedFor("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddressOf(withForwardedFor("1.2.3.4, 10.0.0.1,  198.51.100.7 "))).toBe("198.51.100.7");
  });

  it("is 'unknown' without the header (a handler called in-process)", () => {
    expect(clientAddressOf(withForwardedFor())).toBe(UNKNOWN_ADDRESS);
    expect(clientAddressOf(withForwardedFor(""))).toBe(UNKNOWN_ADDRESS);
  });
});

describe("addressKey", () => {
  it("counts an IPv4-mapped IPv6 address as the IPv4 address", () => {
    expect(addressKey("::ffff:127.0.0.1")).toBe("127.0.0.1");
  });

  it("groups IPv6 addresses by their /64, however they are written", () => {
    expect(addressKey("2001:db8:0:1::5")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:0db8:0000:0001:ffff:ffff:ffff:ffff")).toBe("2001:db8:0:1::/64");
    expect(addressKey("[2001:DB8:0:1::9]")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:db8:0:2::5")).not.toBe(addressKey("2001:db8:0:1::5"));
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });

  it("bounds a value that is not an address, so a forged header cannot grow the throttle's memory", () => {
    expect(addressKey("x".repeat(1000))).toHaveLength(64);
  });
});
