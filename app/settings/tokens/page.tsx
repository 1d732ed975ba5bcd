import type { Metadata } from "next";
import { TokensManager } from "@/components/auth/tokens-manager";

export const metadata: Metadata = { title: "API tokens" };

export default function TokensPage() {
  return (
    <section>
      <h1>API tokens</h1>
      <p>Scripts and training jobs send a token as <code>Authorization: Bearer &lt;token&gt;</code> to log runs as you.</p>
      <TokensManager />
    </section>
  );
}
