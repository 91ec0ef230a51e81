'use server';

import { revalidatePath } from 'next/cache';
import { ApiError } from '../../server/api/api-error';
import * as admin from '../../server/api/admin';
import type { ActionState } from '../../components/shell/action-form';
import { requireSession } from '../../server/session';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** Runs one administrative change; the API checks the role, the page reports what happened. */
async function change(done: string, work: (session: Awaited<ReturnType<typeof requireSession>>) => Promise<void>) {
  const session = await requireSession('/admin');
  try {
    await work(session);
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
  revalidatePath('/admin');
  return { message: done };
}

export async function createUserAction(_: ActionState, form: FormData): Promise<ActionState> {
  const username = text(form, 'username');
  return change(`Created ${username}.`, (s) =>
    admin.createUser(s, {
      username,
      displayName: text(form, 'displayName') || username,
      roles: form.getAll('roles').map(String),
      password: String(form.get('password') ?? ''),
      customerNumbers: text(form, 'customerNumbers')
        .split(/[,;\s]+/)
        .filter(Boolean),
    }),
  );
}

export async function toggleUserAction(_: ActionState, form: FormData): Promise<ActionState> {
  const disabled = text(form, 'disabled') === 'true';
  return change(disabled ? 'Disabled.' : 'Enabled.', (s) => admin.setUserDisabled(s, text(form, 'id'), disabled));
}

export async function putDeviceAction(_: ActionState, form: FormData): Promise<ActionState> {
  const id = text(form, 'id');
  return change(`Saved device ${id}.`, (s) =>
    admin.putDevice(s, {
      id,
      name: text(form, 'name') || id,
      pool: text(form, 'pool'),
      address: text(form, 'address'),
    }),
  );
}

export async function setRetentionAction(_: ActionState, form: FormData): Promise<ActionState> {
  const days = (name: string) => Number(text(form, name));
  return change('Retention saved.', (s) =>
    admin.setRetention(s, {
      messagesDays: days('messagesDays'),
      aggregatesDays: days('aggregatesDays'),
      auditDays: days('auditDays'),
    }),
  );
}
