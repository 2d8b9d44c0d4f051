'use client';

import { useActionState } from 'react';
import { Field } from '../../forms/Field';
import { FormAlert } from '../../forms/FormAlert';
import { SubmitButton } from '../../forms/SubmitButton';
import type { FormState } from '../../forms/formState';
import formStyles from '../../forms/forms.module.css';
import { changePassword, type PasswordField } from '../accountActions';

const initial: FormState<PasswordField> = { status: 'idle' };

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePassword, initial);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className={formStyles.form} noValidate>
      <FormAlert state={state} />
      <Field
        idPrefix="password"
        name="currentPassword"
        type="password"
        label="Current password"
        error={errors.currentPassword}
        autoComplete="current-password"
        required
      />
      <Field
        idPrefix="password"
        name="newPassword"
        type="password"
        label="New password"
        error={errors.newPassword}
        autoComplete="new-password"
        hint="At least 8 characters."
        required
      />
      <SubmitButton pending={pending} pendingLabel="Changing…" block={false}>
        Change password
      </SubmitButton>
    </form>
  );
}
