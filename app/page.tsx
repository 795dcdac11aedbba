import Link from "next/link";
import { TrackCard } from "@/components/track/track-card";
import { listTracks } from "@/lib/content/queries";

export default function HomePage() {
  const tracks = listTracks();
  const frameworks = tracks.filter((track) => track.id !== "compare");
  const compare = tracks.find((track) => track.id === "compare");
  return (
    <>
      <section className="hero">
        <h1>Learn Flask, Django and FastAPI. Then pick the right one.</h1>
        <p>
          Three tracks of short lessons, each with real code you write and run in the page, a quiz that explains every answer, and project
          ideas to build next. A final chooser weighs your project and your own record to recommend a framework, and tells you why.
        </p>
        <div className="row">
          <Link className="button primary" href="/signup">
            Start learning, free
          </Link>
          <Link className="button" href="/chooser">
            Try the chooser
          </Link>
        </div>
      </section>

      <section aria-labelledby="tracks-heading" className="stack">
        <h2 id="tracks-heading">The tracks</h2>
        <div className="grid">
          {frameworks.map((track) => (
            <TrackCard key={track.id} track={track} />
          ))}
        </div>
        {compare && (
          <p>
            Finished a track or two? <Link href="/learn/compare">{compare.title}</Link>: {compare.tagline}
          </p>
        )}
      </section>

      <section aria-labelledby="how-heading" className="lesson-section">
        <h2 id="how-heading">How it works</h2>
        <div className="grid">
          <div className="card">
            <h3>Read a focused lesson</h3>
            <p className="muted">One idea per lesson, 10 to 20 minutes, with examples that run as shown.</p>
          </div>
          <div className="card">
            <h3>Write real framework code</h3>
            <p className="muted">
              The editor runs Flask and Django in your browser and FastAPI in a sandbox on our server, against checks that say exactly what
              went wrong.
            </p>
          </div>
          <div className="card">
            <h3>Check your understanding</h3>
            <p className="muted">Every lesson ends with a quiz. Score 80% to master it; retake as often as you like.</p>
          </div>
          <div className="card">
            <h3>Choose with evidence</h3>
            <p className="muted">The chooser combines your answers with what you have mastered and explains its pick.</p>
          </div>
        </div>
      </section>
    </>
  );
}
