import Link from "next/link";
import { AccountMenu } from "@/components/layout/account-menu";
import { SiteSearch } from "@/components/search/site-search";

// Static on purpose: lesson pages stay prerendered. The account menu asks who is signed in.
export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ✕
          </span>
          Crossroads
        </Link>
        <nav className="site-nav" aria-label="Main">
          <Link href="/learn/flask">Flask</Link>
          <Link href="/learn/django">Django</Link>
          <Link href="/learn/fastapi">FastAPI</Link>
          <Link href="/learn/compare">Compare</Link>
          <Link href="/projects">Projects</Link>
          <Link href="/chooser">Chooser</Link>
        </nav>
        <SiteSearch />
        <AccountMenu />
      </div>
    </header>
  );
}
