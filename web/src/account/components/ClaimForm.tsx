'use client';

import { useActionState } from 'react';
import { Field } from '../../forms/Field';
import { FormAlert } from '../../forms/FormAlert';
import { SubmitButton } from '../../forms/SubmitButton';
import type { FormState } from '../../forms/formState';
import formStyles from '../../forms/forms.module.css';
import { claimAccount, type ClaimField } from '../accountActions';

const initial: FormState<ClaimField> = { status: 'idle' };

/** For guests: add an email and password to keep this pilot and starbase. */
export function ClaimForm() {
  const [state, action, pending] = useActionState(claimAccount, initial);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className={formStyles.form} noValidate>
      <FormAlert state={state} />
      <Field
        idPrefix="claim"
        name="email"
        type="email"
        label="Email"
        defaultValue={state.values?.email}
        error={errors.email}
        autoComplete="email"
        placeholder="pilot@example.com"
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
      <SubmitButton pending={pending} pendingLabel="Saving…" block={false}>
        Save my account
      </SubmitButton>
    </form>
  );
}
