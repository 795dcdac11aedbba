import type { Metadata } from "next";
import { preload } from "react-dom";
import { LearnerDashboard } from "@/components/dashboard/learner-dashboard";

export const metadata: Metadata = { title: "Your dashboard" };
// Built once, never per request: next.config.js lets shared caches keep this page, so it must not be able
// to read who asks (with force-static, cookies and headers read as empty).
export const dynamic = "force-static";

// Prerendered and the same for everyone: the learner's figures load from GET /api/dashboard
// (docs/decisions/0032-learner-dashboard-shell.md).
export default function DashboardPage() {
  // The figures are asked for while the page's scripts load, not after they have run.
  preload("/api/dashboard", { as: "fetch", crossOrigin: "anonymous" });
  return <LearnerDashboard />;
}
