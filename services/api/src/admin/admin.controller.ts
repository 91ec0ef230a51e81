import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { ROLE_PERMISSIONS, ROLES, type Scopes as AuthScopes } from '@sipflow/auth';
import {
  AdminServiceControllerMethods,
  type AdminServiceController,
  type CreateUserRequest,
  type CreateUserResponse,
  type DeleteDeviceRequest,
  type DeleteDeviceResponse,
  type DeleteUserRequest,
  type DeleteUserResponse,
  type GetRetentionResponse,
  type ListAuditEventsRequest,
  type ListAuditEventsResponse,
  type ListDevicesResponse,
  type ListRolesResponse,
  type ListUsersResponse,
  type PutDeviceRequest,
  type PutDeviceResponse,
  type Retention,
  type SetPasswordRequest,
  type SetPasswordResponse,
  type SetRetentionRequest,
  type SetRetentionResponse,
  type UpdateUserRequest,
  type UpdateUserResponse,
  type User,
} from '@sipflow/proto';
import type { ApiStore, SipStore, StoredUser } from '@sipflow/store';
import { Audited } from '../audit/audited';
import { AccountsService, validRoles } from '../auth/accounts.service';
import { callerOf } from '../auth/caller';
import { Allow } from '../auth/rpc-access';
import { ApiError } from '../errors/api-error';
import { isPrintable } from '../errors/printable';
import type { ApiSettings } from '../server/api-settings';
import { API_SETTINGS, API_STORE, SIP_STORE } from '../server/tokens';
import { scopesFromWire, scopesToWire } from './scopes';

export const RETENTION_SETTING = 'retention';

function toUser(user: StoredUser): User {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    scopes: scopesToWire(JSON.parse(user.scopes || '{}') as AuthScopes),
    disabled: user.disabled,
    createdUs: user.created * 1000,
    updatedUs: user.updated * 1000,
  };
}

const plain = (value: string, field: string, max = 256) => {
  const v = value.trim();
  if (v.length > max || !isPrintable(v)) throw ApiError.invalid(`${field}: at most ${max} printable characters`);
  return v;
};

@Controller()
@AdminServiceControllerMethods()
export class AdminController implements AdminServiceController {
  constructor(
    @Inject(API_STORE) private readonly store: ApiStore,
    @Inject(SIP_STORE) private readonly sipStore: SipStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly accounts: AccountsService,
  ) {}

  private async user(id: string): Promise<StoredUser> {
    const user = id ? await this.store.getUser(id) : undefined;
    if (!user) throw ApiError.notFound(`no user ${id}`);
    return user;
  }

  @Allow('admin:users')
  async listUsers(): Promise<ListUsersResponse> {
    return { users: (await this.store.listUsers()).map(toUser) };
  }

  @Allow('admin:users')
  @Audited('admin.CreateUser', (r: CreateUserRequest) => r.username)
  async createUser(request: CreateUserRequest): Promise<CreateUserResponse> {
    const user = await this.accounts.createUser({
      username: request.username,
      displayName: plain(request.displayName, 'display_name'),
      roles: request.roles,
      scopes: scopesFromWire(request.scopes),
      password: request.password,
    });
    return { user: toUser(user) };
  }

  @Allow('admin:users')
  @Audited('admin.UpdateUser', (r: UpdateUserRequest) => r.id)
  async updateUser(request: UpdateUserRequest, metadata?: Metadata): Promise<UpdateUserResponse> {
    const user = await this.user(request.id);
    const self = callerOf(metadata).principal.subject === user.id;
    const next: StoredUser = { ...user, updated: Date.now() };
    if (request.displayName !== undefined && request.displayName !== null)
      next.displayName = plain(request.displayName, 'display_name');
    if (request.replaceRoles) next.roles = validRoles(request.roles);
    if (request.scopes) next.scopes = JSON.stringify(scopesFromWire(request.scopes));
    if (request.disabled !== undefined && request.disabled !== null) next.disabled = request.disabled;
    if (self && (next.disabled || !next.roles.includes('admin'))) {
      throw ApiError.invalid('you cannot disable yourself or take away your own admin role');
    }
    await this.store.putUser(next);
    return { user: toUser(next) };
  }

