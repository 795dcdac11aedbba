// Expected errors: the ones a caller may see. Domain code (lib/**) throws them; the route-handler
// wrapper (lib/http/api.ts) answers { error: message } with their status and headers, and the
// server-action pipeline (lib/actions/define.ts) answers { ok: false, error } (or a field error). Any
// other error is a bug: logged, and answered with a generic 500. No server imports: client code may
// import the subclasses' modules (lib/auth/roles.ts, for instance).

export class ExpectedError extends Error {
  constructor(
    /** The HTTP status a route handler answers with. */
    readonly status: number,
    /** Safe and useful to show as it is. */
    message: string,
    readonly headers: Record<string, string> = {},
    /** The form field the message belongs to, when a form shows it next to that field. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "ExpectedError";
  }
}

/**
 * A refusal by authorization: signed out, the wrong role, or a record that is not the viewer's.
 * Pages turn any refusal into the same 404 and actions into one generic message, so a refusal never
 * tells whether something exists (docs/decisions/0007-instructor-authorization.md).
 */
export class RefusalError extends ExpectedError {
  constructor(status: 401 | 403 | 404, message: string) {
    super(status, message);
    this.name = "RefusalError";
  }
}

export function isRefusal(error: unknown): error is RefusalError {
  return error instanceof RefusalError;
}
