"use client";
import { usePathname } from "next/navigation";
import { useCanWrite, useMe } from "@/lib/hooks/use-users";

export type SignInNoticeProps = { action: string };

/**
 * Said at the top of a write form, before anyone fills it in: signed out, a link to sign in that comes back here
 * (?next=); signed in without write access, who may write. Renders nothing for members and admins.
 */
export function SignInNotice({ action }: SignInNoticeProps) {
  const me = useMe();
  const canWrite = useCanWrite();
  const pathname = usePathname();
  if (me.isPending || canWrite) return null;
  const hrefFor = (path: string) => `/sign-in?next=${encodeURIComponent(path)}`;
  return (
    <div className="notice" role="note" data-testid="sign-in-notice">
      {me.data?.user ? (
        <>You are signed in as a viewer: only members and admins can {action}.</>
      ) : (
        <>
          {/* The query may have changed since render: the link takes the address at click time. */}
          <a href={hrefFor(pathname)} onClick={(event) => { event.currentTarget.href = hrefFor(window.location.pathname + window.location.search); }}>
            Sign in to {action}
          </a>
          {" "}— you can look at this form, but only signed-in members can save it.
        </>
      )}
    </div>
  );
}
