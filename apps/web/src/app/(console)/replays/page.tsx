import type { Metadata } from 'next';
import { ReplaysView } from '../../../components/replays-view.tsx';
import { AdminsOnly, isAdmin } from '../admins-only.tsx';

export const metadata: Metadata = { title: 'Replays' };

export default async function ReplaysPage() {
  if (!(await isAdmin())) return <AdminsOnly page="Replays" />;
  return <ReplaysView />;
}
