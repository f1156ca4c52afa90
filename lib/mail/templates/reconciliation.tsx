import { Button, Text } from "@react-email/components";
import { MailLayout, mailStyle } from "./layout";

export const reconciliationSubject = (siteName: string, disagreements: number) =>
  `${siteName}: Stripe and the ledger disagree on ${disagreements} ${disagreements === 1 ? "thing" : "things"}`;

/** To staff, only on a night when reconciliation found a disagreement: the report, and where to look. */
export function ReconciliationEmail({ siteName, lines, adminUrl }: { siteName: string; lines: string[]; adminUrl: string }) {
  return (
    <MailLayout siteName={siteName} preview="Last night's reconciliation found disagreements" footer={<Text style={mailStyle.small}>Sent by the nightly reconciliation, only when something disagrees.</Text>}>
      <Text style={mailStyle.text}>Last night's comparison of Stripe with the newsroom's ledger found something to look at. Nothing in the ledger was overwritten.</Text>
      {lines.map((line, i) => (
        <Text key={i} style={{ ...mailStyle.small, fontFamily: "Menlo, Consolas, monospace", margin: "0 0 4px" }}>
          {line}
        </Text>
      ))}
      <Button href={adminUrl} style={mailStyle.button}>
        Open the staff dashboard
      </Button>
    </MailLayout>
  );
}
