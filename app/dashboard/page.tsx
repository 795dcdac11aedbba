import type { Metadata } from "next";
import { LearnerDashboard } from "@/components/dashboard/learner-dashboard";

export const metadata: Metadata = { title: "Your dashboard" };

// Prerendered and the same for everyone: the learner's figures load from GET /api/dashboard
// (docs/decisions/0032-learner-dashboard-shell.md).
export default function DashboardPage() {
  return <LearnerDashboard />;
}
