import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag.js';

export interface MailSendingProps {
  readonly domain: string;
  /** The From address of everything Bowout sends; the only one the sending grant allows. */
  readonly senderAddress: string;
  /**
   * The domain is already an SES identity in the account (CloudFormation cannot adopt it: creating it again
   * fails with "already exists"). Its DKIM and MAIL FROM stay as they are. @default false
   */
  readonly existingIdentity?: boolean;
}

/**
 * The SES side of sending: the domain identity (Easy DKIM, custom MAIL FROM) unless the account has it
 * already, a configuration set every send names, and the one grant every sending function uses. The DNS
 * records to publish are stack outputs, because the domain's zone is not assumed to be in Route 53.
 */
export class MailSending extends Construct {
  /** Undefined when the stack uses an identity that was already in the account. */
  readonly identity?: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetArn: string;
  readonly senderAddress: string;
  /** MAIL FROM (envelope sender) domain of a created identity, so SPF aligns with the From domain for DMARC. */
  readonly mailFromDomain: string;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.mailFromDomain = `bounce.${props.domain}`;
    this.senderAddress = props.senderAddress;

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

    // An identity already in the account keeps its own default configuration set (if any); the functions
    // name this set on every send, so its bounces and complaints reach the feedback function either way.
    if (props.existingIdentity) return;

    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.domain),
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
      mailFromDomain: this.mailFromDomain,
      // Default set: every send uses it, so the mailer needs no configuration-set name.
      configurationSet: this.configurationSet,
    });

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

  /**
   * SES v2 `SendEmail` (raw MIME included) from the sender address only, through the configuration set.
   * SES authorises a send against every identity it involves: the From identity, and in the sandbox also the
   * verified recipient's, whose name is not known at deploy time. So the identity statement names all
   * identities of the account and region, and the `ses:FromAddress` condition limits it to Bowout's sender.
   * The configuration set is a statement of its own, so that it does not rely on the condition being
   * evaluated for a configuration-set resource.
   */
  grantSend(role: iam.Role): void {
    const identities = Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [identities],
        conditions: { StringEquals: { 'ses:FromAddress': this.senderAddress } },
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [this.configurationSetArn] }),
    );
    acknowledgeWildcardResource(
      role,
      identities,
      'In the SES sandbox a send is also authorised against the verified recipient identity, unknown at deploy time; the ses:FromAddress condition limits sending to the sender address.',
    );
  }
}
