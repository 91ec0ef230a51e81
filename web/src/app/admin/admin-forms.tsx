'use client';

import type { DeviceEntry, Retention, RoleInfo, User } from '@sipflow/proto';
import { createUserAction, putDeviceAction, setRetentionAction, toggleUserAction } from './actions';
import { ActionForm } from '../../components/shell/action-form';
import { TableHead } from '../../components/shell/table-head';

export function UsersAdmin({ users, roles }: { users: User[]; roles: RoleInfo[] }) {
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">Users and roles</h2>
      <table data-testid="users">
        <TableHead columns={['username', 'name', 'roles', 'state']} />
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{u.roles.join(', ')}</td>
              <td>
                <ActionForm
                  action={toggleUserAction}
                  label={u.disabled ? `Enable ${u.username}` : `Disable ${u.username}`}
                >
                  <input type="hidden" name="id" value={u.id} />
                  <input type="hidden" name="disabled" value={String(!u.disabled)} />
                  {u.disabled ? 'disabled' : 'active'}
                </ActionForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>New user</h3>
      <ActionForm action={createUserAction} label="Create user">
        <label>
          Username
          <input name="username" required autoComplete="off" />
        </label>
        <label>
          Display name
          <input name="displayName" />
        </label>
        <label>
          Role
          <select name="roles" defaultValue="support">
            {roles.map((r) => (
              <option key={r.name} value={r.name} title={r.actions.join(', ')}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Password
          <input name="password" type="password" required autoComplete="new-password" minLength={8} />
        </label>
        <label>
          Customer numbers (customers only)
          <input name="customerNumbers" placeholder="+441632960555, 01632960556" />
        </label>
      </ActionForm>
    </section>
  );
}

export function DevicesAdmin({ devices, pools }: { devices: DeviceEntry[]; pools: string[] }) {
  return (
    <section aria-labelledby="devices-heading">
      <h2 id="devices-heading">Device names and pools</h2>
      <table data-testid="devices">
        <TableHead columns={['id', 'name', 'pool', 'address']} />
        <tbody>
          {devices.map((d) => (
            <tr key={d.id}>
              <td className="mono">{d.id}</td>
              <td>{d.name}</td>
              <td>{d.pool}</td>
              <td className="mono">{d.address}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ActionForm action={putDeviceAction} label="Save device">
        <label>
          Id
          <input name="id" required />
        </label>
        <label>
          Name
          <input name="name" />
        </label>
        <label>
          Pool
          <input name="pool" list="pools" />
          <datalist id="pools">
            {pools.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <label>
          Address
          <input name="address" />
        </label>
      </ActionForm>
    </section>
  );
}

export function RetentionAdmin({ retention }: { retention: Retention | undefined }) {
  return (
    <section aria-labelledby="retention-heading">
      <h2 id="retention-heading">Retention (days)</h2>
      <ActionForm action={setRetentionAction} label="Save retention">
        <label>
          SIP messages and calls
          <input name="messagesDays" type="number" min={1} required defaultValue={retention?.messagesDays} />
        </label>
        <label>
          Response-code roll-ups
          <input name="aggregatesDays" type="number" min={1} required defaultValue={retention?.aggregatesDays} />
        </label>
        <label>
          Audit log
          <input name="auditDays" type="number" min={1} required defaultValue={retention?.auditDays} />
        </label>
      </ActionForm>
    </section>
  );
}
