"use client";
import { type FormEvent, useState } from "react";
import { safeNextPath } from "@/lib/auth/safe-next";

export type SignInFormProps = { next?: string };

/** Username and password; a wrong pair is shown inline and nothing else changes. */
export function SignInForm({ next = "/" }: SignInFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    const response = await fetch("/api/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
    });
    setIsPending(false);
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? "Sign-in failed");
      return;
    }
    // A full navigation, so that server-rendered parts (the header) see the new cookie; checked here too, since
    // the prop is the one place a caller could pass an unchecked URL.
    window.location.assign(safeNextPath(next));
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} aria-label="Sign in" className="stack">
      <label>
        Username
        <input name="username" autoComplete="username" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error ? <p role="alert" className="form-error">{error}</p> : null}
      <button type="submit" disabled={isPending}>{isPending ? "Signing in…" : "Sign in"}</button>
    </form>
  );
}
