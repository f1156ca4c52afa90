import "./globals.css";

/** Only the document: the public chrome is in (site)/layout.tsx, the staff area has its own. */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
