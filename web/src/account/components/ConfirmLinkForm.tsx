'use client';

import { useActionState } from 'react';
import { FormAlert } from '../../forms/FormAlert';
import { SubmitButton } from '../../forms/SubmitButton';
import type { FormState } from '../../forms/formState';
import formStyles from '../../forms/forms.module.css';
import { confirmLink } from '../authActions';

const initial: FormState = { status: 'idle' };

/** The one button of a mailed link's page; pressing it spends the link. */
export function ConfirmLinkForm({ token, label, pendingLabel }: { token: string; label: string; pendingLabel: string }) {
  const [state, action, pending] = useActionState(confirmLink, initial);
  return (
    <form action={action} className={formStyles.form}>
      <FormAlert state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={pending} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
    </form>
  );
}
