/** The publication's language and locale, as pages (`<html lang>`), feeds, sitemaps and share cards state them. */
export const SITE_LANGUAGE = "en";
export const OG_LOCALE = "en_GB";
