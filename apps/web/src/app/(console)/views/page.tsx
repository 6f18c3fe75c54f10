import { defaultGroupCap, viewMetrics } from '@tidemark/core';
import type { Metadata } from 'next';
import '../dashboards/dashboards.css';
import { ViewsEditor } from './views-editor.tsx';

export const metadata: Metadata = { title: 'Views' };

export default function ViewsPage() {
  return <ViewsEditor limits={{ metrics: viewMetrics, defaultGroupCap }} />;
}
