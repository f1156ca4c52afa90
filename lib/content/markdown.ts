import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

export type ImageSize = { width: number; height: number };
export type RenderOptions = {
  /** Intrinsic size of a local image, so the browser reserves its box (no layout shift). */
  imageSize?: (src: string) => ImageSize | undefined;
};
export type RenderedMarkdown = { html: string; text: string; wordCount: number };

// Raw HTML is never passed through (remark-rehype drops it); sanitising afterwards is the second
// line of defence against script, event handlers and javascript: URLs.
const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), "figure", "figcaption"],
  attributes: {
    ...defaultSchema.attributes,
    img: [...(defaultSchema.attributes?.img ?? []), "alt", "width", "height", "loading", "decoding"],
    a: [...(defaultSchema.attributes?.a ?? []), "rel"],
    figcaption: [],
    span: [["className", "credit"]],
  },
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"] },
};

/** A paragraph holding only an image with a title becomes a figure; the title is its caption. */
function rehypeFigures(options: RenderOptions) {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName === "img") {
        node.properties.loading = "lazy";
        node.properties.decoding = "async";
        const src = typeof node.properties.src === "string" ? node.properties.src : "";
        const size = options.imageSize?.(src);
        if (size) Object.assign(node.properties, size);
      }
      if (node.tagName === "a") {
        const href = typeof node.properties.href === "string" ? node.properties.href : "";
        if (/^https?:\/\//.test(href)) node.properties.rel = ["noopener", "noreferrer"];
      }
      if (node.tagName !== "p" || !parent || index === undefined) return;
      const children = node.children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
      const only = children[0];
      if (children.length !== 1 || only?.type !== "element" || only.tagName !== "img") return;
      const title = typeof only.properties.title === "string" ? only.properties.title : "";
      delete only.properties.title;
      const figure: Element = { type: "element", tagName: "figure", properties: {}, children: [only] };
      if (title) {
        const [caption = "", credit] = title.split(/\s*Credit:\s*/);
        const parts: Element["children"] = [{ type: "text", value: caption }];
        if (credit) {
          parts.push({ type: "text", value: " " });
          parts.push({ type: "element", tagName: "span", properties: { className: ["credit"] }, children: [{ type: "text", value: credit }] });
        }
        figure.children.push({ type: "element", tagName: "figcaption", properties: {}, children: parts });
      }
      parent.children[index] = figure;
    });
  };
}

export async function renderMarkdown(source: string, options: RenderOptions = {}): Promise<RenderedMarkdown> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype)
    .use(rehypeFigures, options)
    .use(rehypeSanitize, schema);
  const tree = (await processor.run(processor.parse(source))) as Root;
  const html = unified().use(rehypeStringify).stringify(tree);
  const text = toString(tree).replace(/\s+/g, " ").trim();
  return { html, text, wordCount: text ? text.split(" ").length : 0 };
}
