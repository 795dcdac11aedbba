import type { Metadata } from "next";
import { JoinForm } from "@/components/cohort/join-form";
import { requireUser } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Join a cohort" };

type Props = { searchParams: Promise<{ code?: string | string[] }> };

export default async function JoinPage({ searchParams }: Props) {
  const raw = (await searchParams).code;
  // Only pre-fills the form: the code is checked when the form is posted.
  const code = (typeof raw === "string" ? raw : "").slice(0, 40);
  await requireUser(code ? `/join?code=${encodeURIComponent(code)}` : "/join");
  return (
    <div className="stack auth-card">
      <h1>Join a cohort</h1>
      <p className="muted">Enter the invite code your instructor shared. They will see your progress in this course.</p>
      <JoinForm initialCode={code} />
    </div>
  );
}
