// /sign-up: create an account with email and password (Cognito SignUp), then verify the emailed code
// (ConfirmSignUp); the shopper then signs in through the hosted page.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useForm, type Path } from 'react-hook-form';
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

type CognitoField = NonNullable<ReturnType<typeof cognitoError>['field']>;

/**
 * A sign-up step's form: `run` calls Cognito with the values; a refusal about one of `fields` shows at that
 * field, any other as the form's message.
 */
function useCognitoForm<V extends Partial<Record<CognitoField, string>>>(
  fields: readonly (CognitoField & Path<V>)[],
  run: (values: V) => Promise<void>,
) {
  const form = useForm<V>();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFormMessage(null);
    try {
      await run(values);
    } catch (error) {
      const { field, message } = cognitoError(error);
      const at = fields.find((f) => f === field);
      if (at) form.setError(at, { type: 'server', message });
      else setFormMessage(message);
    }
  });
  const step = {
    onSubmit: (e: FormEvent) => void submit(e),
    formMessage,
    submitting: form.formState.isSubmitting,
  };
  return { form, step };
}

/** The panel a step's fields sit in, with the step's message and its submit button. */
function StepForm(props: {
  onSubmit: (e: FormEvent) => void;
  formMessage: string | null;
  submitting: boolean;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form onSubmit={props.onSubmit} noValidate className="panel narrow">
      {props.children}
      {props.formMessage && (
        <p className="alert" role="alert">
          {props.formMessage}
        </p>
      )}
      <button type="submit" disabled={props.submitting}>
        {props.submitLabel}
      </button>
    </form>
  );
}

interface SignUpValues {
  email: string;
  password: string;
}

function SignUpForm({ onDone }: { onDone: (email: string) => void }) {
  const { config } = useShop();
  const { form, step } = useCognitoForm<SignUpValues>(['email', 'password'], async ({ email, password }) => {
    const cognito = await import('../cognito-sign-up.ts');
    await cognito.signUp(config, email.trim(), password);
    onDone(email.trim());
  });
  const { register, formState } = form;
  return (
    <StepForm {...step} submitLabel="Create account">
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
    </StepForm>
  );
}

interface ConfirmValues {
  code: string;
}

function ConfirmForm({ email, onDone }: { email: string; onDone: () => void }) {
  const { config } = useShop();
  const { form, step } = useCognitoForm<ConfirmValues>(['code'], async ({ code }) => {
    const cognito = await import('../cognito-sign-up.ts');
    await cognito.confirmSignUp(config, email, code.trim());
    onDone();
  });
  const { register, formState } = form;
  return (
    <StepForm {...step} submitLabel="Verify email">
      <p>We sent a verification code to {email}.</p>
      {config.stage === 'local' && <p className="hint">Local stage: the code is always 123456.</p>}
      <TextField
        label="Verification code"
        autoComplete="one-time-code"
        inputMode="numeric"
        error={formState.errors.code?.message}
        {...register('code', { required: 'Enter the code from the email.' })}
      />
    </StepForm>
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
