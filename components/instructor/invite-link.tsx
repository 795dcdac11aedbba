"use client";

import { useState, useSyncExternalStore } from "react";
import "./instructor.css";

const noSubscribe = () => () => {};

/** The invite code and a full join link with a copy button. The origin is the one the instructor is using. */
export function InviteLink({ code, disabled }: { code: string; disabled?: boolean }) {
  const origin = useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => "",
  );
  const [copied, setCopied] = useState(false);
  const link = `${origin}/join?code=${encodeURIComponent(code)}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="stack">
      <p>
        Invite code:{" "}
        <code className="invite-code" data-testid="invite-code">
          {code}
        </code>
      </p>
      {disabled ? (
        <p className="muted">This cohort is archived: the code no longer admits anyone.</p>
      ) : (
        <div className="field">
          <label htmlFor="invite-link">Invite link</label>
          <div className="row">
            <input id="invite-link" className="invite-link" readOnly value={link} onFocus={(event) => event.currentTarget.select()} />
            <button type="button" className="button small" onClick={copy}>
              {copied ? "Copied" : "Copy link"}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
