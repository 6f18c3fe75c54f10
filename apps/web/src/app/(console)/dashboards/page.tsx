import type { Metadata } from 'next';
import { DashboardsView } from '../../../components/dashboards-view.tsx';

export const metadata: Metadata = { title: 'Dashboards' };

export default function DashboardsPage() {
  return <DashboardsView />;
}
