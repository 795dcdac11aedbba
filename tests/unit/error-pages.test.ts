import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import ErrorPage from "@/app/error";
import NotFound from "@/app/not-found";

describe("error pages", () => {
  it("the 404 page says nothing about whether the page exists for someone else", () => {
    const html = renderToString(createElement(NotFound));
    expect(html).toContain("Page not found");
    expect(html).not.toMatch(/yours|permission|sign in/i);
  });

  it("the error page shows the digest, never the message", () => {
    const error = Object.assign(new Error("secret database detail"), { digest: "1234567890" });
    const html = renderToString(createElement(ErrorPage, { error, retry: () => {} }));
    expect(html).toContain("Something went wrong");
    expect(html).toContain("Reference: 1234567890");
    expect(html).not.toContain("secret database detail");
    expect(renderToString(createElement(ErrorPage, { error: "thrown text", retry: () => {} }))).not.toContain("Reference");
  });
});
