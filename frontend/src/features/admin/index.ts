// The admin feature's public surface, used by the app layer.
export { AuditPage } from './components/AuditPage';
export { InvitationsPage } from './components/InvitationsPage';
export { MembersPage } from './components/MembersPage';
export { SettingsPage } from './components/SettingsPage';
export { PolicyBanner } from './components/PolicyBanner';
export { PolicyPage } from './components/PolicyPage';
