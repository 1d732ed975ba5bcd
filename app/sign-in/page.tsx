import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only same-site paths, so the form cannot be used to redirect elsewhere.
  const target = next?.startsWith("/") && !next.startsWith("//") ? next : "/runs";
  return (
    <section>
      <h1>Sign in</h1>
      <p>Signed out, Tuneboard is read-only. Members log, edit and review runs; everyone signed in can create API tokens.</p>
      <SignInForm next={target} />
    </section>
  );
}
