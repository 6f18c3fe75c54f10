import type { Metadata } from 'next';
import { PipelineView } from '../../../components/pipeline-view.tsx';
import { AdminsOnly, isAdmin } from '../admins-only.tsx';

export const metadata: Metadata = { title: 'Pipeline' };

export default async function PipelinePage() {
  if (!(await isAdmin())) return <AdminsOnly page="Pipeline" />;
  return <PipelineView />;
}
