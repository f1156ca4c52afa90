import { Button, Text } from "@react-email/components";
import { MailLayout, mailStyle } from "./layout";

export const manageLinkSubject = (siteName: string) => `Your link to manage your gifts to ${siteName}`;

/** The answer to "send me a link" on /support/manage. */
export function ManageLinkEmail({ siteName, manageUrl, days }: { siteName: string; manageUrl: string; days: number }) {
  return (
    <MailLayout
      siteName={siteName}
      preview="Your link to manage your gifts"
      footer={<Text style={mailStyle.small}>If you did not ask for this link, you can ignore this e-mail: nothing changes unless the link is used.</Text>}
    >
      <Text style={mailStyle.text}>Here is your link to see your gifts to {siteName} and change, pause or cancel a monthly or annual gift.</Text>
      <Button href={manageUrl} style={mailStyle.button}>
        Manage your gifts
      </Button>
      <Text style={mailStyle.small}>
        It works for {days === 1 ? "one day" : `${days} days`} and only for you; please do not forward it.
      </Text>
    </MailLayout>
  );
}
