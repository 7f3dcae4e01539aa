// The analytics feature's public surface, used by the app layer.
export { AnalyticsPage } from './components/AnalyticsPage';
export { ExportsPage } from './components/ExportsPage';
export { InsightsPage } from './components/InsightsPage';
export { MyResultsPage } from './components/MyResultsPage';
