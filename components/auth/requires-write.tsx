"use client";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useCanWrite, useMe } from "@/lib/hooks/use-users";

export type RequiresWriteProps = { children: ReactNode; action: string };

/** /sign-in?next=<this page>, so signing in comes back here; the query is added at click time (it may have changed). */
function SignInLink({ action }: { action: string }) {
  const pathname = usePathname();
  const hrefFor = (path: string) => `/sign-in?next=${encodeURIComponent(path)}`;
  return (
    <a href={hrefFor(pathname)} className="small" onClick={(event) => { event.currentTarget.href = hrefFor(window.location.pathname + window.location.search); }}>
      Sign in to {action}
    </a>
  );
}

/**
 * Shows write controls to members and admins only; others get a hint instead of a button that would answer
 * 401/403. The server checks every write regardless: this only keeps the read-only app honest about it.
 */
export function RequiresWrite({ children, action }: RequiresWriteProps) {
  const me = useMe();
  const canWrite = useCanWrite();
  if (me.isPending) return null;
  if (canWrite) return <>{children}</>;
  if (me.data?.user) return <span className="muted small">Members can {action}</span>;
  return <SignInLink action={action} />;
}
