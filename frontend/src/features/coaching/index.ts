// The coaching feature's public surface, used by the app layer.
export { CoachingTasksPage } from './components/CoachingTasksPage';
export { MyCoachingPage } from './components/MyCoachingPage';
export { MyReadinessPage } from './components/MyReadinessPage';
export { ReadinessOverviewPage } from './components/ReadinessOverviewPage';
export { RolloutPage } from './components/RolloutPage';
