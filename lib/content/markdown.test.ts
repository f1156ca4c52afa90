import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders headings, quotes, lists and links", async () => {
    const { html } = await renderMarkdown("## Sub\n\nA [link](/articles/x) and [out](https://example.org).\n\n> Quote\n\n- one\n- two\n");
    expect(html).toContain("<h2>Sub</h2>");
    expect(html).toContain('<a href="/articles/x">link</a>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">out</a>');
    expect(html).toMatch(/<blockquote>\s*<p>Quote<\/p>\s*<\/blockquote>/);
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
  });

  it("turns a lone titled image into a figure with caption, credit and its size", async () => {
    const { html } = await renderMarkdown('![A river](/images/r.svg "The river at dusk. Credit: Ana Test/Masthead")', {
      imageSize: (src) => (src === "/images/r.svg" ? { width: 800, height: 450 } : undefined),
    });
    expect(html).toBe(
      '<figure><img src="/images/r.svg" alt="A river" loading="lazy" decoding="async" width="800" height="450"><figcaption>The river at dusk. <span class="credit">Ana Test/Masthead</span></figcaption></figure>',
    );
  });

  it("keeps an image inside running text inline", async () => {
    const { html } = await renderMarkdown('Text ![x](/a.svg "t") more');
    expect(html).not.toContain("<figure>");
    expect(html).toContain('<img src="/a.svg" alt="x"');
  });

  it.each([
    ["script tag", "Hi <script>alert(1)</script> there", /<script/i],
    ["event handler", '<img src="x" onerror="alert(1)">', /onerror/i],
    ["javascript: link", "[click](javascript:alert(1))", /javascript:/i],
    ["iframe", '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ["svg with script", '<svg><script>alert(1)</script></svg>', /<svg|<script/i],
    ["css expression", '<p style="width: expression(alert(1))">x</p>', /expression|style=/i],
    ["data: image", "![x](data:image/svg+xml;base64,PHN2Zz4=)", /data:/i],
  ])("renders a %s inert", async (_name, source, forbidden) => {
    const { html } = await renderMarkdown(source);
    expect(html).not.toMatch(forbidden);
  });

  it("extracts plain text and counts words", async () => {
    const result = await renderMarkdown("# Title\n\nOne *two* three.\n\n- four");
    expect(result.text).toBe("Title One two three. four");
    expect(result.wordCount).toBe(5);
  });
});
