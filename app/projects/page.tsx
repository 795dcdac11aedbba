import type { Metadata } from "next";
import Link from "next/link";
import { getCourse } from "@/lib/content/load";
import { FRAMEWORK_NAMES, FRAMEWORKS } from "@/lib/content/schema";
import { excerpt } from "@/lib/format";

export const metadata: Metadata = { title: "Project ideas" };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<{ track?: string }> }) {
  const requested = (await searchParams).track;
  const track = FRAMEWORKS.find((t) => t === requested);
  const projects = [...getCourse().projects.values()].filter((project) => !track || project.track === track);
  return (
    <div className="stack">
      <h1>Project ideas</h1>
      <p className="muted">
        Build something real with what you learned. Each idea lists the lessons it builds on and milestones to tick off.
      </p>
      <nav className="row" aria-label="Filter by framework">
        <Link href="/projects" className={track ? "button small" : "button small primary"} aria-current={track ? undefined : "page"}>
          All
        </Link>
        {FRAMEWORKS.map((t) => (
          <Link
            key={t}
            href={`/projects?track=${t}`}
            className={track === t ? "button small primary" : "button small"}
            aria-current={track === t ? "page" : undefined}
          >
            {FRAMEWORK_NAMES[t]}
          </Link>
        ))}
      </nav>
      <div className="grid">
        {projects.map((project) => (
          <article
            key={project.id}
            className="card track-card stack"
            style={{ "--track": `var(--${project.track})` } as React.CSSProperties}
          >
            <h2 style={{ fontSize: "1.15rem", margin: 0 }}>
              <Link href={`/projects/${project.id}`}>{project.title}</Link>
            </h2>
            <p className="row small" style={{ margin: 0 }}>
              <span className="badge">{FRAMEWORK_NAMES[project.track]}</span>
              <span className="badge">{project.difficulty}</span>
              <span className="muted">{project.milestones.length} milestones</span>
            </p>
            <p className="muted small" style={{ margin: 0 }}>
              {excerpt(project.brief.split(/\n\s*\n/)[0], 200)}
            </p>
          </article>
        ))}
      </div>
    </div>
  );
}
