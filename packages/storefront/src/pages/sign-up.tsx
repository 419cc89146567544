// /sign-up: create an account with email and password (Cognito SignUp), then verify the emailed code
// (ConfirmSignUp); the shopper then signs in through the hosted page.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { TextField } from '../form-fields.tsx';
import { useSession, useShop } from '../shop.tsx';

/** The user pool's password policy (docs/auth.md): 12+ characters with every character class. */
const PASSWORD_RULE = 'At least 12 characters with upper- and lower-case letters, a digit and a symbol.';

/** Cognito's error names the shopper can act on, by the field they are about. */
function cognitoError(error: unknown): { field?: 'email' | 'password' | 'code'; message: string } {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  switch (name) {
    case 'UsernameExistsException':
      return { field: 'email', message: 'An account with this email exists already. Sign in instead.' };
    case 'InvalidPasswordException':
      return { field: 'password', message };
    case 'CodeMismatchException':
      return { field: 'code', message: 'That code is not right. Check the email and try again.' };
    case 'ExpiredCodeException':
      return { field: 'code', message: 'That code has expired.' };
    case 'TypeError':
      return { message: 'The sign-up service could not be reached. Check your connection and try again.' };
    default:
      return { message };
  }
}

interface SignUpValues {
  email: string;
  password: string;
}

function SignUpForm({ onDone }: { onDone: (email: string) => void }) {
  const { config } = useShop();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<SignUpValues>();
  const submit = handleSubmit(async ({ email, password }) => {
    setFormMessage(null);
    try {
      const cognito = await import('../cognito-sign-up.ts');
      await cognito.signUp(config, email.trim(), password);
      onDone(email.trim());
    } catch (error) {
      const { field, message } = cognitoError(error);
      if (field === 'email' || field === 'password') setError(field, { type: 'server', message });
      else setFormMessage(message);
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="panel narrow">
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        error={formState.errors.email?.message}
        {...register('email', { required: 'Enter your email address.' })}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_RULE}
        error={formState.errors.password?.message}
        {...register('password', {
          required: 'Choose a password.',
          minLength: { value: 12, message: PASSWORD_RULE },
        })}
      />
      {formMessage && (
        <p className="alert" role="alert">
          {formMessage}
        </p>
      )}
      <button type="submit" disabled={formState.isSubmitting}>
        Create account
      </button>
    </form>
  );
}

interface ConfirmValues {
  code: string;
}

function ConfirmForm({ email, onDone }: { email: string; onDone: () => void }) {
  const { config } = useShop();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<ConfirmValues>();
  const submit = handleSubmit(async ({ code }) => {
    setFormMessage(null);
    try {
      const cognito = await import('../cognito-sign-up.ts');
      await cognito.confirmSignUp(config, email, code.trim());
      onDone();
    } catch (error) {
      const { field, message } = cognitoError(error);
      if (field === 'code') setError('code', { type: 'server', message });
      else setFormMessage(message);
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="panel narrow">
      <p>We sent a verification code to {email}.</p>
      {config.stage === 'local' && <p className="hint">Local stage: the code is always 123456.</p>}
      <TextField
        label="Verification code"
        autoComplete="one-time-code"
        inputMode="numeric"
        error={formState.errors.code?.message}
        {...register('code', { required: 'Enter the code from the email.' })}
      />
      {formMessage && (
        <p className="alert" role="alert">
          {formMessage}
        </p>
      )}
      <button type="submit" disabled={formState.isSubmitting}>
        Verify email
      </button>
    </form>
  );
}

type Step =
  | { readonly kind: 'details' }
  | { readonly kind: 'code'; readonly email: string }
  | { readonly kind: 'done' };

export function SignUpPage() {
  const shop = useShop();
  const session = useSession();
  const [step, setStep] = useState<Step>({ kind: 'details' });
  if (session) {
    return (
      <>
        <h1>Create an account</h1>
        <p>You are signed in as {session.email}.</p>
      </>
    );
  }
  return (
    <>
      <h1>Create an account</h1>
      {step.kind === 'details' && <SignUpForm onDone={(email) => setStep({ kind: 'code', email })} />}
      {step.kind === 'code' && <ConfirmForm email={step.email} onDone={() => setStep({ kind: 'done' })} />}
      {step.kind === 'done' && (
        <div className="panel narrow">
          <p className="notice" role="status">
            Your email is verified and your account is ready. Sign in with your email and password.
          </p>
          {/* Not named "Sign in": the header's button has that name, and tests address it by it. */}
          <button type="button" onClick={() => void shop.signIn('/')}>
            Continue to sign-in
          </button>
        </div>
      )}
    </>
  );
}
