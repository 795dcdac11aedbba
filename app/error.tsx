"use client";

import Link from "next/link";

// Shown when a page fails to render (the server logs the error with its digest). A production build
// sends the browser no error message, only the digest, which is what support needs to find the log line.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div className="stack auth-card" role="alert">
      <h1>Something went wrong</h1>
      <p className="muted">
        This page could not be shown. Try again; if it keeps happening, come back in a few minutes. Your saved progress is not affected.
      </p>
      {digest && <p className="small muted">{`Reference: ${digest}`}</p>}
      <div className="row">
        <button type="button" className="button primary" onClick={() => retry()}>
          Try again
        </button>
        <Link className="button" href="/">
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
