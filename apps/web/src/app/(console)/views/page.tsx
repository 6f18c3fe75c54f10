import type { Metadata } from 'next';
import { ViewsView } from '../../../components/views-view.tsx';

export const metadata: Metadata = { title: 'Views' };

export default function ViewsPage() {
  return <ViewsView />;
}
