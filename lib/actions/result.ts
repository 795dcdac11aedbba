// What every server action answers (lib/actions/define.ts builds the answers). No server imports:
// client components import these types, and the form state helper below.

/** Form fields echoed back after a failure, so the person does not type them again (never passwords). */
export type FormValues = Record<string, string | undefined>;

export type ActionFailure = {
  ok: false;
  /** One message for the whole request. */
  error?: string;
  /** Messages for the form fields they belong to. */
  fieldErrors?: Record<string, string[] | undefined>;
  values?: FormValues;
  message?: undefined;
};

/** Success carries the action's own fields next to `ok`, and a message for the person when there is one. */
export type ActionSuccess<T extends object = object> = {
  ok: true;
  message?: string;
  error?: undefined;
  fieldErrors?: undefined;
  values?: undefined;
} & T;

export type ActionResult<T extends object = object> = ActionSuccess<T> | ActionFailure;

/** A form's state before its first submission: nothing to show yet, except values to fill in. */
export function formStart(values?: FormValues): ActionFailure {
  return values ? { ok: false, values } : { ok: false };
}
