import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { authorizeSignIn } from "@/lib/auth/sign-in-limits";
import { log } from "@/lib/log";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    sessionVersion: number;
  }
}

// next-auth v5 with the Credentials provider: sessions are signed JWTs in an httpOnly cookie.
// The token carries the user id and session version only; guards re-read the user (and role)
// from the database on every request. See docs/decisions/0003-auth.md.
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: config.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  // next-auth reports every failed sign-in as an error; here it is one JSON log line, never a password.
  logger: {
    error: (error) => log("warn", "auth", { error: error.name, ...("code" in error ? { code: error.code } : {}) }),
    warn: () => {},
    debug: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      // Every password guess passes here (the sign-in action and next-auth's callback endpoint alike),
      // so the limits are enforced here, on the email actually looked up (lib/auth/sign-in-limits.ts).
      async authorize(raw, request) {
        const user = await authorizeSignIn(raw, request.headers);
        if (!user) return null;
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
      return session;
    },
  },
});