  @Allow('admin:users')
  @Audited('admin.DeleteUser', (r: DeleteUserRequest) => r.id)
  async deleteUser(request: DeleteUserRequest, metadata?: Metadata): Promise<DeleteUserResponse> {
    const user = await this.user(request.id);
    if (callerOf(metadata).principal.subject === user.id) throw ApiError.invalid('you cannot delete yourself');
    await this.store.deleteUser(user);
    return {};
  }

  @Allow('admin:users')
  @Audited('admin.SetPassword', (r: SetPasswordRequest) => r.id)
  async setPassword(request: SetPasswordRequest): Promise<SetPasswordResponse> {
    await this.accounts.setPassword(await this.user(request.id), request.password);
    return {};
  }

  @Allow('admin:users')
  listRoles(): ListRolesResponse {
    return { roles: ROLES.map((name) => ({ name, actions: [...ROLE_PERMISSIONS[name]] })) };
  }

  @Allow('admin:devices')
  async listDevices(): Promise<ListDevicesResponse> {
    const devices = await this.store.listDevices();
    return {
      devices: devices.map((d) => ({ id: d.id, name: d.name, pool: d.pool, address: d.address })),
      pools: [...new Set(devices.map((d) => d.pool).filter(Boolean))].sort(),
    };
  }

  @Allow('admin:devices')
  @Audited('admin.PutDevice', (r: PutDeviceRequest) => r.device?.id ?? '')
  async putDevice(request: PutDeviceRequest): Promise<PutDeviceResponse> {
    const d = request.device;
    if (!d?.id) throw ApiError.invalid('device.id is required');
    const device = {
      id: plain(d.id, 'device.id'),
      name: plain(d.name, 'device.name'),
      pool: plain(d.pool, 'device.pool'),
      address: plain(d.address, 'device.address'),
      updated: Date.now(),
    };
    await this.store.putDevice(device);
    return { device: { id: device.id, name: device.name, pool: device.pool, address: device.address } };
  }

  @Allow('admin:devices')
  @Audited('admin.DeleteDevice', (r: DeleteDeviceRequest) => r.id)
  async deleteDevice(request: DeleteDeviceRequest): Promise<DeleteDeviceResponse> {
    if (!request.id) throw ApiError.invalid('id is required');
    await this.store.deleteDevice(request.id);
    return {};
  }

  private async retention(): Promise<Retention> {
    const stored = await this.store.getSetting(RETENTION_SETTING);
    return stored ? (JSON.parse(stored) as Retention) : { ...this.settings.retention };
  }

  @Allow('admin:retention')
  async getRetention(): Promise<GetRetentionResponse> {
    return { retention: await this.retention() };
  }

  @Allow('admin:retention')
  @Audited('admin.SetRetention', (r: SetRetentionRequest) => JSON.stringify(r.retention ?? {}))
  async setRetention(request: SetRetentionRequest): Promise<SetRetentionResponse> {
    const r = request.retention;
    const days = [r?.messagesDays, r?.aggregatesDays, r?.auditDays];
    if (!r || days.some((d) => !d || d < 1 || d > 3650)) {
      throw ApiError.invalid('retention: messages, aggregates and audit days, each 1 to 3650');
    }
    const retention = { messagesDays: r.messagesDays, aggregatesDays: r.aggregatesDays, auditDays: r.auditDays };
    await this.sipStore.applyRetention(retention);
    await this.store.putSetting(RETENTION_SETTING, JSON.stringify(retention));
    return { retention };
  }

  @Allow('audit:read')
  async listAuditEvents(request: ListAuditEventsRequest): Promise<ListAuditEventsResponse> {
    const events = await this.store.listAudit({
      ...(request.sinceUs && { since: Math.floor(request.sinceUs / 1000) }),
      ...(request.untilUs && { until: Math.ceil(request.untilUs / 1000) }),
      ...(request.subject && { subject: request.subject }),
      ...(request.action && { action: request.action }),
      limit: request.limit || 100,
    });
    return {
      events: events.map((e) => ({
        tsUs: e.ts * 1000,
        subject: e.subject,
        roles: e.roles,
        action: e.action,
        target: e.target,
        peer: e.peer,
        outcome: e.outcome,
        detail: e.detail,
      })),
    };
  }
}
