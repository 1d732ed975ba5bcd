"use client";
import { QueryClientProvider, notifyManager } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { z } from "zod";
import { getQueryClient } from "@/lib/query/client";
import { coalescingScheduler } from "@/lib/query/coalescing-scheduler";

// In the browser zod must not probe for `new Function` (its parser JIT): the page CSP forbids eval (proxy.ts), and
// Chromium reports the probe as a violation even though zod catches it. The server keeps the JIT.
if (typeof window !== "undefined") z.config({ jitless: true });
// Query results that arrive together reach React in one task (lib/query/coalescing-scheduler.ts says why).
if (typeof window !== "undefined") notifyManager.setScheduler(coalescingScheduler());

export function Providers({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>;
}
