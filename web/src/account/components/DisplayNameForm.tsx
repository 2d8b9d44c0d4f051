'use client';

import { useActionState } from 'react';
import { Field } from '../../forms/Field';
import { FormAlert } from '../../forms/FormAlert';
import { SubmitButton } from '../../forms/SubmitButton';
import type { FormState } from '../../forms/formState';
import formStyles from '../../forms/forms.module.css';
import { changeDisplayName, type DisplayNameField } from '../accountActions';

const initial: FormState<DisplayNameField> = { status: 'idle' };

export function DisplayNameForm({ current }: { current: string }) {
  const [state, action, pending] = useActionState(changeDisplayName, initial);
  return (
    <form action={action} className={formStyles.form} noValidate>
      <FormAlert state={state} />
      <Field
        idPrefix="profile"
        name="displayName"
        label="Commander name"
        defaultValue={state.values?.displayName ?? current}
        error={state.fieldErrors?.displayName}
        autoComplete="nickname"
        maxLength={24}
        hint="3–24 characters. Other players see this name."
        required
      />
      <SubmitButton pending={pending} pendingLabel="Saving…" block={false}>
        Save name
      </SubmitButton>
    </form>
  );
}
