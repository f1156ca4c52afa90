/** The project's own sample articles, sections and authors (Markdown), relative to the repository root. */
export const SAMPLE_CONTENT_DIR = "db/seed/content";
