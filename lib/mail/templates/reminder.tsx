import { Button, Link, Text } from "@react-email/components";
import { MailLayout, mailStyle } from "./layout";

export const reminderSubject = (siteName: string) => `The reminder you asked for: supporting ${siteName}`;

/** The one e-mail a "Remind me later" with an address sends: the gift form, and a way out. */
export function ReminderEmail({ siteName, giveUrl, stopUrl, period }: { siteName: string; giveUrl: string; stopUrl: string; period: string }) {
  return (
    <MailLayout
      siteName={siteName}
      preview="You asked us to remind you"
      footer={
        <>
          <Text style={mailStyle.small}>
            You get this because you asked for a reminder on our site a {period === "month" ? "month" : "week"} ago. It is the only one: we do not keep your address, and we use it for nothing else.
          </Text>
          <Text style={mailStyle.small}>Do not want reminders at all? One click stops them for good:</Text>
          {/* Nothing after the link: in the plain-text part its address ends the line, so no punctuation sticks to it. */}
          <Text style={mailStyle.small}>
            <Link href={stopUrl} style={mailStyle.link}>
              Stop all reminders to this address
            </Link>
          </Text>
        </>
      }
    >
      <Text style={mailStyle.text}>Hello,</Text>
      <Text style={mailStyle.text}>
        You asked us to remind you about supporting {siteName}. Our journalism is paid for by readers like you: no owners, no advertisers. If you can, a gift of any size, once or every month, keeps it free for everyone.
      </Text>
      <Button href={giveUrl} style={mailStyle.button}>
        Support {siteName}
      </Button>
    </MailLayout>
  );
}
