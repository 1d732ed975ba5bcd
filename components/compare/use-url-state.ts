"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";

/**
 * The page's search params as state: `replace` shows the new value at once and writes it to the URL with the
 * history API (no server round trip; Next.js's useSearchParams follows it), while links and back/forward still
 * bring their own URL in. Without the local copy a controlled checkbox would spring back until the router caught up.
 */
export function useUrlState(): [URLSearchParams, (next: URLSearchParams) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const urlQuery = searchParams.toString();
  const [params, setParams] = useState(() => new URLSearchParams(urlQuery));
  const [seenQuery, setSeenQuery] = useState(urlQuery);
  // The URL changed from outside (a link, back/forward, or our own replace arriving): adopt it.
  if (urlQuery !== seenQuery) {
    setSeenQuery(urlQuery);
    if (urlQuery !== params.toString()) setParams(new URLSearchParams(urlQuery));
  }
  const replace = useCallback(
    (next: URLSearchParams) => {
      setParams(next);
      const query = next.toString().replaceAll("%2C", ",");
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );
  return [params, replace];
}
