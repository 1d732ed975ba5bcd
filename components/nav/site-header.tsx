"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { UserMenu } from "@/components/auth/user-menu";

const LINKS = [
  { href: "/runs", label: "Runs" },
  { href: "/experiments", label: "Experiments" },
  { href: "/runs/new", label: "Log a run" },
  { href: "/compare", label: "Compare" },
  { href: "/sources", label: "Sources" },
  { href: "/disagreements", label: "Disagreements" },
  { href: "/plan", label: "Plan" },
  { href: "/calibration", label: "Calibration" },
  { href: "/activity", label: "Activity" },
  { href: "/views", label: "Views" },
] as const;

/**
 * The site header. Below 700 px wide (globals.css, "issue 13 mobile") the links and the user menu fold behind a
 * Menu button so the header stays one line on a phone; wider, the button is hidden and everything shows.
 */
export function SiteHeader() {
  const [isOpen, setIsOpen] = useState(false);
  const pathname = usePathname();
  // Following a link closes the menu: the new page should not open under a list of links.
  useEffect(() => setIsOpen(false), [pathname]);

  return (
    <header className="site-header" data-menu-open={isOpen ? "true" : "false"}>
      <Link href="/runs" className="brand">Tuneboard</Link>
      <button type="button" className="menu-toggle" aria-expanded={isOpen} aria-controls="site-menu" onClick={() => setIsOpen((open) => !open)}>
        Menu
      </button>
      <div className="site-menu" id="site-menu">
        <nav aria-label="Main">
          {LINKS.map((link) => <Link key={link.href} href={link.href} onClick={() => setIsOpen(false)}>{link.label}</Link>)}
          <a href="/api/openapi.json">API</a>
        </nav>
        <UserMenu />
      </div>
    </header>
  );
}
