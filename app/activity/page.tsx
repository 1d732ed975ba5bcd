import type { Metadata } from "next";
import { Suspense } from "react";
import { ActivityFeed } from "@/components/collab/activity-feed";

export const metadata: Metadata = { title: "Activity" };

export default function ActivityPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Activity</h1>
          <p className="muted">Runs logged, comments and review changes across the team, newest first.</p>
        </div>
      </div>
      <Suspense fallback={<p className="muted">Loading activity…</p>}>
        <ActivityFeed />
      </Suspense>
    </>
  );
}
