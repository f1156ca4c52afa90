import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

/** The site's look in e-mail: its serif, its ink and paper, no images, readable in plain text too. */
export const mailStyle = {
  body: { backgroundColor: "#f6f3ee", color: "#1b1b1b", fontFamily: "Georgia, 'Times New Roman', serif", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", maxWidth: "560px", margin: "0 auto", padding: "24px 28px", border: "1px solid #e4ded3" },
  masthead: { fontSize: "22px", fontWeight: 700, letterSpacing: "0.02em", margin: "0 0 4px" },
  text: { fontSize: "17px", lineHeight: "1.55", margin: "0 0 14px" },
  small: { fontSize: "14px", lineHeight: "1.5", color: "#555555", margin: "0 0 10px" },
  button: { backgroundColor: "#8b1a1a", color: "#ffffff", fontSize: "17px", padding: "12px 18px", textDecoration: "none", display: "inline-block" },
  link: { color: "#8b1a1a" },
};

export function MailLayout({ siteName, preview, children, footer }: { siteName: string; preview: string; children: ReactNode; footer: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={mailStyle.body}>
        <Container style={mailStyle.container}>
          <Text style={mailStyle.masthead}>{siteName}</Text>
          <Hr />
          <Section>{children}</Section>
          <Hr />
          <Section>{footer}</Section>
        </Container>
      </Body>
    </Html>
  );
}
