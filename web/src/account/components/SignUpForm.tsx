'use client';

import { useActionState } from 'react';
import { Field } from '../../forms/Field';
import { FormAlert } from '../../forms/FormAlert';
import { SubmitButton } from '../../forms/SubmitButton';
import type { FormState } from '../../forms/formState';
import formStyles from '../../forms/forms.module.css';
import { signUp, type SignUpField } from '../authActions';

const initial: FormState<SignUpField> = { status: 'idle' };

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUp, initial);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className={formStyles.form} noValidate>
      <FormAlert state={state} />
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
      <SubmitButton pending={pending} pendingLabel="Founding your starbase…">
        Create account
      </SubmitButton>
    </form>
  );
}
