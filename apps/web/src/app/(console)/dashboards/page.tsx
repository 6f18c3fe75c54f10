import { maxSeriesPoints, seriesIntervals } from '@tidemark/core';
import type { Metadata } from 'next';
import { DashboardsView } from './dashboards-view.tsx';
import './dashboards.css';

export const metadata: Metadata = { title: 'Dashboards' };

export default function DashboardsPage() {
  return <DashboardsView limits={{ intervals: seriesIntervals, maxPoints: maxSeriesPoints }} />;
}
