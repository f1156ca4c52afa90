import { Button, Link, Text } from "@react-email/components";
import { frequencyNoun, type Frequency } from "@/lib/donations/config";
import { formatMoney, type Currency } from "@/lib/money";
import { MailLayout, mailStyle } from "./layout";

export type ReceiptData = {
  amount: number;
  currency: Currency;
  frequency: Frequency;
  paidAt: string;
  /** The next payment of a monthly or annual gift, when Stripe has told us. */
  nextPaymentAt: string | null;
  /** A reference staff can find the payment by. */
  reference: string;
  name: string | null;
};

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export const receiptSubject = (data: ReceiptData, siteName: string) =>
  `Thank you: your ${frequencyNoun[data.frequency]} of ${formatMoney(data.amount, data.currency)} to ${siteName}`;

/** The receipt and thank-you for one successful payment (each renewal gets its own). */
export function ReceiptEmail({ data, siteName, manageUrl, supportEmail, monthlyUrl }: { data: ReceiptData; siteName: string; manageUrl: string | null; supportEmail: string; monthlyUrl: string }) {
  const amount = formatMoney(data.amount, data.currency);
  const recurring = data.frequency !== "once";
  return (
    <MailLayout
      siteName={siteName}
      preview={`Receipt for your ${frequencyNoun[data.frequency]} of ${amount}`}
      footer={
        <>
          <Text style={mailStyle.small}>
            This is your receipt. Keep it for your records. Reference: {data.reference}. Paid on {day.format(new Date(data.paidAt))}.
          </Text>
          <Text style={mailStyle.small}>
            Questions? Write to <Link href={`mailto:${supportEmail}`} style={mailStyle.link}>{supportEmail}</Link>.
          </Text>
        </>
      }
    >
      <Text style={mailStyle.text}>{data.name ? `Dear ${data.name},` : "Hello,"}</Text>
      <Text style={mailStyle.text}>
        Thank you. Your {frequencyNoun[data.frequency]} of <strong>{amount}</strong> keeps {siteName} independent and free for everyone to read.
      </Text>
      {recurring && (
        <Text style={mailStyle.text}>
          {data.nextPaymentAt ? `Your next payment of ${amount} is due on ${day.format(new Date(data.nextPaymentAt))}.` : `It renews ${data.frequency === "monthly" ? "every month" : "every year"}.`} You can change, pause or cancel it at any time.
        </Text>
      )}
      {!recurring && (
        <Text style={mailStyle.text}>
          Would you make it monthly? A small gift every month lets us plan a year of reporting ahead, and you can pause or cancel it at any time:{" "}
          <Link href={monthlyUrl} style={mailStyle.link}>
            give monthly
          </Link>
        </Text>
      )}
      {manageUrl && (
        <>
          <Button href={manageUrl} style={mailStyle.button}>
            Manage your gift
          </Button>
          <Text style={mailStyle.small}>This link is yours alone and works for a limited time; you can always ask for a new one on our support page.</Text>
        </>
      )}
    </MailLayout>
  );
}
