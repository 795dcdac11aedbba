import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChooserResultView } from "@/components/chooser/chooser-result";
import { requireUser } from "@/lib/auth/guards";
import { nextSteps } from "@/lib/chooser/next-steps";
import { getChooserResult } from "@/lib/chooser/store";
import { listCompletedLessonIds } from "@/lib/progress";

export const metadata: Metadata = { title: "Your chooser result" };

export default async function ChooserResultPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/chooser/results/${encodeURIComponent(id)}`);
  const saved = await getChooserResult(user.id, id);
  if (!saved) notFound();
  const next = nextSteps(saved.result.recommendation, await listCompletedLessonIds(user.id));
  return (
    <div className="stack" style={{ maxWidth: 900 }}>
      <p className="muted small">
        <Link href="/chooser">Chooser</Link> · result from{" "}
        {new Date(saved.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}
      </p>
      <h1>Your chooser result</h1>
      <ChooserResultView result={saved.result} next={next} />
      <p>
        <Link className="button" href="/chooser">
          Take the chooser again
        </Link>
      </p>
    </div>
  );
}
