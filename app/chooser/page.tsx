import type { Metadata } from "next";
import Link from "next/link";
import { ChooserForm } from "@/components/chooser/chooser-form";
import { getSessionUser } from "@/lib/auth/guards";
import { confidenceLabel } from "@/lib/chooser/scoring";
import { listChooserResults } from "@/lib/chooser/store";
import { getCourse } from "@/lib/content/load";
import { FRAMEWORK_NAMES } from "@/lib/content/schema";

export const metadata: Metadata = { title: "Choose a framework" };

export default async function ChooserPage() {
  const user = await getSessionUser();
  const questions = getCourse().chooser.questions.map(({ id, prompt, help, options }) => ({
    id,
    prompt,
    help,
    options: options.map(({ id: optionId, label }) => ({ id: optionId, label })),
  }));
  const history = user ? await listChooserResults(user.id) : [];
  return (
    <div className="stack" style={{ maxWidth: 820 }}>
      <h1>Which framework fits your project?</h1>
      <p className="muted">
        Answer a few questions about what you are building. Each answer adds evidence for or against Flask, Django and FastAPI
        {user ? ", and so does your own record in the course (the quizzes you mastered and the exercises you solved)" : ""}. The result
        explains every point.
      </p>
      {history.length > 0 && (
        <section className="card" aria-labelledby="history-heading">
          <h2 id="history-heading" style={{ fontSize: "1.1rem" }}>
            Your earlier results
          </h2>
          <ul data-testid="chooser-history">
            {history.map((entry) => (
              <li key={entry.id}>
                <Link href={`/chooser/results/${entry.id}`}>
                  {FRAMEWORK_NAMES[entry.result.recommendation]} ({confidenceLabel(entry.result)})
                </Link>{" "}
                <span className="muted small">{new Date(entry.createdAt).toLocaleDateString("en-GB", { dateStyle: "medium" })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ChooserForm questions={questions} signedIn={Boolean(user)} />
    </div>
  );
}
