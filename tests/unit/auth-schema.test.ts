import { describe, expect, it } from "vitest";
import { SignUpSchema, safeCallbackUrl } from "@/lib/schemas/auth";

function problems(input: Record<string, string>) {
  const result = SignUpSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("SignUpSchema", () => {
  const valid = { name: "Grace", email: "Grace@Example.test ", password: "a quiet river at dawn" };

  it("accepts a good sign-up and normalises the email", () => {
    const parsed = SignUpSchema.parse(valid);
    expect(parsed.email).toBe("grace@example.test");
  });

  it.each([
    ["short", "password: Use at least 10 characters"],
    ["password123", "most common"],
    ["aaaaaaaaaaaa", "repeats too few characters"],
    ["grace-is-my-name", "should not contain your email"],
  ])("refuses the weak password %j with a reason", (password, reason) => {
    expect(problems({ ...valid, password }).join("\n")).toContain(reason);
  });

  it("names a bad email", () => {
    expect(problems({ ...valid, email: "not-an-email" }).join("\n")).toContain("email: Enter a valid email address");
  });
});

describe("safeCallbackUrl", () => {
  it.each([
    ["/learn/flask", "/learn/flask"],
    ["https://evil.example", "/dashboard"],
    ["//evil.example", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    [undefined, "/dashboard"],
  ])("%j becomes %j", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});
