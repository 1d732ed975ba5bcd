"use client";
import { usePathname } from "next/navigation";
import { safeNextPath } from "@/lib/auth/safe-next";

export type AdminsOnlyProps = { isSignedIn: boolean };

const signInHref = (path: string) => `/sign-in?next=${encodeURIComponent(safeNextPath(path))}`;

/**
 * What an admin page shows anyone else. Signed out, a link to sign in that comes back to this page (the query
 * is read at click time, it may have changed); signed in without the role, signing in again would not help.
 */
export function AdminsOnly({ isSignedIn }: AdminsOnlyProps) {
  const pathname = usePathname();
  return (
    <p className="notice" data-testid="admins-only">
      Admins only.{" "}
      {isSignedIn ? null : (
        <a href={signInHref(pathname)} onClick={(event) => { event.currentTarget.href = signInHref(window.location.pathname + window.location.search); }}>
          Sign in as an admin
        </a>
      )}
    </p>
  );
}
