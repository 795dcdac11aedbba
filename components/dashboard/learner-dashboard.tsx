"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { UNREACHABLE } from "@/lib/client/call-action";
import { isOffline, reportReachability, subscribeConnection } from "@/lib/client/connection";
import type { DashboardView } from "@/lib/learner-dashboard-view";
import { ProgressBar } from "@/components/ui/progress-bar";

type Loaded = { status: "loading" } | { status: "ready"; view: DashboardView } | { status: "error"; message: string };

const SIGN_IN = `/signin?callbackUrl=${encodeURIComponent("/dashboard")}`;

/** GET /api/dashboard, as the state to show; null when nobody is signed in. */
async function fetchDashboard(): Promise<Loaded | null> {
  let response: Response;
  try {
    // No cache option: it would keep the page's preload of this address from being used. The answer
    // says no-store, so the browser keeps no copy to answer a later load with.
    response = await fetch("/api/dashboard");
  } catch {
    reportReachability(false);
    return { status: "error", message: UNREACHABLE };
  }
  reportReachability(true);
  if (response.status === 401) return null;
  const body = (await response.json().catch(() => null)) as (DashboardView & { error?: string }) | null;
  if (!response.ok || !body) {
    return { status: "error", message: body?.error ?? "Your dashboard could not be loaded. Try again in a moment." };
  }
  return { status: "ready", view: body };
}

/**
 * The signed-in learner's dashboard. The page around it is prerendered; its figures come from
 * GET /api/dashboard (docs/decisions/0032-learner-dashboard-shell.md). Signed out, it goes to sign-in and back.
 */
export function LearnerDashboard() {
  const router = useRouter();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const heading = useRef<HTMLHeadingElement>(null);
  // Only the newest load's answer is shown; leaving the page counts as a newer one.
  const latest = useRef(0);
  const load = useCallback(
    (refresh = false) => {
      const id = ++latest.current;
      return fetchDashboard().then((next) => {
        if (id !== latest.current) return;
        if (!next) return router.replace(SIGN_IN);
        // A refresh that fails keeps the figures already shown.
        setLoaded((current) => (refresh && next.status === "error" && current.status === "ready" ? current : next));
      });
    },
    [router],
  );

  useEffect(() => {
    void load();
    // Back online: ask again.
    const unsubscribe = subscribeConnection(() => {
      if (!isOffline()) void load(true);
    });
    // Back or Forward to a page the browser kept (after signing out, say): never show the kept figures.
    const onShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      setLoaded({ status: "loading" });
      void load();
    };
    window.addEventListener("pageshow", onShow);
    const loads = latest;
    return () => {
      loads.current++;
      unsubscribe();
      window.removeEventListener("pageshow", onShow);
    };
  }, [load]);

  const retry = () => {
    // The button goes away: keep the keyboard's place on the heading, which stays.
    heading.current?.focus();
    setLoaded({ status: "loading" });
    void load();
  };

  return (
    <div className="stack">
      <h1 ref={heading} tabIndex={-1}>
        {loaded.status === "ready" ? `Welcome back, ${loaded.view.name}` : "Your dashboard"}
      </h1>
      {/* One live region for every state, so a screen reader hears each change. */}
      <p role="status" className={loaded.status === "loading" ? "muted" : "visually-hidden"}>
        {loaded.status === "loading" ? "Loading your progress…" : loaded.status === "ready" ? "Your progress is shown." : ""}
      </p>
      {loaded.status === "loading" && (
        <noscript>
          <p>
            Your dashboard needs JavaScript. <Link href={SIGN_IN}>Sign in</Link> if you have not.
          </p>
        </noscript>
      )}
      {loaded.status === "error" && (
        <>
          <p role="alert" className="alert error">
            {loaded.message}
          </p>
          <p>
            <button type="button" className="button" onClick={retry}>
              Try again
            </button>
          </p>
        </>
      )}
      {loaded.status === "ready" && <DashboardSections view={loaded.view} />}
    </div>
  );
}

function DashboardSections({ view }: { view: DashboardView }) {
  return (
    <div className="stack" data-testid="dashboard">
      <section aria-labelledby="progress-heading" className="stack">
        <h2 id="progress-heading">Your tracks</h2>
        <div className="grid">
          {view.tracks.map((track) => (
            <article key={track.trackId} className="card stack" data-testid={`dashboard-track-${track.trackId}`}>
              <h3>
                <Link href={`/learn/${track.trackId}`}>{track.title}</Link>
              </h3>
              <ProgressBar value={track.completed} max={track.total} label="Lessons completed" trackId={track.trackId} />
              <ProgressBar value={track.quizzesMastered} max={track.quizTotal} label="Quizzes mastered" trackId={track.trackId} />
              {track.exerciseTotal > 0 && (
                <ProgressBar value={track.exercisesSolved} max={track.exerciseTotal} label="Exercises solved" trackId={track.trackId} />
              )}
              {track.next ? (
                <Link href={track.next.href} className="button small">
                  {track.completed ? "Continue" : "Start"}: {track.next.title}
                </Link>
              ) : (
                <span className="badge ok">Track complete</span>
              )}
            </article>
          ))}
        </div>
      </section>

      <div className="grid">
        <section aria-labelledby="chooser-heading" className="card stack" data-testid="dashboard-chooser">
          <h2 id="chooser-heading" style={{ margin: 0, fontSize: "1.2rem" }}>
            Your framework pick
          </h2>
          {view.choice ? (
            <>
              <p style={{ margin: 0 }}>
                Latest result: <strong>{view.choice.framework}</strong>
                {view.choice.note && <span className="muted"> ({view.choice.note})</span>}
              </p>
              <p className="row" style={{ margin: 0 }}>
                <Link href={view.choice.href}>See why</Link>
                <Link href="/chooser">Retake the chooser</Link>
              </p>
            </>
          ) : (
            <p className="muted" style={{ margin: 0 }}>
              Not taken yet. <Link href="/chooser">Try the chooser</Link>: it weighs your project and your record here.
            </p>
          )}
        </section>
        <section aria-labelledby="projects-heading" className="card stack" data-testid="dashboard-projects">
          <h2 id="projects-heading" style={{ margin: 0, fontSize: "1.2rem" }}>
            Your projects
          </h2>
          {view.projects.length === 0 ? (
            <p className="muted" style={{ margin: 0 }}>
              None started. <Link href="/projects">Browse project ideas</Link>.
            </p>
          ) : (
            <ul style={{ margin: 0 }}>
              {view.projects.map((project) => (
                <li key={project.href}>
                  <Link href={project.href}>{project.title}</Link>{" "}
                  <span className="muted small">
                    {project.done} of {project.total} milestones
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="quizzes-heading" className="stack">
        <h2 id="quizzes-heading">Your quizzes</h2>
        {view.quizzes.length === 0 ? (
          <p className="empty">No quizzes taken yet. Every lesson ends with one: score 80% to master it.</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="dashboard-quizzes">
              <thead>
                <tr>
                  <th scope="col">Lesson</th>
                  <th scope="col">Best score</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {view.quizzes.map((quiz) => (
                  <tr key={quiz.quizId}>
                    <td>{quiz.href ? <Link href={quiz.href}>{quiz.lesson}</Link> : quiz.lesson}</td>
                    <td>{quiz.percent}%</td>
                    <td>{quiz.attempts}</td>
                    <td>{quiz.mastered ? <span className="badge ok">Mastered</span> : <span className="badge warn">Needs review</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
