import type { Metadata } from "next";
import Link from "next/link";
import { RoleForm } from "@/components/admin/role-form";
import { orNotFound, requirePageRole } from "@/lib/auth/guards";
import { ADMIN_LIST_LIMIT, listUsersForAdmin } from "@/lib/admin/roles";
import { AdminUserSearchSchema } from "@/lib/schemas/admin";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Admin: roles" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  const user = await requirePageRole("ADMIN", "/admin");
  const { q } = AdminUserSearchSchema.parse(await searchParams);
  const users = await orNotFound(() => listUsersForAdmin(user, q));
  return (
    <div className="stack">
      <h1>Roles</h1>
      <p className="muted">
        Instructors can create cohorts and see their members&apos; progress; admins can also change roles. A change applies on the
        person&apos;s next request. From a shell: <code>npm run user:role -- someone@example.com INSTRUCTOR</code>.
      </p>
      <p>
        <Link href="/admin/runners">Code runners</Link>: workers, queue depth, waiting time and runs per minute.
      </p>
      <form method="get" className="row" role="search">
        <label htmlFor="admin-search">Find people</label>
        <input id="admin-search" name="q" type="search" defaultValue={q} placeholder="Name or email" />
        <button type="submit" className="button small">
          Search
        </button>
      </form>
      <div className="table-wrap">
        <table data-testid="admin-users">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Joined</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((row) => (
              <tr key={row.id} data-testid={`admin-user-${row.email}`}>
                <td>{row.name}</td>
                <td>{row.email}</td>
                <td>{formatDate(row.createdAt)}</td>
                <td>
                  <RoleForm userId={row.id} email={row.email} role={row.role} self={row.id === user.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {users.length === ADMIN_LIST_LIMIT && <p className="muted">Showing the newest {ADMIN_LIST_LIMIT}. Search to find others.</p>}
    </div>
  );
}
