import { z } from "zod";

export const slugSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens");

const date = z.preprocess(
  (v) => (v instanceof Date ? v : typeof v === "string" ? new Date(v) : v),
  z.date({ error: "must be an ISO 8601 date, e.g. 2026-11-27T06:30:00Z" }).refine((d) => !Number.isNaN(d.getTime()), "is not a valid date"),
);

const text = (max: number) => z.string().trim().min(1).max(max);

export const frontMatterSchema = z
  .object({
    slug: slugSchema,
    headline: text(300),
    dek: z.string().trim().max(600).default(""),
    section: slugSchema,
    authors: z.array(slugSchema).min(1, "needs at least one author").max(10),
    tags: z.array(slugSchema).max(20).default([]),
    status: z.enum(["draft", "published"]).default("published"),
    published: date,
    updated: date.optional(),
    hero: z
      .object({
        src: z.string().trim().regex(/^(\/|https:\/\/)/, "must be a site path (/images/…) or an https URL"),
        alt: text(500),
        caption: z.string().trim().max(600).optional(),
        credit: z.string().trim().max(200).optional(),
        width: z.number().int().positive().default(1600),
        height: z.number().int().positive().default(900),
      })
      .optional(),
  })
  .refine((fm) => !fm.updated || fm.updated >= fm.published, {
    message: "must not be before published",
    path: ["updated"],
  });

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export const sectionFileSchema = z.array(
  z.object({ slug: slugSchema, name: text(80), description: z.string().trim().max(400).default("") }),
);

export const authorFileSchema = z.array(
  z.object({
    slug: slugSchema,
    name: text(120),
    role: z.string().trim().max(120).default(""),
    bio: z.string().trim().max(2000).default(""),
    avatar: z.string().trim().regex(/^\//).optional(),
  }),
);

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const message = /received undefined$/.test(i.message) ? "is required" : i.message;
      return i.path.length ? `${i.path.join(".")}: ${message}` : message;
    })
    .join("; ");
}

export const tagName = (slug: string) => slug.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
