import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/nav/site-header";
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
        <SiteHeader />
        <main id="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
