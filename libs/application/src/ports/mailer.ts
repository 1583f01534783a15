/** A message as every channel renders it: an email's parts; Teams and webhooks take the subject and the text. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Lets receiving systems and our own logs tie the message to its cause. */
  headers: Record<string, string>;
}
