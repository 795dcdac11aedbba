import type { Metadata } from "next";
import Link from "next/link";
import { CreateCohortForm } from "@/components/instructor/create-cohort-form";
import { orNotFound, requirePageRole } from "@/lib/auth/guards";
import { listOwnCohorts } from "@/lib/instructor/cohorts";

export const metadata: Metadata = { title: "Your cohorts" };

export default async function InstructorPage() {
  const user = await requirePageRole("INSTRUCTOR", "/instructor");
  const cohorts = await orNotFound(() => listOwnCohorts(user));
  return (
    <div className="stack">
      <h1>Your cohorts</h1>
      {cohorts.length === 0 ? (
        <p className="empty">You have no cohorts yet. Create one and share its invite link with your learners.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="cohort-list">
            <thead>
              <tr>
                <th scope="col">Cohort</th>
                <th scope="col">Learners</th>
                <th scope="col">Invite code</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((cohort) => (
                <tr key={cohort.id}>
                  <td>
                    <Link href={`/instructor/cohorts/${cohort.id}`}>{cohort.name}</Link>
                    {cohort.description && <div className="muted small">{cohort.description}</div>}
                  </td>
                  <td>{cohort.memberCount}</td>
                  <td>
                    <code>{cohort.inviteCode}</code>
                  </td>
                  <td>{cohort.archivedAt ? <span className="badge">Archived</span> : <span className="badge ok">Active</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateCohortForm />
    </div>
  );
}
