"use client";

import Link from "next/link";
import { useEffect, useState, useTransition } from "react";
import { setMilestoneAction, setRepoUrlAction, startProjectAction } from "@/lib/actions/projects";
import type { ActionResult } from "@/lib/actions/result";
import { callAction } from "@/lib/client/call-action";
import type { ProjectState } from "@/lib/projects";
import { FormError } from "@/components/ui/form-status";

type Props = {
  projectId: string;
  milestones: { id: string; title: string }[];
  initial: ProjectState | null;
  signedIn: boolean;
};

/** Start the project, tick milestones and save a repository link. Every change is saved at once. */
export function ProjectTracker({ projectId, milestones, initial, signedIn }: Props) {
  const [state, setState] = useState<ProjectState | null>(initial);
  const [repo, setRepo] = useState(initial?.repoUrl ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(null), 2500);
    return () => clearTimeout(timer);
  }, [saved]);

  if (!signedIn) {
    return (
      <p className="alert info">
        <Link href={`/signin?callbackUrl=/projects/${projectId}`}>Sign in</Link> to start this project and tick off its milestones.
      </p>
    );
  }

  const apply = (work: () => Promise<ActionResult<{ state: ProjectState }>>, message: string, revertTo: ProjectState | null = state) =>
    startTransition(async () => {
      setError(null);
      const result = await callAction(work);
      if (!result.ok) {
        setState(revertTo);
        return setError(result.error ?? null);
      }
      setState(result.state);
      setSaved(message);
    });

  const done = new Set(state?.doneMilestoneIds ?? []);
  return (
    <section className="card stack" aria-labelledby="tracker-heading" data-testid="project-tracker">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="tracker-heading" style={{ margin: 0 }}>
          Your progress
        </h2>
        <span className="muted small" role="status">
          {saved ?? (state ? `${done.size} of ${milestones.length} milestones` : "")}
        </span>
      </div>
      {!state ? (
        <button
          type="button"
          className="button primary"
          disabled={pending}
          onClick={() => apply(() => startProjectAction({ projectId }), "Project started")}
        >
          Start this project
        </button>
      ) : (
        <>
          <ol className="stack" style={{ listStyle: "none", padding: 0, gap: "0.4rem" }}>
            {milestones.map((milestone) => (
              <li key={milestone.id}>
                <label className="chooser-option">
                  <input
                    type="checkbox"
                    checked={done.has(milestone.id)}
                    onChange={(event) => {
                      const checked = event.target.checked;
                      const previous = state;
                      // Show the tick at once; the server's answer (or a revert on error) follows.
                      setState({
                        ...state,
                        doneMilestoneIds: checked ? [...done, milestone.id] : [...done].filter((id) => id !== milestone.id),
                      });
                      apply(
                        () => setMilestoneAction({ projectId, milestoneId: milestone.id, done: checked }),
                        checked ? "Milestone ticked" : "Milestone unticked",
                        previous,
                      );
                    }}
                  />
                  <span>{milestone.title}</span>
                </label>
              </li>
            ))}
          </ol>
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              apply(() => setRepoUrlAction({ projectId, repoUrl: repo }), "Repository link saved");
            }}
          >
            <div className="field">
              <label htmlFor="repo-url">Repository link (optional)</label>
              <input
                id="repo-url"
                type="url"
                inputMode="url"
                placeholder="https://github.com/you/project"
                value={repo}
                onChange={(e) => setRepo(e.target.value)}
              />
            </div>
            <div className="row">
              <button type="submit" className="button" disabled={pending}>
                Save link
              </button>
              {state.repoUrl && (
                <a href={state.repoUrl} rel="noopener noreferrer nofollow" target="_blank">
                  Open repository
                </a>
              )}
            </div>
          </form>
        </>
      )}
      <FormError message={error} />
    </section>
  );
}
