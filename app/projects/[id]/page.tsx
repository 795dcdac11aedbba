import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProjectTracker } from "@/components/projects/project-tracker";
import { getSessionUser } from "@/lib/auth/guards";
import { getCourse } from "@/lib/content/load";
import { renderMarkdown } from "@/lib/content/markdown";
import { getLesson, lessonPath } from "@/lib/content/queries";
import { listProjectStates } from "@/lib/projects";
import "@/components/chooser/chooser.css";

type Params = { id: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const project = getCourse().projects.get((await params).id);
  return project ? { title: project.title } : {};
}

export default async function ProjectPage({ params }: { params: Promise<Params> }) {
  const project = getCourse().projects.get((await params).id);
  if (!project) notFound();
  const user = await getSessionUser();
  const [state] = user ? await listProjectStates(user.id, [project.id]) : [];
  const { html } = await renderMarkdown(project.brief);
  return (
    <div className="stack" style={{ maxWidth: 860 }}>
      <p className="muted small">
        <Link href={`/projects?track=${project.track}`}>Project ideas</Link> · {project.difficulty}
      </p>
      <h1>{project.title}</h1>
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
      <section aria-labelledby="builds-on">
        <h2 id="builds-on">Builds on</h2>
        <ul>
          {project.buildsOn.map((id) => {
            const lesson = getLesson(id);
            return <li key={id}>{lesson ? <Link href={lessonPath(lesson)}>{lesson.title}</Link> : id}</li>;
          })}
        </ul>
      </section>
      <ProjectTracker projectId={project.id} milestones={project.milestones} initial={state ?? null} signedIn={Boolean(user)} />
      <section aria-labelledby="stretch">
        <h2 id="stretch">Stretch goals</h2>
        <ul>
          {project.stretch.map((goal) => (
            <li key={goal}>{goal}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
