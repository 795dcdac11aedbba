import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

// Shown for unknown addresses and for every notFound(): a page someone may not see looks exactly like
// one that does not exist (docs/decisions/0007-instructor-authorization.md), so this says neither.
export default function NotFound() {
  return (
    <div className="stack auth-card">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address. The link may be mistyped, or the page may have moved.</p>
      <div className="row">
        <Link className="button primary" href="/">
          Go to the home page
        </Link>
        <Link className="button" href="/dashboard">
          Your dashboard
        </Link>
      </div>
    </div>
  );
}
