import type { Metadata } from 'next';
import { TokensView } from '../../../components/tokens-view.tsx';
import { AdminsOnly, isAdmin } from '../admins-only.tsx';

export const metadata: Metadata = { title: 'Tokens' };

export default async function TokensPage() {
  if (!(await isAdmin())) return <AdminsOnly page="Tokens" />;
  return <TokensView />;
}
