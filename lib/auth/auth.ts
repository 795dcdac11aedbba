import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { checkSession, endSession, startSession } from "@/lib/auth/sessions";
import { authorizeSignIn } from "@/lib/auth/sign-in-limits";
import { log } from "@/lib/log";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    sessionVersion: number;
    /** The UserSession row this browser's token names (lib/auth/sessions.ts). */
    sessionId?: string;
  }
}

// next-auth v5 with the Credentials provider: sessions are signed JWTs in an httpOnly cookie.
// The token carries the user id and session version only; guards re-read the user (and role)
// from the database on every request. See docs/decisions/0003-auth.md.
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: config.AUTH_SECRET,
  trustHost: true,
  // The cookie lives as long as the absolute session lifetime; the idle timeout and the lifetime are
  // enforced on the server, against the session's row, on every read of the session (jwt callback).
  session: { strategy: "jwt", maxAge: config.SESSION_MAX_HOURS * 60 * 60 },
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
  // next-auth's own sign-out endpoint ends the session's row too, so a copy of the token stops working (review #18).
  events: {
    async signOut(message) {
      if ("token" in message && message.token) await endSession(message.token.sid);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        token.sid = await startSession(user.id);
        return token;
      }
      // Null ends the session: its row is gone (signed out elsewhere), idle too long, or too old.
      return (await checkSession(token.sid, token.sub)).ok ? token : null;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
      session.sessionId = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
});
