"use client";

import { useFormStatus } from "react-dom";

/** A submit button that disables itself while its form is pending, so a double click sends once. */
export function SubmitButton({
  children,
  pendingText,
  className = "button primary",
}: {
  children: React.ReactNode;
  pendingText: string;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending}>
      {pending ? pendingText : children}
    </button>
  );
}
