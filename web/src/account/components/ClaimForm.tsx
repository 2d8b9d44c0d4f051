'use client';

import { useActionState, useState } from 'react';
import { Field } from '../../forms/Field';
import { FormAlert } from '../../forms/FormAlert';
import { SubmitButton } from '../../forms/SubmitButton';
import type { FormState } from '../../forms/formState';
import formStyles from '../../forms/forms.module.css';
import { claimAccount, type ClaimField } from '../accountActions';
import { MailSentPanel } from './MailSentPanel';

const initial: FormState<ClaimField> = { status: 'idle' };

/** For guests: add an email and password to keep this pilot and starbase (confirmed by a mailed link). */
export function ClaimForm() {
  const [state, action, pending] = useActionState(claimAccount, initial);
  const [dismissed, setDismissed] = useState<FormState<ClaimField> | null>(null);
  const errors = state.fieldErrors ?? {};
  if (state.status === 'success' && state !== dismissed) {
    return (
      <MailSentPanel
        email={state.values?.email ?? ''}
        toDo="to save your account"
        note={state.note}
        again={{ label: 'Use another address', onClick: () => setDismissed(state) }}
      />
    );
  }
  return (
    <form action={action} className={formStyles.form} noValidate>
      {state.status === 'error' && <FormAlert state={state} />}
      <Field
        idPrefix="claim"
        name="email"
        type="email"
        label="Email"
        defaultValue={state.values?.email}
        error={errors.email}
        autoComplete="email"
        placeholder="pilot@example.com"
        hint="We mail you a link to confirm it."
        required
      />
      <Field
        idPrefix="claim"
        name="password"
        type="password"
        label="Password"
        error={errors.password}
        autoComplete="new-password"
        hint="At least 8 characters."
        required
      />
      <SubmitButton pending={pending} pendingLabel="Sending your link…" block={false}>
        Save my account
      </SubmitButton>
    </form>
  );
}
