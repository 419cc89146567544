// The providers behind the notifier's channels: email through SES (API v2, simple content with an HTML and a
// text body) and SMS through SNS (a direct publish to the phone number, transactional). Each answers `sent`,
// `refused` for a refusal that would repeat (logged as failed), or throws for one that may pass (retried).
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { EmailMessage, SmsMessage } from './domain/notification.ts';
import type { MessageSender, SendResult } from './domain/ports.ts';

/**
 * Provider errors that refuse this message for good: retrying cannot change the answer. Everything else
 * (throttling, outages, a suspended account, a missing configuration) may pass, so it is retried and ends
 * in the DLQ for an operator to redrive once fixed.
 */
const PERMANENT: Readonly<Record<'email' | 'sms', ReadonlySet<string>>> = {
  // MessageRejected: SES refuses the content or the recipient; BadRequestException: the request is invalid.
  email: new Set(['MessageRejected', 'BadRequestException']),
  // The phone number or message is invalid for SNS.
  sms: new Set(['InvalidParameterException', 'InvalidParameterValueException']),
};

/** The refusal's name when `error` refuses the message for good; undefined when a retry may succeed. */
export function permanentRefusal(channel: 'email' | 'sms', error: unknown): string | undefined {
  if (!(error instanceof Error) || !PERMANENT[channel].has(error.name)) return undefined;
  // An unverified sender identity is a configuration fault of ours, not of the message: retry (and DLQ)
  // rather than lose the mail.
  if (error.name === 'MessageRejected' && /not verified/i.test(error.message)) return undefined;
  return error.name;
}

export class SesEmailSender implements MessageSender<EmailMessage> {
  readonly #ses: SESv2Client;
  readonly #from: string;

  constructor(ses: SESv2Client, from: string) {
    this.#ses = ses;
    this.#from = from;
  }

  async send(message: EmailMessage): Promise<SendResult> {
    try {
      const out = await this.#ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.#from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: message.text, Charset: 'UTF-8' },
                Html: { Data: message.html, Charset: 'UTF-8' },
              },
            },
          },
        }),
      );
      return {
        outcome: 'sent',
        ...(out.MessageId === undefined ? {} : { providerMessageId: out.MessageId }),
      };
    } catch (error) {
      const refusal = permanentRefusal('email', error);
      if (refusal === undefined) throw error;
      return { outcome: 'refused', reason: refusal };
    }
  }
}

export class SnsSmsSender implements MessageSender<SmsMessage> {
  readonly #sns: SNSClient;

  constructor(sns: SNSClient) {
    this.#sns = sns;
  }

  async send(message: SmsMessage): Promise<SendResult> {
    try {
      const out = await this.#sns.send(
        new PublishCommand({
          PhoneNumber: message.to,
          Message: message.text,
          MessageAttributes: {
            // Order updates are transactional: SNS routes them for reliability, not the lowest price.
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          },
        }),
      );
      return {
        outcome: 'sent',
        ...(out.MessageId === undefined ? {} : { providerMessageId: out.MessageId }),
      };
    } catch (error) {
      const refusal = permanentRefusal('sms', error);
      if (refusal === undefined) throw error;
      return { outcome: 'refused', reason: refusal };
    }
  }
}
