"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { useCanWrite, useMe } from "@/lib/hooks/use-users";

export type RequiresWriteProps = { children: ReactNode; action: string };

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
  return <Link href="/sign-in" className="small">Sign in to {action}</Link>;
}
