import { Button, Text } from "@react-email/components";
import { frequencyNoun, type Frequency } from "@/lib/donations/config";
import { formatMoney, type Currency } from "@/lib/money";
import { MailLayout, mailStyle } from "./layout";

export type PaymentFailedData = { amount: number; currency: Currency; frequency: Frequency; nextAttemptAt: string | null; name: string | null };

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export const paymentFailedSubject = (siteName: string) => `Your gift to ${siteName} did not go through`;

/** A renewal the card refused: calm, no blame, one thing to do. Stripe keeps retrying meanwhile. */
export function PaymentFailedEmail({ data, siteName, manageUrl }: { data: PaymentFailedData; siteName: string; manageUrl: string | null }) {
  const amount = formatMoney(data.amount, data.currency);
  return (
    <MailLayout
      siteName={siteName}
      preview={`Your ${frequencyNoun[data.frequency]} of ${amount} did not go through`}
      footer={<Text style={mailStyle.small}>Nothing else changes: your gift stays as it is until you choose otherwise.</Text>}
    >
      <Text style={mailStyle.text}>{data.name ? `Dear ${data.name},` : "Hello,"}</Text>
      <Text style={mailStyle.text}>
        Your bank did not accept this {data.frequency === "annual" ? "year" : "month"}’s payment of <strong>{amount}</strong> for your {frequencyNoun[data.frequency]} to {siteName}. This happens, often because a card has expired or been replaced.
      </Text>
      <Text style={mailStyle.text}>
        {data.nextAttemptAt ? `We will try again on ${day.format(new Date(data.nextAttemptAt))}.` : "We will try again in a few days."} If your card has changed, you can update it in a minute:
      </Text>
      {manageUrl && (
        <Button href={manageUrl} style={mailStyle.button}>
          Update your card
        </Button>
      )}
    </MailLayout>
  );
}
