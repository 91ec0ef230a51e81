import 'server-only';
import { AdminServiceService, type DeviceEntry, type Retention, type RoleInfo, type User } from '@sipflow/proto';
import type { PortalSession } from '../session-seal';
import { api } from './api';

export interface AdminData {
  users: User[];
  roles: RoleInfo[];
  devices: DeviceEntry[];
  pools: string[];
  retention: Retention | undefined;
}

export async function adminData(session: PortalSession): Promise<AdminData> {
  const token = session.accessToken;
  const [users, roles, devices, retention] = await Promise.all([
    api().unary(AdminServiceService.listUsers, {}, token),
    api().unary(AdminServiceService.listRoles, {}, token),
    api().unary(AdminServiceService.listDevices, {}, token),
    api().unary(AdminServiceService.getRetention, {}, token),
  ]);
  return {
    users: users.users,
    roles: roles.roles,
    devices: devices.devices,
    pools: devices.pools,
    retention: retention.retention,
  };
}

export async function createUser(
  session: PortalSession,
  user: { username: string; displayName: string; roles: string[]; password: string; customerNumbers: string[] },
): Promise<void> {
  const { customerNumbers, ...fields } = user;
  // A customer account sees only calls touching its own numbers: one customer scope named after it.
  const scopes = customerNumbers.length
    ? {
        deviceGroups: undefined,
        customers: {
          customers: [
            { id: user.username, name: user.displayName, numbers: customerNumbers, prefixes: [], domains: [] },
          ],
        },
      }
    : undefined;
  await api().unary(AdminServiceService.createUser, { ...fields, scopes }, session.accessToken);
}

export async function setUserDisabled(session: PortalSession, id: string, disabled: boolean): Promise<void> {
  await api().unary(
    AdminServiceService.updateUser,
    { id, roles: [], replaceRoles: false, scopes: undefined, disabled },
    session.accessToken,
  );
}

export async function deleteUser(session: PortalSession, id: string): Promise<void> {
  await api().unary(AdminServiceService.deleteUser, { id }, session.accessToken);
}

export async function putDevice(session: PortalSession, device: DeviceEntry): Promise<void> {
  await api().unary(AdminServiceService.putDevice, { device }, session.accessToken);
}

export async function deleteDevice(session: PortalSession, id: string): Promise<void> {
  await api().unary(AdminServiceService.deleteDevice, { id }, session.accessToken);
}

export async function setRetention(session: PortalSession, retention: Retention): Promise<void> {
  await api().unary(AdminServiceService.setRetention, { retention }, session.accessToken);
}
