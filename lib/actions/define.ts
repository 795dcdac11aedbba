import "server-only";
import { z } from "zod";
import type { ActionFailure, ActionResult, FormValues } from "@/lib/actions/result";
import { getSessionUser, requireUser } from "@/lib/auth/guards";
import { assertRole, type RoleName } from "@/lib/auth/roles";
import { ExpectedError, isRefusal } from "@/lib/errors";
import { loggedAction } from "@/lib/http/action-log";
import { describeZodError } from "@/lib/http/errors";
import type { PublicUser } from "@/lib/users";

// The one pipeline every server action goes through (docs/conventions.md): log → user → role →
// parse → run → expected errors into the answer. A server action is a public POST endpoint, so the
// user check is declared here and cannot be forgotten; the data functions still check roles and
// ownership themselves (docs/decisions/0007-instructor-authorization.md).

type Fields = Record<string, string>;

/**
 * Who may call the action.
 * - "none": nobody is looked up (sign-in, sign-up).
 * - "optional": the user, or null for a visitor.
 * - { signInTo }: signed out → redirect to sign-in, then back to `signInTo` (forms).
 * - { signedOut }: signed out → { ok: false, error: signedOut } (actions a page calls from a script).
 * `role` refuses signed-in users below it, answered like any refusal (see `refusal`).
 */
export type ActionAuth =
  "none" | "optional" | { signInTo: string | ((fields: Fields) => string); role?: RoleName } | { signedOut: string; role?: RoleName };

type UserFor<A extends ActionAuth> = A extends "none" ? null : A extends "optional" ? PublicUser | null : PublicUser;

export interface ActionOptions<S extends z.ZodType | undefined, A extends ActionAuth> {
  /** The log line's route: `action <name>`. */
  name: string;
  auth: A;
  schema?: S;
  /**
   * How input that fails the schema is answered: "fields" (a message per form field), a fixed
   * message (input nobody typed: hidden ids, JSON the page built), or a function of the zod error.
   * Default: one sentence naming the fields (describeZodError), as route handlers answer a 400.
   */
  invalid?: "fields" | string | ((error: z.ZodError) => string);
  /**
   * The one answer for every refusal (signed out of a role, not the owner, no such record), so an
   * answer never tells whether something exists. Without it a refusal answers with its own message.
   */
  refusal?: string;
  /** Form fields sent back in `values` after a failure. */
  keep?: readonly string[];
}

type Input<S> = S extends z.ZodType ? z.output<S> : undefined;
type Run<S, A extends ActionAuth, T> = (args: { input: Input<S>; user: UserFor<A>; fields: Fields }) => Promise<T>;

/** The message of the first problem alone, for a form with one field (an invite code, say). */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "That request was not understood.";
}

function invalidAnswer(invalid: ActionOptions<z.ZodType, ActionAuth>["invalid"], error: z.ZodError): Omit<ActionFailure, "ok"> {
  if (invalid === "fields") {
    const flat = z.flattenError(error);
    return { fieldErrors: flat.fieldErrors, ...(flat.formErrors.length ? { error: flat.formErrors.join(" ") } : {}) };
  }
  if (typeof invalid === "string") return { error: invalid };
  return { error: invalid ? invalid(error) : describeZodError(error) };
}

async function pipeline<S extends z.ZodType | undefined, A extends ActionAuth, T extends object>(
  options: ActionOptions<S, A>,
  raw: unknown,
  fields: Fields,
  run: Run<S, A, T>,
): Promise<ActionResult<T>> {
  const values: FormValues | undefined = options.keep ? Object.fromEntries(options.keep.map((name) => [name, fields[name]])) : undefined;
  const fail = (failure: Omit<ActionFailure, "ok">): ActionFailure => ({ ok: false, ...failure, ...(values ? { values } : {}) });

  const auth: ActionAuth = options.auth;
  let user: PublicUser | null = null;
  if (auth === "optional") user = await getSessionUser();
  else if (auth !== "none" && "signInTo" in auth)
    user = await requireUser(typeof auth.signInTo === "function" ? auth.signInTo(fields) : auth.signInTo);
  else if (auth !== "none") {
    user = await getSessionUser();
    if (!user) return fail({ error: auth.signedOut });
  }

  try {
    if (typeof auth === "object" && auth.role) assertRole(user!.role, auth.role);
    let input: unknown = undefined;
    if (options.schema) {
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) return fail(invalidAnswer(options.invalid, parsed.error));
      input = parsed.data;
    }
    const data = await run({ input: input as Input<S>, user: user as UserFor<A>, fields });
    return { ok: true, ...data } as ActionResult<T>;
  } catch (error) {
    if (options.refusal && isRefusal(error)) return fail({ error: options.refusal });
    if (error instanceof ExpectedError)
      return fail(error.field ? { fieldErrors: { [error.field]: [error.message] } } : { error: error.message });
    throw error;
  }
}

function formFields(formData: FormData): Fields {
  const out: Fields = {};
  for (const [key, value] of formData) if (typeof value === "string") out[key] = value;
  return out;
}

/** An action a page calls from a script with a JSON-like value. Input is untrusted: the schema decides. */
export function action<S extends z.ZodType | undefined = undefined, A extends ActionAuth = ActionAuth, T extends object = object>(
  options: ActionOptions<S, A>,
  run: Run<S, A, T>,
): (input?: unknown) => Promise<ActionResult<T>> {
  return loggedAction(options.name, (input?: unknown) => pipeline(options, input, {}, run));
}

/** An action a <form> posts (useActionState): the form's string fields are its input. */
export function formAction<S extends z.ZodType | undefined = undefined, A extends ActionAuth = ActionAuth, T extends object = object>(
  options: ActionOptions<S, A>,
  run: Run<S, A, T>,
): (previous: unknown, formData: FormData) => Promise<ActionResult<T>> {
  const withFields: ActionOptions<S, A> = { invalid: "fields", ...options };
  return loggedAction(options.name, (_previous: unknown, formData: FormData) => {
    const fields = formFields(formData);
    return pipeline(withFields, fields, fields, run);
  });
}
