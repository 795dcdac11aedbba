import { expect, test } from "@playwright/test";

// Long code lines and wide quiz answers must scroll inside their own boxes, never widen the page.
test.use({ viewport: { width: 390, height: 844 } });

test("every lesson and the main pages fit a phone screen without sideways scrolling", async ({ page }) => {
  const urls = ["/", "/signin", "/signup", "/chooser", "/projects", "/join"];
  for (const track of ["flask", "django", "fastapi", "compare"]) {
    await page.goto(`/learn/${track}`);
    urls.push(`/learn/${track}`);
    const lessons = await page
      .locator(`main a[href^="/learn/${track}/"]`)
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    expect(lessons.length, track).toBeGreaterThanOrEqual(5);
    urls.push(...new Set(lessons));
  }
  const overflowing: string[] = [];
  for (const url of urls) {
    await page.goto(url);
    const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (scrollWidth > innerWidth) overflowing.push(`${url} is ${scrollWidth}px wide`);
  }
  expect(overflowing).toEqual([]);
});
