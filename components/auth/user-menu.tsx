"use client";
import Link from "next/link";
import { useMe } from "@/lib/hooks/use-users";

/** The header's corner: who is signed in and a sign-out button, or a link to sign in. */
export function UserMenu() {
  const me = useMe().data;

  async function onSignOut() {
    await fetch("/api/auth/sign-out", { method: "POST" });
    window.location.assign("/runs");
  }

  if (!me) return null;
  if (!me.user) return <Link href="/sign-in" className="user-menu">Sign in</Link>;
  return (
    <div className="user-menu">
      <Link href="/settings/tokens">API tokens</Link>
      {me.user.role === "admin" ? <><Link href="/admin/users">Users</Link><Link href="/admin/deleted-runs">Deleted runs</Link><Link href="/admin/catalog">Catalog</Link></> : null}
      <Link href="/settings/account" title="Your account: change your password">{me.user.name} <small>({me.user.role})</small></Link>
      <button type="button" onClick={() => void onSignOut()}>Sign out</button>
    </div>
  );
}
