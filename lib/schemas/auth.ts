import { z } from "zod";

// Shared by the sign-up/sign-in forms and their server actions. No server imports here.

const COMMON_PASSWORDS = new Set([
  "password",
  "password1",
  "password123",
  "123456789",
  "1234567890",
  "12345678910",
  "qwerty123",
  "qwertyuiop",
  "iloveyou",
  "letmein123",
  "welcome123",
  "admin12345",
  "passw0rd",
  "abc1234567",
  "crossroads",
  "crossroads1",
  "football1",
  "monkey1234",
  "sunshine1",
  "princess1",
]);

export const EmailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like you@example.com." }));

export const PasswordSchema = z
  .string({ error: "Enter a password." })
  .min(10, "Use at least 10 characters: longer passwords are much harder to guess.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "That password is one of the most common ones. Pick something less predictable.")
  .refine((p) => new Set(p).size >= 5, "That password repeats too few characters. Mix in more variety.");

export const SignUpSchema = z
  .object({
    name: z.string({ error: "Enter your name." }).trim().min(1, "Enter your name.").max(80, "Use at most 80 characters."),
    email: EmailSchema,
    password: PasswordSchema,
  })
  .refine((v) => !v.password.toLowerCase().includes(v.email.split("@")[0] ?? "\u0000"), {
    path: ["password"],
    message: "Your password should not contain your email address.",
  });
export type SignUp = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200),
});
export type SignIn = z.infer<typeof SignInSchema>;

/** Control characters (browsers drop tabs and newlines inside URLs) and backslashes (read as "/"). */
const UNSAFE_IN_CALLBACK = /[\u0000-\u001F\u007F\\]/;
const CALLBACK_BASE = "http://callback.invalid";

/**
 * A post-sign-in destination on this site: the value is parsed the way a browser would, against
 * this origin, and only its path, query and hash are kept. Anything that would leave the origin,
 * or that holds a control character or a backslash, gives `fallback` (review #6).
 */
export function safeCallbackUrl(value: unknown, fallback = "/dashboard"): string {
  if (typeof value !== "string" || value === "" || value.length > 2048 || UNSAFE_IN_CALLBACK.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, `${CALLBACK_BASE}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== CALLBACK_BASE) return fallback;
  // "/.//host" parses to the path "//host", which a browser reads as another origin.
  if (url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

/** Reset tokens are 32 random bytes in base64url (43 characters); anything else is refused before a lookup. */
export const ResetPasswordSchema = z.object({
  token: z.string().regex(/^[\w-]{43}$/, "This reset link is not complete. Copy the whole link from the email."),
  password: PasswordSchema,
});

const CurrentPasswordSchema = z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(200);

export const ChangePasswordSchema = z
  .object({ currentPassword: CurrentPasswordSchema, newPassword: PasswordSchema })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Pick a password different from the current one.",
  });

export const ChangeEmailSchema = z.object({ currentPassword: CurrentPasswordSchema, email: EmailSchema });
