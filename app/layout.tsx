import type { Metadata, Viewport } from "next";
import { SiteHeader } from "@/components/layout/site-header";
import { OfflineStatus } from "@/components/layout/offline-status";
import { config } from "@/lib/config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Crossroads: learn Flask, Django and FastAPI", template: "%s · Crossroads" },
  description: "Learn Flask, Django and FastAPI by writing and running real code, then choose the one that fits your project.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf7" },
    { media: "(prefers-color-scheme: dark)", color: "#141414" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <OfflineStatus registerWorker={config.NODE_ENV === "production"} />
        <main id="main" tabIndex={-1}>
          <div className="container">{children}</div>
        </main>
        <footer className="site-footer">
          <div className="container">
            Crossroads teaches Flask 3.1, Django 5.2 and FastAPI 0.142 with Pydantic 2. Code runs in your browser or in a sandbox on our
            server.
          </div>
        </footer>
      </body>
    </html>
  );
}
