"use client";
import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { z } from "zod";
import { getQueryClient } from "@/lib/query/client";

// In the browser zod must not probe for `new Function` (its parser JIT): the page CSP forbids eval (proxy.ts), and
// Chromium reports the probe as a violation even though zod catches it. The server keeps the JIT.
if (typeof window !== "undefined") z.config({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>;
}
