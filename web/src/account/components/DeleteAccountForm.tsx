'use client';

import { useActionState } from 'react';
import { Field } from '../../forms/Field';
import { FormAlert } from '../../forms/FormAlert';
import { SubmitButton } from '../../forms/SubmitButton';
import type { FormState } from '../../forms/formState';
import formStyles from '../../forms/forms.module.css';
import { deleteAccount, type DeleteField } from '../accountActions';
import { DELETE_CONFIRMATION } from '../constants';

const initial: FormState<DeleteField> = { status: 'idle' };

/** Deletes the account for good: a password for a registered player, the word DELETE for a guest. */
export function DeleteAccountForm({ isGuest }: { isGuest: boolean }) {
  const [state, action, pending] = useActionState(deleteAccount, initial);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className={formStyles.form} noValidate>
      <FormAlert state={state} />
      {isGuest ? (
        <Field
          idPrefix="delete"
          name="confirm"
          label={`Type ${DELETE_CONFIRMATION} to confirm`}
          defaultValue={state.values?.confirm}
          error={errors.confirm}
          autoComplete="off"
          spellCheck={false}
          required
        />
      ) : (
        <Field
          idPrefix="delete"
          name="password"
          type="password"
          label="Your password"
          error={errors.password}
          autoComplete="current-password"
          required
        />
      )}
      <SubmitButton pending={pending} pendingLabel="Deleting…" variant="danger" block={false}>
        Delete my account and starbase
      </SubmitButton>
    </form>
  );
}
