import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailSendingProps {
  readonly domain: string;
}

/**
 * The SES side of sending: the domain identity (Easy DKIM, custom MAIL FROM) with a default configuration
 * set, and the one grant every sending function uses. The DNS records to publish are stack outputs,
 * because the domain's zone is not assumed to be in Route 53.
 */
export class MailSending extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  /** `arn:aws:ses:<region>:<account>:identity/<domain>` */
  readonly identityArn: string;
  readonly configurationSetArn: string;
  /** MAIL FROM (envelope sender) domain, so SPF aligns with the From domain for DMARC. */
  readonly mailFromDomain: string;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.mailFromDomain = `bounce.${props.domain}`;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      // Never mail an address that bounced or complained again (DESIGN: feedback suppresses addresses).
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });

    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.domain),
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
      mailFromDomain: this.mailFromDomain,
      // Default set: every send uses it, so the mailer needs no configuration-set name.
      configurationSet: this.configurationSet,
    });
    // Built from the identity's name (its Ref) so that grants depend on the identity existing.
    this.identityArn = this.identity.emailIdentityArn;

    this.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: 'Publish as a CNAME record for Easy DKIM',
        value: `${record.name} CNAME ${record.value}`,
      });
    });
    new CfnOutput(this, 'MailFromRecords', {
      description: 'Publish for the custom MAIL FROM domain (SPF alignment)',
      value: `${this.mailFromDomain} MX 10 feedback-smtp.${stack.region}.amazonses.com; ${this.mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
    });
  }

  /** Sending through SES v2 `SendEmail` (and v1 raw sends) from the domain, via its configuration set. */
  grantSend(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: [this.identityArn, this.configurationSetArn],
    });
  }
}
