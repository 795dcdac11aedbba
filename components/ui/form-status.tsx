import type { ReactNode } from "react";

/** An error a screen reader announces at once; renders nothing when there is no message. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="alert error">
      {message}
    </p>
  );
}

/** A success message, announced politely. */
export function FormNotice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="alert ok">
      {children}
    </p>
  );
}
