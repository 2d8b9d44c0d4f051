'use client';

import { useActionState, useState } from 'react';
import { Field } from '../../forms/Field';
import { FormAlert } from '../../forms/FormAlert';
import { SubmitButton } from '../../forms/SubmitButton';
import type { FormState } from '../../forms/formState';
import formStyles from '../../forms/forms.module.css';
import { signUp, type SignUpField } from '../authActions';
import { MailSentPanel } from './MailSentPanel';

const initial: FormState<SignUpField> = { status: 'idle' };

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUp, initial);
  // the answer that was shown as "check your inbox" until the player chose to edit the form again
  const [dismissed, setDismissed] = useState<FormState<SignUpField> | null>(null);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  if (state.status === 'success' && state !== dismissed) {
    return (
      <MailSentPanel
        email={values.email ?? ''}
        toDo="to found your starbase"
        note={state.note}
        again={{ label: 'Use another address', onClick: () => setDismissed(state) }}
      />
    );
  }
  return (
    <form action={action} className={formStyles.form} noValidate>
      {state.status === 'error' && <FormAlert state={state} />}
      <Field
        idPrefix="signup"
        name="displayName"
        label="Commander name"
        defaultValue={values.displayName}
        error={errors.displayName}
        autoComplete="nickname"
        maxLength={24}
        hint="3–24 characters. Other players will see it."
        required
      />
      <Field
        idPrefix="signup"
        name="email"
        type="email"
        label="Email"
        defaultValue={values.email}
        error={errors.email}
        autoComplete="email"
        placeholder="pilot@example.com"
        hint="We mail you a link to confirm it."
        required
      />
      <Field
        idPrefix="signup"
        name="password"
        type="password"
        label="Password"
        error={errors.password}
        autoComplete="new-password"
        hint="At least 8 characters."
        required
      />
      <SubmitButton pending={pending} pendingLabel="Sending your link…">
        Create account
      </SubmitButton>
    </form>
  );
}
