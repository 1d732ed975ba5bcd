import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { Providers } from "./providers";
import "./globals.css";

// Every page renders per request: proxy.ts gives each response a fresh CSP nonce, which a prerendered page cannot carry.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Tuneboard", template: "%s · Tuneboard" },
  description: "Compare, predict and review LLM fine-tuning runs: full fine-tuning, LoRA and QLoRA.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <Providers>
        <header className="site-header">
          <Link href="/runs" className="brand">Tuneboard</Link>
          <nav aria-label="Main">
            <Link href="/runs">Runs</Link>
            <Link href="/experiments">Experiments</Link>
            <Link href="/runs/new">Log a run</Link>
            <Link href="/compare">Compare</Link>
            <Link href="/sources">Sources</Link>
            <Link href="/disagreements">Disagreements</Link>
            <Link href="/plan">Plan</Link>
            <Link href="/calibration">Calibration</Link>
            <Link href="/activity">Activity</Link>
            <Link href="/views">Views</Link>
            <a href="/api/openapi.json">API</a>
          </nav>
          <UserMenu />
        </header>
        <main id="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
