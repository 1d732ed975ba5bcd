import "server-only";
// Which client sent a request, for the sign-in throttle. Next's own server fills X-Forwarded-For only when the
// client sent none, so the header is the client's word unless something in front of Next wrote it:
// - TUNEBOARD_TRUST_PROXY=false (default): scripts/server.mjs replaces it with the socket's address (one entry);
// - TUNEBOARD_TRUST_PROXY=true: the proxy appends the address it saw, so the right-most entry is the one to trust
//   (entries to its left are whatever the client claimed). One proxy hop is supported.
// Either way the address is the header's last entry.
import { isIP } from "node:net";
import { lastHeaderEntry } from "./site-origin";

/** Key used when no address is known (route handlers called in-process, e.g. by the tests). */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * IPv6 clients usually hold a whole /64, so per-address limits key an IPv6 address by its /64 prefix; an IPv4
 * address mapped into IPv6 (::ffff:1.2.3.4) counts as the IPv4 address.
 */
export function addressKey(address: string): string {
  const plain = address.trim().toLowerCase().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return mapped[1]!;
  const kind = isIP(plain);
  if (kind === 4) return plain;
  if (kind === 6) return `${expandIpv6(plain).slice(0, 4).join(":")}::/64`;
  // Not an address (a client-made header reached Next directly): bounded, so it cannot grow the throttle's memory.
  return plain.slice(0, 64) || UNKNOWN_ADDRESS;
}

function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}

/** The address of the client that sent the request, as addressKey groups it. */
export function clientAddressOf(request: Request): string {
  const last = lastHeaderEntry(request.headers.get("x-forwarded-for"));
  return last ? addressKey(last) : UNKNOWN_ADDRESS;
}
