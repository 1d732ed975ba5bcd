import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/safe-next";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  // Only a path on this site, so a link to this page cannot send the person elsewhere after signing in.
  const target = safeNextPath((await searchParams).next);
  return (
    <section>
      <h1>Sign in</h1>
      <p>Signed out, Tuneboard is read-only. Members log, edit and review runs; everyone signed in can create API tokens.</p>
      <SignInForm next={target} />
    </section>
  );
}
