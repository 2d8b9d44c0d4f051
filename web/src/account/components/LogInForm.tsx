'use client';

import { useActionState } from 'react';
import { Field } from '../../forms/Field';
import { FormAlert } from '../../forms/FormAlert';
import { SubmitButton } from '../../forms/SubmitButton';
import type { FormState } from '../../forms/formState';
import formStyles from '../../forms/forms.module.css';
import { logIn, type LogInField } from '../authActions';

const initial: FormState<LogInField> = { status: 'idle' };

/** `next`: where to go after logging in (checked on the server). */
export function LogInForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(logIn, initial);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className={formStyles.form} noValidate>
      <FormAlert state={state} />
      {next && <input type="hidden" name="next" value={next} />}
      <Field
        idPrefix="login"
        name="email"
        type="email"
        label="Email"
        defaultValue={values.email}
        error={errors.email}
        autoComplete="email"
        placeholder="pilot@example.com"
        required
      />
      <Field idPrefix="login" name="password" type="password" label="Password" error={errors.password} autoComplete="current-password" required />
      <SubmitButton pending={pending} pendingLabel="Docking…">
        Log in
      </SubmitButton>
    </form>
  );
}
