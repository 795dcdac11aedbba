// GET/POST /api/auth/* - next-auth's own endpoints (session, CSRF token, sign-in callback)
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
