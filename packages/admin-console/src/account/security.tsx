// TOTP enrolment for staff and admins: Cognito's AssociateSoftwareToken gives a secret (shown as text and as
// an otpauth:// URI), VerifySoftwareToken checks a code from the app, SetUserMFAPreference makes TOTP the
// preferred factor. The access token authorises these calls; the SDK is loaded only on this page.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState, type JSX } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { useConsole, useSession } from '../app/console.tsx';
import { Field } from '../ui/field.tsx';
import { errorText } from '../ui/status-views.tsx';

async function cognito(region: string, endpoint: string) {
  const sdk = await import('@aws-sdk/client-cognito-identity-provider');
  const client = new sdk.CognitoIdentityProviderClient({
    region,
    endpoint,
    // These operations are authorised by the access token (no SigV4); the values only keep the SDK from
    // looking for AWS credentials a browser does not have.
    credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  });
  return { sdk, client };
}

const codeSchema = z.object({
  code: z.string().check(z.trim(), z.regex(/^\d{6}$/, 'The 6 digits your app shows.')),
});

export function Security(): JSX.Element {
  const { config, signOut } = useConsole();
  const session = useSession();
  const [secret, setSecret] = useState<string | null>(null);
  const [enrolled, setEnrolled] = useState(false);

  const associate = useMutation({
    mutationFn: async () => {
      const { sdk, client } = await cognito(config.region, config.cognitoEndpoint);
      const out = await client.send(
        new sdk.AssociateSoftwareTokenCommand({ AccessToken: session.accessToken }),
      );
      if (!out.SecretCode) throw new Error('Cognito gave no secret.');
      return out.SecretCode;
    },
    onSuccess: setSecret,
  });

  const issuer = `Commerce admin (${config.stage})`;
  const uri = secret
    ? `otpauth://totp/${encodeURIComponent(`${issuer}:${session.email}`)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`
    : '';

  return (
    <section aria-labelledby="security-title">
      <h1 id="security-title">Account security</h1>
      <p>
        Two-step sign-in with an authenticator app (TOTP):{' '}
        <strong>{session.mfa ? 'set up for this account' : 'not set up yet'}</strong>.
        {config.requireStaffMfa && ' On this stage the API serves staff only once TOTP is set up.'}
      </p>

      {enrolled ? (
        <div className="panel" role="status">
          <h2>TOTP is set up</h2>
          <p>
            Your current sign-in still says otherwise: sign in again (with a code from your app) so the API
            sees the new setting.
          </p>
          <button type="button" className="primary" onClick={() => void signOut()}>
            Sign in again
          </button>
        </div>
      ) : secret === null ? (
        <div className="panel">
          <p>
            {session.mfa
              ? 'Set up a new authenticator app; it replaces the old one.'
              : 'You will need an authenticator app.'}
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => associate.mutate()}
            disabled={associate.isPending}
          >
            Set up TOTP
          </button>
          {associate.isError && (
            <p role="alert" className="alert alert-error">
              Could not start the setup: {errorText(associate.error)}
            </p>
          )}
        </div>
      ) : (
        <Verify secret={secret} uri={uri} onEnrolled={() => setEnrolled(true)} />
      )}
    </section>
  );
}

function Verify(props: { secret: string; uri: string; onEnrolled: () => void }) {
  const { config } = useConsole();
  const session = useSession();
  const [copied, setCopied] = useState<string | null>(null);
  const form = useForm<{ code: string }>({ resolver: zodResolver(codeSchema), defaultValues: { code: '' } });
  const verify = useMutation({
    mutationFn: async (code: string) => {
      const { sdk, client } = await cognito(config.region, config.cognitoEndpoint);
      const out = await client.send(
        new sdk.VerifySoftwareTokenCommand({
          AccessToken: session.accessToken,
          UserCode: code,
          FriendlyDeviceName: 'Authenticator',
        }),
      );
      if (out.Status !== 'SUCCESS')
        throw new Error('The code was not accepted; try the next one your app shows.');
      await client.send(
        new sdk.SetUserMFAPreferenceCommand({
          AccessToken: session.accessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
    },
    onSuccess: props.onEnrolled,
    onError: (e) => form.setError('code', { message: errorText(e) }),
  });
  const copy = (text: string, what: string) =>
    void navigator.clipboard
      .writeText(text)
      .then(() => setCopied(`${what} copied.`))
      .catch(() => setCopied('Copying is not allowed here: select the text instead.'));

  return (
    <form
      className="panel"
      noValidate
      onSubmit={(e) => void form.handleSubmit((v) => verify.mutate(v.code.trim()))(e)}
      aria-labelledby="verify-title"
    >
      <h2 id="verify-title">Add the key to your app</h2>
      <p>Enter the secret key in your authenticator app, or open the setup URI with it.</p>
      <Field label="Secret key">
        {(c) => (
          <input {...c} readOnly value={props.secret} className="mono" onFocus={(e) => e.target.select()} />
        )}
      </Field>
      <button type="button" onClick={() => copy(props.secret, 'Secret key')}>
        Copy secret key
      </button>
      <Field label="Setup URI">
        {(c) => (
          <textarea
            {...c}
            readOnly
            rows={3}
            value={props.uri}
            className="mono"
            onFocus={(e) => e.target.select()}
          />
        )}
      </Field>
      <button type="button" onClick={() => copy(props.uri, 'Setup URI')}>
        Copy setup URI
      </button>
      <p role="status" className="saved">
        {copied}
      </p>
      <Field label="Code from your app" error={form.formState.errors.code?.message}>
        {(c) => <input {...c} inputMode="numeric" autoComplete="one-time-code" {...form.register('code')} />}
      </Field>
      <button type="submit" className="primary" disabled={verify.isPending}>
        Verify code
      </button>
    </form>
  );
}
