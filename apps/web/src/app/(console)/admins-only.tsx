import { currentPrincipal } from './principal.ts';

/** Server-side gate of the admin pages: the API refuses viewers anyway, this keeps the page honest. */
export async function isAdmin(): Promise<boolean> {
  const principal = await currentPrincipal();
  return typeof principal === 'object' && principal.role === 'admin';
}

export function AdminsOnly({ page }: { page: string }) {
  return (
    <div className="forbidden" role="alert" data-testid="forbidden">
      <h1>{page}</h1>
      <p className="empty-title">Admins only</p>
      <p>
        You are signed in with a query token, which can read dashboards. {page} needs an admin token
        (tidemark:admin) for this tenant.
      </p>
    </div>
  );
}
