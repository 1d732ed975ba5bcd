"use client";
import { useEffect, useState } from "react";

/**
 * The current time, refreshed every `intervalMs`; null until mounted, so that the server's render and the first
 * client render agree (a relative time computed on both would differ and break hydration).
 */
export function useNow(intervalMs = 5_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
