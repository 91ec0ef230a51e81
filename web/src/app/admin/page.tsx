import { ApiProblem } from '../../components/shell/api-problem';
import { adminData } from '../../server/api/admin';
import { load } from '../../server/api/api';
import { requireSession } from '../../server/session';
import { DevicesAdmin, RetentionAdmin, UsersAdmin } from './admin-forms';

export const metadata = { title: 'Admin · sipflow' };

export default async function AdminPage() {
  const session = await requireSession('/admin');
  const result = await load('/admin', () => adminData(session));
  return (
    <>
      <h1>Administration</h1>
      {!result.ok ? (
        <ApiProblem error={result.error} what="the administration pages" />
      ) : (
        <>
          <UsersAdmin users={result.value.users} roles={result.value.roles} />
          <DevicesAdmin devices={result.value.devices} pools={result.value.pools} />
          <RetentionAdmin retention={result.value.retention} />
        </>
      )}
    </>
  );
}
